# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor mapping controleer``: check an export against its mapping on the partner's machine.

Reads the export exactly as ``pseudonymise`` does and runs every row rule of ingest on it, without
a key and without writing anything; prints per rule the failing rows as line numbers of the
partner's file and the partner's own column names, never a value.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.errors import ExitCode
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period

mapping_app = typer.Typer(help=_(
    "Mappings van ketenpartners controleren op hun eigen export. Zie docs/mapping.md voor alle "
    "onderdelen van een mapping."), no_args_is_help=True)
app.add_typer(mapping_app, name="mapping")


@mapping_app.command("controleer", help=_(
    "Controleer een export met de mapping, zonder sleutel en zonder levering te schrijven. Toont "
    "per regel van de monitor hoeveel rijen niet voldoen, met regelnummers in het bestand en de "
    "kolomnamen van de export, nooit waarden. Exitcode 0: alles goed; 1: rijen zouden in "
    "quarantaine gaan; 2: de export of mapping wordt geweigerd."))
@handles_errors
def controleer(
    mapping: Annotated[str, typer.Option("--mapping", help=_(
        "Mapping van de partner: naam (veilig_thuis, politie, lokaal_team, mda) of pad naar "
        "een YAML-bestand."))],
    invoer: Annotated[Path, typer.Option("--invoer", help=_("Map of bestand met de export."))],
    periode: Annotated[str | None, typer.Option("--periode", help=_(
        "Periode van de levering, bijv. 2024-H1; dan wordt ook gecontroleerd of de datums erin "
        "vallen."))] = None,
) -> None:
    from ketenmonitor.cli.source_check import judge, print_check, print_warning
    from ketenmonitor.sources import check_export, load_mapping, read_export

    period = Period.parse(periode) if periode else None
    tables = read_export(load_mapping(mapping), invoer)
    result = check_export(tables, today=date.today(), period=period)
    console = make_console()
    print_check(console, result)
    verdict = judge(result)
    print_warning(console, verdict)
    if result.failures:
        raise typer.Exit(int(ExitCode.PARTIAL))
