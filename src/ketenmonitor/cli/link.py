# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor link`` and ``ketenmonitor derive``: persons, households and derivations."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import parse_date
from ketenmonitor.core.settings import get_settings
from ketenmonitor.derive import derive_all
from ketenmonitor.linkage import LinkageSummary, link_deterministic
from ketenmonitor.warehouse import connect

console = Console()

WAREHOUSE_HELP = _("Pad naar de warehouse (standaard KETENMONITOR_WAREHOUSE of de werkmap).")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def print_linkage(summary: LinkageSummary) -> None:
    table = Table(title=_("Koppeling op BSN-token"))
    table.add_column(_("Maat"))
    table.add_column(_("Aantal"), justify="right")
    share = 100 * summary.unlinked_records / summary.records if summary.records else 0.0
    for label, value in (
        (_("Records"), _thousands(summary.records)),
        (_("Gekoppeld op BSN-token"), _thousands(summary.linked_records)),
        (_("Niet gekoppeld (geen BSN)"),
         f"{_thousands(summary.unlinked_records)} ({f'{share:.1f}'.replace('.', ',')}%)"),
        (_("Personen"), _thousands(summary.persons)),
        (_("Huishoudens"), _thousands(summary.households)),
    ):
        table.add_row(label, value)
    console.print(table)


@app.command("link", help=_("Koppel records tot personen en huishoudens (op tokens) en leid af."))
@handles_errors
def link_command(
    warehouse: Path | None = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    peildatum: str | None = typer.Option(
        None, "--peildatum", help=_("Peildatum jjjj-mm-dd (standaard: einde laatste levering).")
    ),
) -> None:
    day = parse_date(peildatum, "peildatum") if peildatum else None
    path = warehouse or get_settings().warehouse_path
    con = connect(path)
    try:
        print_linkage(link_deterministic(con))
        used = derive_all(con, day)
    finally:
        con.close()
    console.print(_("Afleidingen bijgewerkt tot peildatum {d}.").format(d=used.isoformat()))
