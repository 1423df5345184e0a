# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor beheer backup|restore``: one backup of warehouse, publications, portal database
and audit anchor; restore into a fresh place, proven by the audit chain and the checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings

beheer_app = typer.Typer(help=_("Beheer: back-up en herstel."), no_args_is_help=True)
app.add_typer(beheer_app, name="beheer")

WAREHOUSE_OPTION = typer.Option(
    "--warehouse", help=_("De warehouse (standaard KETENMONITOR_WAREHOUSE of de werkmap)."))


@beheer_app.command("backup", help=_("Maak een back-up in een nieuwe map (zonder auditsleutel)."))
@handles_errors
def backup(
    map: Annotated[Path, typer.Argument(help=_("Nieuwe, lege map voor de back-up."))],
    warehouse: Annotated[Path | None, WAREHOUSE_OPTION] = None,
) -> None:
    from ketenmonitor.portal import setup

    setup()
    from ketenmonitor.portal.backup import backup as make_backup

    files = make_backup(map, warehouse or get_settings().warehouse_path)
    typer.echo(_("Back-up gemaakt in {map}: {n} bestanden met controlesom (manifest.json). De "
                 "auditsleutel zit er bewust niet in; bewaar die apart.").format(
                     map=map, n=len(files)))


@beheer_app.command("restore", help=_("Herstel een back-up in een lege omgeving en controleer "
                                      "auditketen en publicaties."))
@handles_errors
def restore(
    map: Annotated[Path, typer.Argument(help=_("Map met de back-up."))],
    warehouse: Annotated[Path | None, WAREHOUSE_OPTION] = None,
) -> None:
    from ketenmonitor.portal import setup

    setup()
    from ketenmonitor.portal.backup import restore as do_restore

    result = do_restore(map, warehouse or get_settings().warehouse_path)
    typer.echo(_("Hersteld: auditketen in orde ({n} regels), {p} publicaties met kloppende "
                 "controlesommen, warehouse {w}.").format(
                     n=result.audit_entries, p=result.publications,
                     w=_("hersteld") if result.warehouse else _("niet in de back-up")))
