# SPDX-License-Identifier: EUPL-1.2
"""Answers first: the regiovisie's questions, each answered in two sentences with one chart.

The monitor report and each gemeente factsheet open with these answers (issue 15, ADR 0024).
Which indicators answer a question is an editorial choice of the report, like the core list:
the first indicator of a question found in the publication gives the first sentence and the
chart, the second the second sentence (or, when there is only one, a comparison). A question
without any of its indicators in the publication says so instead of staying silent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from ketenmonitor.core.i18n import _
from ketenmonitor.reports import answer_text, charts
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.exhibits import (
    ExhibitContext,
    chart_title,
    interval_of,
    make_figure,
    period,
    sign_of,
    source_line,
    unit,
)
from ketenmonitor.reports.glossary import link_terms
from ketenmonitor.reports.indicator import Indicator
from ketenmonitor.reports.model import FigureView, IndicatorView, TableView


@dataclass(frozen=True)
class Question:
    key: str
    vraag: str
    indicatoren: tuple[str, ...]  # catalogue ids, in order of preference


QUESTIONS: tuple[Question, ...] = (
    Question("herkomst", _("Waar komen de meeste en de minste adviezen en meldingen vandaan: per "
                           "gemeente, per soort melder en naar aard van het geweld?"),
             ("meldingen_per_1000", "adviezen_per_1000", "meldingen_naar_melder",
              "meldingen_naar_aard")),
    Question("overname", _("Welke organisaties nemen de zorg over na een melding, hoe snel start "
                           "de hulp en wordt het huishouden na 12 en 18 maanden nog gevolgd?"),
             ("overdracht_naar_organisatie", "dagen_tot_start_hulp", "gevolgd_na_12_maanden")),
    Question("hermeldingen", _("Hoe vaak gaat het om een hermelding of een eerder signaal, ook "
                               "als dat bij een andere partner lag?"),
             ("eerdere_betrokkenheid", "eerder_signaal_12_maanden", "eerder_signaal_naar_partner",
              "nieuwe_melding_na_afsluiting")),
    Question("eerder-gemeld", _("Wordt geweld eerder gemeld: hoe lang duurde het geweld bij de "
                                "eerste melding, per jaar?"),
             ("duur_geweld_eerste_melding", "meldingen_naar_duur_geweld")),
    Question("veiligheid", _("Hoeveel huisverboden zijn er opgelegd, en gaat de veiligheid in "
                             "gezinnen vooruit (Signs of Safety-score bij start en einde van de "
                             "hulp)?"),
             ("huisverboden_per_10000", "signs_of_safety_verbeterd", "verandering_signs_of_safety")),
)

NO_FIGURES = (
    _("Deze publicatie bevat nog geen cijfers die deze vraag beantwoorden."),
    _("Zodra de ketenpartners de gegevens aanleveren, staat hier het antwoord."),
)


@dataclass(frozen=True)
class AnswerView:
    anchor: str
    vraag: str
    zinnen: tuple[str, ...]  # exactly two sentences, plain text
    figure: FigureView | None
    indicator_id: str = ""  # the indicator behind the chart, '' without one
    detail_anchor: str = ""  # the section with the full figures (set once it is built)
    detail_titel: str = ""
    table_anchor: str = ""  # the table in that section with the figures the chart draws
    table_number: int = 0

    @property
    def tekst(self) -> Markup:
        """The two sentences with glossary terms linked (each term once)."""
        linked: set[str] = set()
        return Markup(" ").join(link_terms(z, linked) for z in self.zinnen)


def _is_level(indicator: Indicator) -> bool:
    return indicator.headline or not indicator.table.dimensions()


def sentences(found: list[Indicator], area: Area, ctx: ExhibitContext) -> tuple[str, str]:
    """Two sentences from the first (and second) indicator that answers a question."""
    first = found[0]
    one = (answer_text.level_sentence(first, area) if _is_level(first)
           else answer_text.group_sentence(first, area))
    if len(found) > 1:
        second = found[1]
        two = (answer_text.level_sentence(second, area) if _is_level(second)
               else answer_text.group_sentence(second, area))
    elif _is_level(first):
        two = (answer_text.spread_sentence(first, ctx.gemeenten) if area.niveau == "regio"
               else answer_text.region_comparison(first, area, ctx.region))
    else:
        two = answer_text.group_comparison(first, area, ctx.region)
    return one, two


def _level_chart(indicator: Indicator, area: Area, ctx: ExhibitContext) -> FigureView | None:
    meta, table = indicator.meta, indicator.table
    latest = answer_text.latest_period(table)
    areas = [*ctx.gemeenten, ctx.region] if area.niveau == "regio" else [area, ctx.region]
    cells = [(a, table.cell(a.code, latest)) for a in areas]
    if all(c.waarde is None for _a, c in cells):
        return None
    bars = [charts.Bar(a.label, c.waarde, a.niveau == "regio", sign_of(c), *interval_of(c))
            for a, c in cells]
    where = _("per gemeente") if area.niveau == "regio" else _("{gemeente} en de regio").format(
        gemeente=area.naam)
    caption = _("{titel} {waar}, {periode}").format(titel=chart_title(meta), waar=where,
                                                    periode=period(table, latest))
    return make_figure(ctx, caption, lambda cid: charts.bar_chart(
        bars, chart_id=cid, title=caption, x_title=unit(meta), decimals=table.decimals,
        description=_("Staafdiagram van hoog naar laag, de regio als donkere staaf, met de marge "
                      "(95%-interval) als lijntje; een ontbrekend cijfer staat er als teken "
                      "(x, … of .).")), source_line(meta, ctx))


def _group_chart(indicator: Indicator, area: Area, ctx: ExhibitContext) -> FigureView | None:
    meta, table = indicator.meta, indicator.table
    latest = answer_text.latest_period(table)
    dimensie = table.dimensions()[0]
    areas = [area] if area.niveau == "regio" else [area, ctx.region]
    points = [
        charts.SeriesPoint(label, a.label, c.waarde, sign_of(c), *interval_of(c))
        for code, label in table.categories(dimensie)
        for a in areas
        for c in [table.cell(a.code, latest, dimensie, code)]
    ]
    if all(p.waarde is None for p in points if p.reeks == area.label):
        return None
    caption = _("{titel}, {gebied}, {periode}").format(
        titel=chart_title(meta), gebied=area.phrase if area.niveau == "regio"
        else _("{gemeente} en de regio").format(gemeente=area.naam), periode=period(table, latest))
    return make_figure(ctx, caption, lambda cid: charts.dot_chart(
        points, chart_id=cid, title=caption, x_title=unit(meta), decimals=table.decimals,
        description=_("Puntdiagram per groep, van hoog naar laag, met de marge (95%-interval) "
                      "als lijntje; de cijfers staan in de tekst en bij de indicator.")),
        source_line(meta, ctx))


def build_answers(indicators: list[Indicator], area: Area, ctx: ExhibitContext,
                  questions: tuple[Question, ...] = QUESTIONS) -> list[AnswerView]:
    """One answer per question for ``area`` (the region, or a gemeente on its factsheet)."""
    by_id = {i.meta.id: i for i in indicators}
    answers: list[AnswerView] = []
    for question in questions:
        found = [by_id[i] for i in question.indicatoren if i in by_id][:2]
        anchor = ctx.numbering.anchor("antwoord", question.key)
        if not found:
            answers.append(AnswerView(anchor, question.vraag, NO_FIGURES, None))
            continue
        first = found[0]
        figure = (_level_chart(first, area, ctx) if _is_level(first)
                  else _group_chart(first, area, ctx))
        answers.append(AnswerView(anchor, question.vraag, sentences(found, area, ctx), figure,
                                  first.meta.id))
    return answers


def chart_table(view: IndicatorView) -> TableView | None:
    """The region table that holds what an answer's chart draws: the gemeenten side by side for
    a level, the first breakdown for a distribution (see ``_level_chart``/``_group_chart``)."""
    tables = [e.table for e in view.exhibits]
    compared = [t for t in tables if t.row_header == _("Gebied")]
    if compared:
        return compared[0]
    return tables[0] if tables else None


def with_details(answers: list[AnswerView], views: list[IndicatorView]) -> list[AnswerView]:
    """Link each answer to the section of its indicator and to the table with its chart's
    figures (every chart of the report has its figures in a table), once the sections exist."""
    by_id = {v.indicator_id: v for v in views}
    linked: list[AnswerView] = []
    for answer in answers:
        view = by_id.get(answer.indicator_id)
        if view is None:
            linked.append(answer)
            continue
        table = chart_table(view) if answer.figure else None
        linked.append(replace(answer, detail_anchor=view.anchor, detail_titel=view.titel,
                              table_anchor=table.id if table else "",
                              table_number=table.number if table else 0))
    return linked
