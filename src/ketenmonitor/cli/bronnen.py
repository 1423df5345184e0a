# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor bronnen list|show``: the source catalogue, explained (ADR 0023).

For the data steward who adds a partner, the partner who wants to know what to deliver and the
analyst who wants to know what a delivery of a kind contains. The work and the texts are shared
with the partner's small install (:mod:`ketenmonitor.cli.bronnen_commands`,
:mod:`ketenmonitor.cli.partner_spec`); this module only binds them to Typer.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ketenmonitor.cli import bronnen_commands
from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import RichOutput
from ketenmonitor.cli.partner_spec import BRONNEN_HELP, BRONNEN_LIST, BRONNEN_SHOW

bronnen_app = typer.Typer(help=BRONNEN_HELP, no_args_is_help=True)
app.add_typer(bronnen_app, name="bronnen")


@bronnen_app.command("list", help=BRONNEN_LIST.help)
@handles_errors
def list_kinds() -> None:
    bronnen_commands.bronnen_list(RichOutput())


@bronnen_app.command("show", help=BRONNEN_SHOW.help)
@handles_errors
def show_kind(
    bron_id: Annotated[str, typer.Argument(metavar="ID", help=BRONNEN_SHOW.option("bron_id").help)],
) -> None:
    bronnen_commands.bronnen_show(RichOutput(), bron_id=bron_id)
