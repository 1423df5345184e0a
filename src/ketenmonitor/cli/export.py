# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor export``: publication tables as XLSX or CSV for Excel.

Prints the files written, one per line. Only the published figures leave: a suppressed cell is
``.`` in every column that holds a figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.i18n import _


@app.command("export", help=_("Exporteer tabellen van een publicatie als XLSX of CSV."))
@handles_errors
def export(
    publicatie: Annotated[Path, typer.Option(
        "--publicatie",
        help=_("Map van een publicatie, of de map met publicaties (dan de nieuwste)."),
    )],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_("Map voor de bestanden."))],
    tabel: Annotated[str, typer.Option(
        "--tabel", help=_("Id van een indicator, _cbs_vergelijking, _validatie, of 'alle'."),
    )] = "alle",
    formaat: Annotated[str, typer.Option(
        "--formaat", help=_("xlsx (met tabblad Definities) of csv (; en decimale komma)."),
    )] = "xlsx",
) -> None:
    from ketenmonitor.cli.report import resolve_publication
    from ketenmonitor.exports import export_publication
    from ketenmonitor.publish import read_publication

    publication = read_publication(resolve_publication(publicatie))
    for path in export_publication(publication, tabel, formaat.lower(), uitvoer):
        typer.echo(str(path))
