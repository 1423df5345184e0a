# SPDX-License-Identifier: EUPL-1.2
"""A two-page factsheet per gemeente, in HTML and PDF, for the council (issue 15, ADR 0024).

The factsheet holds the answers to the regiovisie's questions for one gemeente, its key figures
next to the region's, the signs and the terms it uses. It shows only that gemeente's and the
region's figures: the exhibit context it builds knows no other gemeente. The PDF is printed
from the same HTML by WeasyPrint, like the stoplichtenrapportage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from ketenmonitor import __version__
from ketenmonitor.core.errors import InputRefused, PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.publish.signs import legend
from ketenmonitor.reports.answers import QUESTIONS, AnswerView, Question, build_answers
from ketenmonitor.reports.context import load_indicators, source_suffix
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.exhibits import ExhibitContext
from ketenmonitor.reports.formatting import format_date
from ketenmonitor.reports.glossary import Term, terms_in
from ketenmonitor.reports.kern import core_indicators
from ketenmonitor.reports.model import Numbering, TableView
from ketenmonitor.reports.overview import kerncijfers
from ketenmonitor.reports.sections import area_title
from ketenmonitor.reports.source import ReportInput, report_input

FORMATS = ("html", "pdf")
MAX_PAGES = 2
log = get_logger(__name__)


@dataclass(frozen=True)
class FactsheetView:
    titel: str
    ondertitel: str
    intro: str
    gemeente: Area
    answers: list[AnswerView]
    kerncijfers: TableView | None
    begrippen: list[Term]
    signs: list[tuple[str, str]]
    voet: str


def find_gemeente(gemeenten: list[Area], wanted: str) -> Area:
    """The gemeente by code (GM0503) or name (Delft), case-insensitive; a Dutch error if absent."""
    key = wanted.strip().lower()
    for area in gemeenten:
        if key in (area.code.lower(), area.naam.lower()):
            return area
    raise InputRefused(
        "gemeente_onbekend",
        _("Gemeente {gemeente} staat niet in deze publicatie.").format(gemeente=wanted),
        _("Kies een van: {gemeenten}.").format(
            gemeenten=", ".join(f"{g.naam} ({g.code})" for g in gemeenten) or _("geen")),
    )


def build_factsheet(input_: ReportInput, gemeente: str,
                    questions: tuple[Question, ...] = QUESTIONS,
                    core: frozenset[str] | None = None) -> FactsheetView:
    """The factsheet of ``gemeente`` (code or name) from a publication."""
    indicators, region, gemeenten = load_indicators(input_)
    area = find_gemeente(gemeenten, gemeente)
    # Only this gemeente and the region: no other gemeente can reach a chart or a sentence.
    ctx = ExhibitContext(numbering=Numbering(), region=region, gemeenten=[area],
                         source_suffix=source_suffix(input_))
    answers = build_answers(indicators, area, ctx, questions)
    selected = (core_indicators() if core is None else core)
    key = [i for i in indicators if i.meta.id in selected] or indicators
    table = kerncijfers(key, area, region, {i.meta.id: "" for i in key}, ctx)
    peildatum = format_date(input_.metadata.get("peildatum"))
    texts = [z for a in answers for z in a.zinnen]
    return FactsheetView(
        titel=_("Factsheet huiselijk geweld en kindermishandeling"),
        ondertitel=_("{gemeente}, peildatum {peildatum}").format(gemeente=area_title(area),
                                                                 peildatum=peildatum),
        intro=_("Dit zijn de belangrijkste cijfers van {gemeente}, steeds naast die van de hele "
                "{regio}. Alle cijfers komen uit publicatie {publicatie} van de Ketenmonitor. "
                "Is een cijfer geheim of nog niet bekend, dan staat dat er.").format(
            gemeente=area.naam, regio=region.phrase, publicatie=input_.publication_id),
        gemeente=area,
        answers=answers,
        kerncijfers=table,
        begrippen=terms_in(texts),
        signs=legend(),
        voet=_("Gemaakt met Ketenmonitor {versie}. Publicatie {publicatie}, peildatum {peildatum}. "
               "Alle cijfers zijn geaggregeerd en beveiligd tegen onthulling.").format(
            versie=__version__, publicatie=input_.publication_id, peildatum=peildatum),
    )


def render_factsheet_html(view: FactsheetView) -> str:
    from ketenmonitor.reports.renderer import _environment

    css = resources.files("ketenmonitor.reports").joinpath("static/factsheet.css").read_text(
        "utf-8")
    template = _environment().get_template("factsheet.html.j2")
    return template.render(f=view, css=Markup(css), version=__version__)


def file_stem(area: Area) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", area.naam.lower()).strip("-")
    return f"factsheet-{slug or area.code.lower()}"


def write_pdf(html: str, target: Path, base_url: Path, gemeente: Area) -> int:
    """Print the factsheet as a tagged PDF (PDF/UA-1, as the stoplichtenrapportage); return its
    number of pages. More than two is logged as a warning, not hidden: a region with many
    categories per breakdown can make a factsheet longer than the layout was made for."""
    import weasyprint

    from ketenmonitor.reports.stoplicht.pdf import PDF_VARIANT

    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    document = weasyprint.HTML(string=html, base_url=str(base_url)).render(**options)
    document.write_pdf(target, **options)
    pages = len(document.pages)
    if pages > MAX_PAGES:
        log.warning("factsheet_te_lang", gemeente=gemeente.code, paginas=pages,
                    maximum=MAX_PAGES)
    return pages


def write_factsheets(publication: object, out_dir: Path, gemeenten: list[str] | None = None,
                     formats: tuple[str, ...] = FORMATS,
                     questions: tuple[Question, ...] = QUESTIONS) -> list[Path]:
    """Write the factsheets of ``gemeenten`` (codes or names; None = every gemeente)."""
    input_ = report_input(publication)
    if gemeenten is None:
        gemeenten = [g.code for g in load_indicators(input_)[2]]
    written: list[Path] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for wanted in gemeenten:
            view = build_factsheet(input_, wanted, questions)
            html = render_factsheet_html(view)
            stem = out_dir / file_stem(view.gemeente)
            if "html" in formats:
                target = stem.with_suffix(".html")
                target.write_text(html, encoding="utf-8")
                written.append(target)
            if "pdf" in formats:
                target = stem.with_suffix(".pdf")
                write_pdf(html, target, out_dir, view.gemeente)
                written.append(target)
            log.info("factsheet_geschreven", gemeente=view.gemeente.code, map=str(out_dir))
    except OSError as error:
        raise PublicationError(
            "factsheet_niet_geschreven",
            _("De factsheet kon niet worden geschreven naar {path}: {error}.").format(
                path=out_dir, error=error.strerror or error),
            _("Kies met --uitvoer een map waarin u mag schrijven."),
        ) from error
    return written
