# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor report``: the accessible HTML monitor report of a publication.

Given one publication folder it reports on that one; given the folder that holds publications it
takes the newest (latest peildatum, then highest version). It prints the path of ``index.html``
and nothing else on standard output, so scripts can pick it up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _

METADATA_FILE = "metadata.json"


def resolve_publication(path: Path) -> Path:
    """``path`` itself when it is a publication, else the newest publication inside it."""
    from ketenmonitor.publish import list_publications

    if (path / METADATA_FILE).is_file():
        return path
    found = list_publications(path)  # oldest peildatum and version first
    if not found:
        raise PublicationError(
            "publicatie_niet_gevonden",
            _("In {path} staat geen publicatie.").format(path=path),
            _("Geef met --publicatie een publicatiemap of de map met publicaties op; "
              "maak een publicatie met 'ketenmonitor publish'."),
        )
    return found[-1]


@app.command("report", help=_("Maak het toegankelijke HTML-monitorrapport van een publicatie."))
@handles_errors
def report(
    publicatie: Annotated[Path, typer.Option(
        "--publicatie",
        help=_("Map van een publicatie, of de map met publicaties (dan de nieuwste)."),
    )],
    uitvoer: Annotated[Path, typer.Option(
        "--uitvoer", help=_("Map waarin het rapport (index.html) komt."),
    )],
) -> None:
    from ketenmonitor.publish import read_publication
    from ketenmonitor.reports import render_monitor_report

    publication = read_publication(resolve_publication(publicatie))
    typer.echo(str(render_monitor_report(publication, uitvoer)))
