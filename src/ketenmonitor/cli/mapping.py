# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor mapping controleer``: check an export against its mapping on the partner's machine.

Reads the export exactly as ``pseudonymise`` does and runs every row rule of ingest on it, without
a key and without writing anything; prints per rule the failing rows as line numbers of the
partner's file and the partner's own column names, never a value. Typer's front-end only: the
definition is :data:`ketenmonitor.cli.partner_spec.MAPPING_CONTROLEER`, the work
:func:`ketenmonitor.cli.partner_commands.mapping_controleer` (shared with the partner's install).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli import partner_commands as run
from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import RichOutput
from ketenmonitor.cli.partner_spec import MAPPING_CONTROLEER, MAPPING_HELP, typer_option
from ketenmonitor.core.errors import ExitCode

mapping_app = typer.Typer(help=MAPPING_HELP, no_args_is_help=True)
app.add_typer(mapping_app, name="mapping")


@mapping_app.command("controleer", help=MAPPING_CONTROLEER.help)
@handles_errors
def controleer(
    mapping: Annotated[str, typer_option(MAPPING_CONTROLEER, "mapping")],
    invoer: Annotated[Path, typer_option(MAPPING_CONTROLEER, "invoer")],
    periode: Annotated[str | None, typer_option(MAPPING_CONTROLEER, "periode")] = None,
) -> None:
    code = run.mapping_controleer(RichOutput(), mapping=mapping, invoer=invoer, periode=periode)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))
