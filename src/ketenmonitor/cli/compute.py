# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor compute``: compute the indicator catalogue on the warehouse and show a summary.

Reads the warehouse read-only; the summary shows only disclosure-controlled figures, so it is
safe to paste into a ticket. ``--opslaan`` also stores the unrounded results in the warehouse
table ``indicator_resultaat`` (for analysis inside the closed environment).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.formatting import format_number
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import EngineName, get_settings
from ketenmonitor.engine import resolve_engine
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compute import disclose_all, read_peildatum, store_results
from ketenmonitor.indicators.model import TOTAAL
from ketenmonitor.warehouse import connect, connect_readonly

console = make_console()


def _overview(catalogue: Catalogue, tables: dict[str, pa.Table], region: str, year: str) -> Table:
    overview = Table(title=_("Indicatoren {regio}").format(regio=region))
    overview.add_column(_("Indicator"))
    overview.add_column(_("Rijen"), justify="right")
    overview.add_column(_("Onderdrukt"), justify="right")
    overview.add_column(_("Regio {jaar}").format(jaar=year), justify="right")
    for defn in catalogue.values():
        rows = tables[defn.id].to_pylist()
        shown = next(
            (
                r["weergave"]
                for r in rows
                if r["gebied_niveau"] == "regio"
                and r["periode"] == year
                and r["dimensie"] == TOTAAL
            ),
            "-",
        )
        hidden = sum(1 for r in rows if r["onderdrukt"])
        overview.add_row(defn.titel, str(len(rows)), str(hidden), shown)
    return overview


@app.command("compute", help=_("Bereken alle indicatoren uit de catalogus op de warehouse."))
@handles_errors
def compute(
    warehouse: Annotated[
        Path | None,
        typer.Option(
            "--warehouse", help=_("Pad naar de warehouse (standaard uit de instellingen).")
        ),
    ] = None,
    regio: Annotated[
        str | None,
        typer.Option("--regio", help=_("Regiocode, bijvoorbeeld haaglanden.")),
    ] = None,
    opslaan: Annotated[
        bool,
        typer.Option(
            "--opslaan", help=_("Sla de onafgeronde uitkomsten op in de tabel indicator_resultaat.")
        ),
    ] = False,
    engine: Annotated[
        EngineName | None,
        typer.Option(
            "--engine",
            help=_("Rekenmachine: duckdb (standaard) of spark (KETENMONITOR_SPARK_MASTER)."),
        ),
    ] = None,
) -> None:
    settings = get_settings()
    chosen = resolve_engine(engine, settings)
    path = warehouse or settings.warehouse_path
    region = regio or settings.region
    catalogue = load_catalogue()
    started = time.perf_counter()
    con = connect(path) if opslaan else connect_readonly(path)
    try:
        peildatum = read_peildatum(con)
        results = chosen.compute(con, region, peildatum=peildatum, catalogue=catalogue)
        if opslaan:
            rows = store_results(con, results)
            console.print(_("{rows} rijen opgeslagen in indicator_resultaat.").format(rows=rows))
    finally:
        con.close()
    tables = disclose_all(results, peildatum, catalogue, settings)
    seconds = format_number(time.perf_counter() - started)
    console.print(_overview(catalogue, tables, region, str(peildatum.year)))
    console.print(
        _("{n} indicatoren berekend in {seconds} s (peildatum {peildatum}).").format(
            n=len(tables), seconds=seconds, peildatum=peildatum.isoformat()
        )
    )
