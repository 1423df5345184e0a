# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor audit verify``: check the keyed hash chain and its anchor; ``audit sleutel``:
create the key file that lives outside the database (ADR 0016)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.errors import ExitCode, KetenmonitorError
from ketenmonitor.core.i18n import _

audit_app = typer.Typer(help=_("De auditlog van het portaal controleren."), no_args_is_help=True)
app.add_typer(audit_app, name="audit")


class AuditChainBroken(KetenmonitorError):
    exit_code = ExitCode.REFUSED


@audit_app.command("verify", help=_("Controleer de hashketen; noemt de eerste regel die niet klopt."))
@handles_errors
def verify() -> None:
    from ketenmonitor.portal import setup

    setup()
    from ketenmonitor.portal.audit.chain import verify as verify_chain

    result = verify_chain()
    if not result.ok:
        raise AuditChainBroken(
            "auditketen_gebroken",
            _("De auditketen is gebroken bij regel {n}: {reden}.").format(
                n=result.first_broken, reden=result.reason),
            _("Iemand heeft de auditlog buiten het portaal gewijzigd. Bewaar een kopie van de "
              "database en meld dit als beveiligingsincident."),
        )
    typer.echo(_("Auditketen in orde: {n} regels gecontroleerd, met sleutel en anker tot regel "
                 "{anker}.").format(n=result.entries, anker=result.anchored))
    if result.unkeyed:
        typer.echo(_("{n} oudere regels zijn van voor de sleutel; ze zijn gedekt door de eerste "
                     "regel met sleutelcode.").format(n=result.unkeyed))


@audit_app.command("sleutel", help=_("Maak een nieuw sleutelbestand voor de auditlog (buiten de "
                                     "database; overschrijft nooit)."))
@handles_errors
def sleutel(
    pad: Annotated[Path, typer.Argument(help=_("Het sleutelbestand, bijvoorbeeld "
                                               "/etc/ketenmonitor/auditsleutel."))],
) -> None:
    from ketenmonitor.portal.audit.keys import create_key

    create_key(pad)
    typer.echo(_("Sleutel gemaakt: {pad} (alleen leesbaar voor de eigenaar). Zet "
                 "KETENMONITOR_PORTAL_AUDIT_SLEUTEL_BESTAND op dit bestand en bewaar een kopie "
                 "apart van de databaseback-up.").format(pad=pad))
