# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor simulate``: a synthetic region as partner exports plus ground truth."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.formatting import format_count, format_number, format_percent
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.simulate import SimulationConfig, run_simulation

console = make_console()


def _peildatum(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(
            "peildatum_ongeldig",
            _("De peildatum '{tekst}' is geen geldige datum.").format(tekst=text),
            _("Schrijf de peildatum als jjjj-mm-dd, bijvoorbeeld 2025-12-31."),
        ) from None


@app.command("simulate", help=_("Maak een synthetische regio: exports van ketenpartners en de "
                                "grondwaarheid."))
@handles_errors
def simulate_command(
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_(
        "Map voor exports en grondwaarheid."))],
    regio: Annotated[str | None, typer.Option("--regio", help=_(
        "Veilig Thuis-regio (code uit codes/data/regios.csv, bijvoorbeeld haaglanden of "
        "utrecht); standaard KETENMONITOR_REGIO, anders haaglanden."))] = None,
    van: Annotated[int, typer.Option("--van", help=_("Eerste jaar."))] = 2017,
    tot: Annotated[int, typer.Option("--tot", help=_("Laatste jaar."))] = 2025,
    schaal: Annotated[float, typer.Option("--schaal", help=_(
        "Omvang ten opzichte van de echte bevolking (0,001 tot ongeveer 15)."))] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help=_(
        "Startwaarde van de toevalsgenerator."))] = 42,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help=_(
        "Datum tot waar de gegevens compleet zijn (jjjj-mm-dd); standaard 31 december van "
        "--tot."))] = None,
    overschrijven: Annotated[bool, typer.Option("--overschrijven", help=_(
        "Vervang een eerdere simulatie in de uitvoermap."))] = False,
) -> None:
    regio = regio or get_settings().region
    config = SimulationConfig(regio=regio, van=van, tot=tot, schaal=schaal, seed=seed,
                              peildatum=_peildatum(peildatum))
    with console.status(_("Simulatie van {regio} {van}-{tot} ...").format(regio=regio, van=van,
                                                                          tot=tot)):
        result = run_simulation(config, uitvoer, overwrite=overschrijven)
    table = Table(title=_("Records per ketenpartner"))
    table.add_column(_("Ketenpartner"))
    table.add_column(_("Recordtype"))
    table.add_column(_("Rijen"), justify="right")
    for partner, counts in result.summary["aantallen"].items():
        for record_type, rows in counts.items():
            table.add_row(partner, record_type, format_count(rows))
    console.print(table)
    shares = result.summary["grondwaarheid"]["eerdere_betrokkenheid"]
    console.print(_("Eerdere betrokkenheid (grondwaarheid, meldingen vanaf {vanaf}): "
                    "{aandelen}").format(vanaf=result.summary["grondwaarheid"]["eerdere_betrokkenheid_vanaf"],
        aandelen=", ".join(f"{k} {format_percent(v)}" for k, v in shares.items())))
    console.print(_("Klaar in {sec} s. Exports: {exports}; grondwaarheid: {truth}").format(
        sec=format_number(result.seconds), exports=result.exports, truth=result.truth))
