# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor publish``: compute, apply disclosure control and write a new publication.

The last line of the output is the folder of the publication, so scripts can pick it up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pyarrow as pa
import pyarrow.parquet as pq
import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import EngineName, get_settings
from ketenmonitor.engine import resolve_engine
from ketenmonitor.warehouse import connect_readonly


def _validation_table(path: Path | None) -> pa.Table | None:
    if path is None:
        return None
    try:
        return pq.read_table(path)
    except (OSError, pa.ArrowException):
        raise InputRefused(
            "validatie_onleesbaar",
            _("Het validatiebestand {path} is geen leesbaar Parquet-bestand.").format(path=path),
            _("Geef het _validatie-bestand van de simulatie op, of laat --validatie weg."),
        ) from None


@app.command(
    "publish", help=_("Schrijf een nieuwe, onveranderlijke publicatie van de indicatoren.")
)
@handles_errors
def publish(
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_("Map waarin de publicaties staan."))],
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
    validatie: Annotated[
        Path | None,
        typer.Option(
            "--validatie",
            help=_("Parquet met de vergelijking pijplijn - grondwaarheid (alleen bij simulatie)."),
        ),
    ] = None,
    engine: Annotated[
        EngineName | None,
        typer.Option(
            "--engine",
            help=_("Rekenmachine: duckdb (standaard) of spark (KETENMONITOR_SPARK_MASTER)."),
        ),
    ] = None,
    portal: Annotated[
        bool,
        typer.Option(
            "--portal",
            help=_("Registreer de publicatie meteen in het portaal (KETENMONITOR_PORTAL_*)."),
        ),
    ] = False,
) -> None:
    settings = get_settings()
    validation = _validation_table(validatie)
    chosen = resolve_engine(engine, settings)
    con = connect_readonly(warehouse or settings.warehouse_path)
    try:
        path = chosen.publish(con, regio or settings.region, uitvoer, validation)
    finally:
        con.close()
    if portal:
        from ketenmonitor.cli.portal import register_in_portal

        register_in_portal(path, "publish")
    typer.echo(_("Publicatie geschreven:"))
    typer.echo(str(path))
