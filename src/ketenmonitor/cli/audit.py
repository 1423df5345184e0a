# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor audit verify``: check the hash chain of the portal's audit log."""

from __future__ import annotations

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
    typer.echo(_("Auditketen in orde: {n} regels gecontroleerd.").format(n=result.entries))
