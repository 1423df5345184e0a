# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor report``: the monitor report of a publication, or the stoplichtenrapportage.

Given one publication folder it reports on that one; given the folder that holds publications it
takes the newest (latest peildatum, then highest version). Without ``--regiovisie`` it writes the
accessible HTML monitor report and prints the path of ``index.html``; with ``--regiovisie`` it
writes the stoplichtenrapportage of one reporting period in HTML, DOCX, PDF and XLSX (or the
formats asked for) and prints one path per line; with ``--factsheet`` or ``--factsheets`` it
writes the two-page factsheet of one or every gemeente in HTML and PDF (ADR 0024), one path a
line. Nothing else goes to standard output, so scripts
can pick the paths up; open points of a concept go to standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, err_console, handles_errors
from ketenmonitor.core.errors import InputRefused, PublicationError
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


@app.command("report", help=_(
    "Maak het toegankelijke HTML-monitorrapport van een publicatie, met --regiovisie de "
    "stoplichtenrapportage (HTML, Word, PDF en Excel), of met --factsheet de factsheet van een "
    "gemeente (HTML en PDF, twee pagina's)."))
@handles_errors
def report(
    publicatie: Annotated[Path, typer.Option(
        "--publicatie",
        help=_("Map van een publicatie, of de map met publicaties (dan de nieuwste)."),
    )],
    uitvoer: Annotated[Path, typer.Option(
        "--uitvoer", help=_("Map waarin het rapport komt."),
    )],
    regiovisie: Annotated[Path | None, typer.Option(
        "--regiovisie",
        help=_("YAML-bestand van de regiovisie: maak de stoplichtenrapportage in plaats van het "
               "monitorrapport."),
    )] = None,
    periode: Annotated[str | None, typer.Option(
        "--periode",
        help=_("Rapportageperiode van de stoplichtenrapportage, bijvoorbeeld 2025 of 2025-H1 "
               "(standaard de laatste periode in de regiovisie)."),
    )] = None,
    sjabloon: Annotated[Path | None, typer.Option(
        "--sjabloon",
        help=_("Word-sjabloon (.docx of .dotx) van de gemeente voor de huisstijl van het "
               "Word-bestand."),
    )] = None,
    formaten: Annotated[str, typer.Option(
        "--formaten",
        help=_("Formaten van de stoplichtenrapportage, gescheiden door komma's."),
    )] = "html,docx,pdf,xlsx",
    factsheet: Annotated[list[str] | None, typer.Option(
        "--factsheet",
        help=_("Maak de factsheet (HTML en PDF) van deze gemeente, met naam of CBS-code "
               "(bijvoorbeeld Delft of GM0503); mag vaker."),
    )] = None,
    factsheets: Annotated[bool, typer.Option(
        "--factsheets", help=_("Maak de factsheet (HTML en PDF) van elke gemeente."),
    )] = False,
) -> None:
    from ketenmonitor.publish import read_publication

    if factsheet or factsheets:
        if regiovisie is not None:
            raise InputRefused(
                "factsheet_en_regiovisie",
                _("--factsheet en --factsheets gaan niet samen met --regiovisie."),
                _("Maak de factsheets en de stoplichtenrapportage met twee aparte opdrachten."),
            )
        from ketenmonitor.reports.factsheet import write_factsheets

        publication = read_publication(resolve_publication(publicatie))
        for path in write_factsheets(publication, uitvoer, None if factsheets else factsheet):
            typer.echo(str(path))
        return

    if regiovisie is None:
        if periode is not None or sjabloon is not None:
            raise InputRefused(
                "regiovisie_ontbreekt",
                _("--periode en --sjabloon horen bij de stoplichtenrapportage."),
                _("Geef ook --regiovisie met het YAML-bestand van de regiovisie."),
            )
        from ketenmonitor.reports import render_monitor_report

        publication = read_publication(resolve_publication(publicatie))
        typer.echo(str(render_monitor_report(publication, uitvoer)))
        return
    from ketenmonitor.reports.stoplicht import parse_formats
    from ketenmonitor.reports.stoplicht.service import make_stoplicht_report

    chosen = parse_formats(formaten)
    publication = read_publication(resolve_publication(publicatie))
    result = make_stoplicht_report(regiovisie, publication, uitvoer, periode=periode,
                                   template=sjabloon, formats=chosen)
    for problem in result.problemen:
        err_console.print(f"[bold]{_('Let op')}:[/] {problem.melding}"
                          + (f" ({problem.plaats})" if problem.plaats else ""), highlight=False)
    for path in result.paths.values():
        typer.echo(str(path))
