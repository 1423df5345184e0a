# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor pseudonymise``, ``sleutel maken`` (the partner's side) and ``rekey`` (the TTP's).

Typer's front-end only: names, help and options come from :mod:`ketenmonitor.cli.partner_spec`
and the work is done in :mod:`ketenmonitor.cli.partner_commands`, which the partner's small
install (no Typer, ADR 0025) runs through ``cli/partner_cli.py`` as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli import partner_commands as run
from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import RichOutput
from ketenmonitor.cli.faults import guards_faults
from ketenmonitor.cli.partner_commands import output_name
from ketenmonitor.cli.partner_spec import (
    PSEUDONYMISE,
    REKEY,
    SLEUTEL_HELP,
    SLEUTEL_MAKEN,
    SLEUTEL_PUBLIEK,
    typer_option,
)
from ketenmonitor.core.errors import ExitCode

sleutel_app = typer.Typer(help=SLEUTEL_HELP, no_args_is_help=True)
app.add_typer(sleutel_app, name="sleutel")


def _exit(code: ExitCode) -> None:
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@app.command("pseudonymise", help=PSEUDONYMISE.help)
@handles_errors
@guards_faults(output_name)
def pseudonymise_command(
    mapping: Annotated[str, typer_option(PSEUDONYMISE, "mapping")],
    invoer: Annotated[Path, typer_option(PSEUDONYMISE, "invoer")],
    periode: Annotated[str, typer_option(PSEUDONYMISE, "periode")],
    partner: Annotated[str, typer_option(PSEUDONYMISE, "partner")],
    uitvoer: Annotated[Path, typer_option(PSEUDONYMISE, "uitvoer")],
    sleutelbestand: Annotated[Path | None, typer_option(PSEUDONYMISE, "sleutelbestand")] = None,
    bloom: Annotated[bool, typer_option(PSEUDONYMISE, "bloom")] = False,
) -> None:
    _exit(run.pseudonymise(RichOutput(), mapping=mapping, invoer=invoer, periode=periode,
                           partner=partner, uitvoer=uitvoer, sleutelbestand=sleutelbestand,
                           bloom=bloom))


@sleutel_app.command("maken", help=SLEUTEL_MAKEN.help)
@handles_errors
@guards_faults(output_name)
def sleutel_maken(uitvoer: Annotated[Path, typer_option(SLEUTEL_MAKEN, "uitvoer")]) -> None:
    _exit(run.sleutel_maken(RichOutput(), uitvoer=uitvoer))


@sleutel_app.command("publiek", help=SLEUTEL_PUBLIEK.help)
@handles_errors
@guards_faults(output_name)
def sleutel_publiek(
    uitvoer: Annotated[Path, typer_option(SLEUTEL_PUBLIEK, "uitvoer")],
    sleutelbestand: Annotated[Path | None, typer_option(SLEUTEL_PUBLIEK, "sleutelbestand")] = None,
) -> None:
    _exit(run.sleutel_publiek(RichOutput(), uitvoer=uitvoer, sleutelbestand=sleutelbestand))


@app.command("rekey", help=REKEY.help)
@handles_errors
@guards_faults(output_name)
def rekey_command(
    invoer: Annotated[Path, typer_option(REKEY, "invoer")],
    uitvoer: Annotated[Path, typer_option(REKEY, "uitvoer")],
    sleutelbestand: Annotated[Path | None, typer_option(REKEY, "sleutelbestand")] = None,
) -> None:
    _exit(run.rekey(RichOutput(), invoer=invoer, uitvoer=uitvoer, sleutelbestand=sleutelbestand))
