# SPDX-License-Identifier: EUPL-1.2
"""Answers first (ADR 0024): the regiovisie's questions answered from the publication's figures,
each with one chart and a working link to its detail; charts without units in their titles."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from ketenmonitor.reports.answers import NO_FIGURES, QUESTIONS, build_answers
from ketenmonitor.reports.context import ReportContext, build_context, load_indicators
from ketenmonitor.reports.exhibits import ExhibitContext
from ketenmonitor.reports.formatting import unit_label
from ketenmonitor.reports.glossary import TERMS, link_terms
from ketenmonitor.reports.model import Numbering
from ketenmonitor.reports.renderer import render_html
from ketenmonitor.reports.source import ReportInput, read_directory

CATALOGUE = Path(__file__).parents[2] / "src" / "ketenmonitor" / "indicators" / "catalogue"


@pytest.fixture(scope="module")
def report_input(shared_publication: Path) -> ReportInput:
    return read_directory(shared_publication)


@pytest.fixture(scope="module")
def context(report_input: ReportInput, fixture_questions: tuple[Any, ...]) -> ReportContext:
    return build_context(report_input, questions=fixture_questions)


@pytest.fixture(scope="module")
def html(context: ReportContext) -> str:
    return render_html(context)


class _Answers(HTMLParser):
    """Per answer section: its svg charts and link targets; and every id of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.sections: dict[str, dict[str, list[str]]] = {}
        self.order: list[str] = []
        self._current: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
            if tag == "section":
                self.order.append(str(values["id"]))
        if tag == "section":
            if self._current is not None:
                self._depth += 1
            elif "antwoord" in (values.get("class") or "").split():
                self._current = str(values["id"])
                self.sections[self._current] = {"svg": [], "href": []}
        elif self._current is not None and tag == "svg":
            self.sections[self._current]["svg"].append(str(values.get("role")))
        elif self._current is not None and tag == "a" and values.get("href"):
            self.sections[self._current]["href"].append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._current is not None:
            if self._depth:
                self._depth -= 1
            else:
                self._current = None


@pytest.fixture(scope="module")
def parsed(html: str) -> _Answers:
    parser = _Answers()
    parser.feed(html)
    return parser


def test_report_opens_with_the_answers_each_with_a_chart_and_a_working_link(
        parsed: _Answers) -> None:
    assert parsed.order.index("antwoorden") < parsed.order.index("leeswijzer")
    with_chart = {k: v for k, v in parsed.sections.items() if v["svg"]}
    assert len(parsed.sections) == 5 and len(with_chart) >= 4
    for key, found in with_chart.items():
        assert found["svg"] == ["img"], key  # exactly one accessible chart
        links = [h for h in found["href"] if not h.startswith("#begrip-")]
        details = [h for h in links if h.startswith("#regio-")]  # the region's detail section
        tables = [h for h in links if h.startswith("#tabel-")]  # the chart's figures as a table
        assert len(details) == 1 and len(tables) == 1 and len(links) == 2, (key, links)
        for link in links:
            assert link.lstrip("#") in parsed.ids, link  # the anchor exists


def test_every_link_in_the_report_lands_on_an_id(html: str, parsed: _Answers) -> None:
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert {t for t in targets if t.startswith("begrip-")}, "no term is linked"
    assert targets <= set(parsed.ids), targets - set(parsed.ids)


def test_leeswijzer_questions_link_to_their_answers(html: str, context: ReportContext) -> None:
    leeswijzer = html[html.index('id="leeswijzer"'):html.index('id="leeswijzer"') + 4000]
    for answer in context.answers:
        assert f'<a href="#{answer.anchor}">' in leeswijzer


def test_answers_are_two_sentences_computed_from_the_published_figures(
        context: ReportContext, report_input: ReportInput) -> None:
    herkomst = context.answers[0]
    assert len(herkomst.zinnen) == 2 and all(z.endswith(".") for z in herkomst.zinnen)
    table = report_input.tables["adviezen_meldingen_per_1000"]
    row = table[(table.gebied_niveau == "regio") & (table.periode == "2025")
                & (table.dimensie == "totaal")].iloc[0]
    assert row.weergave.rstrip("*") + " per 1.000 inwoners" in herkomst.zinnen[0]
    assert "voorlopig cijfer" in herkomst.zinnen[0]  # 2025 is provisional in the fixture
    low, high = (f"{v:.1f}".replace(".", ",") for v in (row.ondergrens, row.bovengrens))
    assert f"marge {low} tot {high}" in herkomst.zinnen[0]
    veiligheid = context.answers[4]
    # Midden-Delfland's huisverboden are suppressed: counted, not estimated
    assert "van 1 gemeente is geen cijfer te tonen" in veiligheid.zinnen[1]


def test_a_question_without_figures_says_so(context: ReportContext) -> None:
    eerder = context.answers[3]
    assert eerder.zinnen == NO_FIGURES and eerder.figure is None and not eerder.detail_anchor


def test_gemeente_answer_is_honest_about_a_hidden_figure(
        report_input: ReportInput, fixture_questions: tuple[Any, ...]) -> None:
    indicators, region, gemeenten = load_indicators(report_input)
    small = next(g for g in gemeenten if g.naam == "Midden-Delfland")
    ctx = ExhibitContext(Numbering(), region, [small], "")
    answers = build_answers(indicators, small, ctx, fixture_questions)
    veiligheid = answers[4]
    assert "geen cijfer (geheim, om de betrokken personen te beschermen)" in veiligheid.zinnen[0]
    assert "In de hele regio is dit" in veiligheid.zinnen[1]
    assert "'s-Gravenhage" not in " ".join(z for a in answers for z in a.zinnen)


def test_no_chart_title_repeats_its_unit(context: ReportContext) -> None:
    units = {unit_label(u) for u in ("per_1000_inwoners", "per_10000_inwoners", "mediaan_dagen")}
    figures = [a.figure for a in context.answers if a.figure]
    for area in [context.region, *context.gemeenten]:
        figures += [e.figure for t in area.themas for i in t.indicators for e in i.exhibits
                    if e.figure]
    assert len(figures) > 10
    for figure in figures:
        title = re.search(r"<title[^>]*>([^<]*)</title>", figure.svg)
        assert title is not None
        for text in (figure.caption, title.group(1)):
            assert not any(u in text for u in units), text
            assert "(%)" not in text


def test_shipped_questions_name_catalogue_indicators() -> None:
    known = {p.stem for p in CATALOGUE.glob("*.yaml")}
    assert len(QUESTIONS) >= 4
    for question in QUESTIONS:
        assert question.indicatoren and set(question.indicatoren) <= known, question.key


def test_link_terms_escapes_and_links_each_term_once() -> None:
    linked: set[str] = set()
    first = link_terms("Een <hermelding> en nog een hermelding.", linked)
    second = link_terms("Weer een hermelding.", linked)
    assert str(first).count('href="#begrip-hermelding"') == 1 and "&lt;" in str(first)
    assert "href" not in str(second)
    assert len({t.anchor for t in TERMS}) == len(TERMS)
