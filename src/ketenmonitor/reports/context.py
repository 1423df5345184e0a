# SPDX-License-Identifier: EUPL-1.2
"""Everything the monitor report says, assembled from one publication.

The result is plain data (:class:`ReportContext`) that the template lays out: the region, one
section per gemeente, the quality of the linkage and the background of the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketenmonitor.cbs.provenance import synthetic_tables
from ketenmonitor.core.i18n import _
from ketenmonitor.reports.about import AboutView, build_about
from ketenmonitor.reports.answers import QUESTIONS, AnswerView, Question, build_answers, with_details
from ketenmonitor.reports.cbs_exhibits import BenchmarkTable
from ketenmonitor.reports.data import Area, IndicatorTable, collect_areas
from ketenmonitor.reports.exhibits import ExhibitContext
from ketenmonitor.reports.formatting import format_date, period_label
from ketenmonitor.reports.glossary import TERMS, Term
from ketenmonitor.reports.kern import core_indicators
from ketenmonitor.reports.model import AreaView, Numbering
from ketenmonitor.reports.quality import QualityView, build_quality
from ketenmonitor.reports.sections import Indicator, area_title, build_area
from ketenmonitor.reports.source import IndicatorMeta, ReportInput
from ketenmonitor.reports.trend import JUDGING_LIGHTS, TrendLight


@dataclass(frozen=True)
class ReportContext:
    titel: str
    ondertitel: str
    regio: str
    peildatum: str
    perioden: str
    publication_id: str
    questions: tuple[str, ...]
    lights: tuple[TrendLight, ...]
    answers: list[AnswerView]
    begrippen: tuple[Term, ...]
    region: AreaView
    gemeenten: list[AreaView]
    quality: QualityView
    about: AboutView


def _periods_text(input_: ReportInput) -> str:
    periods = [str(p) for p in input_.metadata.get("periods") or []]
    years = sorted(p for p in periods if "-" not in p) or sorted(periods)
    if not years:
        return ""
    provisional = set(input_.metadata.get("provisional_periods") or [])
    first, last = years[0], years[-1]
    return _("{eerste} tot en met {laatste}").format(
        eerste=period_label(first, first in provisional),
        laatste=period_label(last, last in provisional),
    )


def by_thema(input_: ReportInput) -> list[IndicatorMeta]:
    """Indicators grouped by theme (themes in order of first appearance), else catalogue order.

    The report shows them per theme, so numbering figures and tables in this order keeps the
    numbers rising down the page.
    """
    themes = list(dict.fromkeys(m.thema for m in input_.indicators))
    return sorted(input_.indicators, key=lambda m: themes.index(m.thema))


def _region_area(input_: ReportInput, tables: list[IndicatorTable]) -> Area:
    found = collect_areas(tables, "regio")
    if found:
        return found[0]
    return Area(str(input_.metadata.get("region", "")),
                str(input_.metadata.get("region_name", "")), "regio")


def _gemeente_intro(gemeente: Area, periods: str, region: Area, core: bool) -> str:
    text = _("Cijfers van {gemeente} over {perioden}, steeds naast die van de regio {regio}.").format(
        gemeente=gemeente.naam, perioden=periods, regio=region.naam)
    if core:
        text += " " + _("De kernindicatoren staan hier met grafieken en tabellen; de overige "
                        "indicatoren staan in één overzichtstabel aan het eind, met een "
                        "verwijzing naar de regio.")
    return text


def load_indicators(input_: ReportInput) -> tuple[list[Indicator], Area, list[Area]]:
    """The publication's indicators (by theme), its region and its gemeenten."""
    peildatum_iso = input_.metadata.get("peildatum")
    peildag = date.fromisoformat(str(peildatum_iso)[:10]) if peildatum_iso else None
    indicators = [
        Indicator(m, IndicatorTable(input_.tables[m.id], peildag)) for m in by_thema(input_)
    ]
    tables = [i.table for i in indicators]
    return indicators, _region_area(input_, tables), collect_areas(tables, "gemeente")


def source_suffix(input_: ReportInput) -> str:
    """'; bewerking Ketenmonitor, publicatie …. Peildatum ….' after every source line."""
    return _("; bewerking Ketenmonitor, publicatie {id}. Peildatum {peildatum}.").format(
        id=input_.publication_id, peildatum=format_date(input_.metadata.get("peildatum")))


def build_context(input_: ReportInput, core: frozenset[str] | None = None,
                  questions: tuple[Question, ...] = QUESTIONS) -> ReportContext:
    """Build the whole report from a publication.

    ``core`` are the indicators a gemeente section draws in full (default: the shipped list);
    when the publication holds none of them, every gemeente gets the whole catalogue.
    ``questions`` are the regiovisie's questions the report opens with (ADR 0024).
    """
    metadata = input_.metadata
    indicators, region, gemeenten = load_indicators(input_)
    peildatum = format_date(metadata.get("peildatum"))
    numbering = Numbering()
    ctx = ExhibitContext(
        numbering=numbering, region=region, gemeenten=gemeenten,
        source_suffix=source_suffix(input_),
        benchmark=BenchmarkTable.from_frame(
            input_.benchmark, tuple(synthetic_tables(metadata.get("cbs_bronnen")))),
    )
    periods = _periods_text(input_)
    answers = build_answers(indicators, region, ctx, questions)  # first: figures 1, 2, ...
    about_anchors = {i.meta.id: numbering.anchor("definitie", i.meta.id) for i in indicators}
    region_view = build_area(indicators, region, ctx, _(
        "Cijfers voor de hele regio over {perioden}, met per indicator de gemeenten naast elkaar. "
        "De regio telt in deze publicatie {aantal} gemeenten."
    ).format(perioden=periods, aantal=len(gemeenten)), about_anchors)
    selected = (core_indicators() if core is None else core) & {i.meta.id for i in indicators}
    region_anchors = {i.indicator_id: i.anchor for t in region_view.themas for i in t.indicators}
    answers = with_details(answers, [i for t in region_view.themas for i in t.indicators])
    gemeente_views = [
        build_area(indicators, g, ctx, _gemeente_intro(g, periods, region, bool(selected)),
                   about_anchors, frozenset(selected) or None, region_anchors)
        for g in gemeenten
    ]
    quality = build_quality(metadata, input_.validation, {m.id: m.titel for m in input_.indicators},
                            ctx)
    about = build_about(metadata, [i.meta for i in indicators], about_anchors, ctx)
    regio_naam = str(metadata.get("region_name") or region.naam)
    return ReportContext(
        titel=_("Ketenmonitor huiselijk geweld en kindermishandeling"),
        ondertitel=_("{regio}, peildatum {peildatum}").format(
            regio=area_title(Area(region.code, regio_naam, "regio")), peildatum=peildatum),
        regio=regio_naam,
        peildatum=peildatum,
        perioden=periods,
        publication_id=input_.publication_id,
        questions=tuple(q.vraag for q in questions),
        lights=JUDGING_LIGHTS,
        answers=answers,
        begrippen=TERMS,
        region=region_view,
        gemeenten=gemeente_views,
        quality=quality,
        about=about,
    )
