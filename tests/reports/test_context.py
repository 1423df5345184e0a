# SPDX-License-Identifier: EUPL-1.2
"""What the report says, checked on its content before any HTML is made."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ketenmonitor.reports.context import ReportContext, build_context
from ketenmonitor.reports.model import AreaView, Exhibit, TableView
from ketenmonitor.reports.source import read_directory
from ketenmonitor.reports.trend import GELIJK, ONBEKEND, VERBETERD


@pytest.fixture(scope="module")
def report_context(shared_publication: Path) -> ReportContext:
    """Every indicator drawn in full for every gemeente (an empty core selection)."""
    return build_context(read_directory(shared_publication), core=frozenset())


def _exhibits(context: ReportContext) -> Iterator[Exhibit]:
    for area in [context.region, *context.gemeenten]:
        for thema in area.themas:
            for indicator in thema.indicators:
                yield from indicator.exhibits
    if context.quality.linkage:
        yield context.quality.linkage
    for _heading, exhibit in context.quality.validation:
        yield exhibit


def _row(table: TableView, header_start: str) -> list[str]:
    for row in table.rows:
        if row.header.startswith(header_start):
            return [c.text for c in row.cells]
    raise AssertionError(f"geen rij {header_start!r} in {table.caption}")


def test_a_section_for_the_region_and_each_gemeente(report_context: ReportContext) -> None:
    assert report_context.region.titel == "Regio Haaglanden"
    assert [g.titel for g in report_context.gemeenten] == [
        "Gemeente Delft",
        "Gemeente Midden-Delfland",
        "Gemeente 's-Gravenhage",
    ]
    assert report_context.ondertitel == "Regio Haaglanden, peildatum 31 december 2025"
    assert report_context.perioden == "2022 tot en met 2025*"
    themas = [t.titel for t in report_context.region.themas]
    assert themas == [
        "Adviezen en meldingen",
        "Vervolg na een melding",
        "Hermeldingen",
        "Huisverboden en veiligheid",
    ]


def test_key_figures_judge_the_last_year_with_the_direction(report_context: ReportContext) -> None:
    table = report_context.region.kerncijfers
    assert table is not None
    assert table.columns == ["2024", "2025* (95%-interval)", "Oordeel"]
    headers = [r.header for r in table.rows]
    assert headers == [
        "Adviezen en meldingen (per 1.000 inwoners)",  # the unit once, not twice
        "Veiligheidsbeoordeling binnen 5 werkdagen (%)",
        "Dagen van overdracht tot start van de hulp (mediaan in dagen)",
        "Huisverboden (per 10.000 inwoners)",
    ]  # distributions (always 100%) have no key figure
    assert table.rows[1].cells[2].light is VERBETERD  # 59,0 -> 63,0, higher is better
    assert table.rows[2].cells[2].light is GELIJK  # 28 -> 27 days: less than 5% change
    assert table.rows[1].link.startswith("regio-")


def test_gemeente_compares_with_region_and_cannot_judge_suppressed(
    report_context: ReportContext,
) -> None:
    midden = next(g for g in report_context.gemeenten if g.titel.endswith("Midden-Delfland"))
    table = midden.kerncijfers
    assert table is not None
    assert table.columns[-1] == "Regio Haaglanden 2025*"
    huisverboden = _row(table, "Huisverboden")
    assert huisverboden[:3] == ["x", "x", ONBEKEND.label]
    assert table.rows[-1].cells[2].light is ONBEKEND
    assert table.rows[0].cells[0].hint == ""
    assert table.rows[-1].cells[0].hint == "geheim"  # x: withheld for disclosure (ADR 0021)


def test_every_chart_is_followed_by_its_table_with_source_and_peildatum(
    report_context: ReportContext,
) -> None:
    exhibits = list(_exhibits(report_context))
    figures = [e.figure for e in exhibits if e.figure is not None]
    assert len(figures) >= 20
    for exhibit in exhibits:
        assert exhibit.table.rows and exhibit.table.caption
        assert "Peildatum 31 december 2025" in exhibit.table.source
        if exhibit.figure is not None:
            assert 'role="img"' in exhibit.figure.svg
            assert exhibit.figure.source.startswith("Bron: ")
            assert "Peildatum 31 december 2025" in exhibit.figure.source
    ids = [f.id for f in figures]
    assert len(ids) == len(set(ids))
    tables = [e.table.id for e in exhibits]
    assert len(tables) == len(set(tables))


def test_region_shows_gemeenten_side_by_side_and_breakdowns(report_context: ReportContext) -> None:
    rate = report_context.region.themas[0].indicators[0]
    captions = [e.table.caption for e in rate.exhibits]
    assert captions == [
        # the unit is on the axis and in the column headers, not repeated in the title
        "Adviezen en meldingen, regio Haaglanden, per periode",
        "Adviezen en meldingen per gemeente, 2025*",
        "Adviezen en meldingen naar soort bericht, regio Haaglanden",
    ]
    compared = rate.exhibits[1].table
    assert [r.header for r in compared.rows][-1] == "Regio Haaglanden"
    assert compared.rows[-1].emphasis
    melders = report_context.region.themas[0].indicators[1]
    assert melders.oordeel is None  # a distribution is not judged
    assert melders.exhibits[0].table.columns == [
        "2022", "2023", "2024", "2025*", "95%-interval 2025*"
    ]


def test_gemeente_distribution_gets_a_chart_against_the_region(
    report_context: ReportContext,
) -> None:
    delft: AreaView = report_context.gemeenten[0]
    melders = delft.themas[0].indicators[1]
    (exhibit,) = melders.exhibits
    assert exhibit.figure is not None
    assert exhibit.table.columns == [
        "Delft 2024", "Delft 2025* (95%-interval)", "Regio Haaglanden 2025*"
    ]


def test_gemeente_draws_its_own_breakdown_where_disclosure_allows(
    report_context: ReportContext,
) -> None:
    """A headline indicator's breakdown is drawn for a gemeente too (issue 15), with intervals."""
    delft = report_context.gemeenten[0]
    midden = next(g for g in report_context.gemeenten if g.titel.endswith("Midden-Delfland"))
    rate = delft.themas[0].indicators[0]  # adviezen en meldingen, with a breakdown by soort
    breakdown = rate.exhibits[1]
    assert breakdown.figure is not None and "soort bericht" in breakdown.figure.caption
    huisverboden = next(i for t in midden.themas for i in t.indicators
                        if i.indicator_id == "huisverboden_per_10000")
    assert huisverboden.exhibits[0].figure is None  # every figure of Midden-Delfland is hidden


def test_linkage_loss_and_validation_are_visible(report_context: ReportContext) -> None:
    quality = report_context.quality
    assert "1.200 van de 12.000 records (10,0%)" in quality.intro
    assert quality.linkage is not None
    assert _row(quality.linkage.table, "Niet gekoppeld") == ["1.200", "10,0%"]
    ((heading, exhibit),) = quality.validation
    assert heading == "Meldingen naar eerdere betrokkenheid"
    assert _row(exhibit.table, "Hermelding") == ["2024", "33,5%", "38,3%", "-4,8"]
    assert "Het grootste verschil is 4,8 procentpunt (Hermelding, 2024)" in quality.validation_intro


def test_without_validation_the_report_says_so(
    publication_factory: Callable[..., Path],
) -> None:
    context = build_context(read_directory(publication_factory(with_validation=False)))
    assert context.quality.validation == []
    assert "geen vergelijking met een grondwaarheid" in context.quality.validation_intro


def test_a_running_year_is_not_judged(publication_factory: Callable[..., Path]) -> None:
    context = build_context(read_directory(publication_factory(peildatum="2025-09-30")))
    assert context.region.kerncijfers is not None
    assert context.region.kerncijfers.columns[:2] == ["2023", "2024 (95%-interval)"]


def test_about_section_lists_definitions_deliveries_and_rules(
    report_context: ReportContext,
) -> None:
    about = report_context.about
    assert len(about.definitions) == 6
    first = dict(about.definitions[0].items)
    assert first["Eenheid"] == "per 1.000 inwoners"
    assert first["Uitsplitsingen"] == "Soort bericht"
    assert first["Richting"].startswith("neutraal")
    assert about.deliveries is not None and len(about.deliveries.rows) == 5
    assert ("*", "voorlopig cijfer: 2025, 2025 2e halfjaar") in about.signs
    assert any("veelvouden van 5" in rule for rule in about.disclosure)
    assert any("kleiner dan 10" in rule for rule in about.disclosure)
    assert dict(about.versions)["Softwareversie van de publicatie"] == "0.1.0"


def test_no_chart_when_every_figure_of_the_gemeente_is_suppressed(
    report_context: ReportContext,
) -> None:
    midden = next(g for g in report_context.gemeenten if g.titel.endswith("Midden-Delfland"))
    huisverboden = next(
        i for t in midden.themas for i in t.indicators if i.titel.startswith("Huisverboden")
    )
    (exhibit,) = huisverboden.exhibits
    assert exhibit.figure is None
    assert [c.text for c in exhibit.table.rows[0].cells][:2] == ["x", "x"]
    delft = report_context.gemeenten[0]
    same = next(i for t in delft.themas for i in t.indicators if i.titel.startswith("Huisverboden"))
    assert same.exhibits[0].figure is not None


def test_catalogue_titles_and_disclosure_rules_are_used(report_context: ReportContext) -> None:
    definitions = {d.titel: dict(d.items) for d in report_context.about.definitions}
    rate = definitions["Adviezen en meldingen per 1.000 inwoners"]
    assert rate["Openbaarmaking"] == "afronden op 5, onderdrukken onder 10"
    hermeldingen = definitions["Meldingen naar eerdere betrokkenheid"]
    assert hermeldingen["Openbaarmaking"] == (
        "afronden op 5, onderdrukken onder 20 (verhoogde drempel)"
    )
    assert hermeldingen["Uitsplitsingen"] == "Eerdere betrokkenheid (hoofdgroep)"
    thema = next(t for t in report_context.region.themas if t.titel == "Hermeldingen")
    (exhibit,) = thema.indicators[0].exhibits
    assert exhibit.table.row_header == "Eerdere betrokkenheid (hoofdgroep)"


@pytest.fixture(scope="module")
def core_context(shared_publication: Path) -> ReportContext:
    return build_context(read_directory(shared_publication),
                         core=frozenset({"adviezen_meldingen_per_1000", "niet_in_publicatie"}))


def test_gemeente_draws_the_core_and_lists_the_rest_linking_to_the_region(
    core_context: ReportContext,
) -> None:
    region_anchors = {i.indicator_id: i.anchor for t in core_context.region.themas
                      for i in t.indicators}
    assert len(region_anchors) == 6  # the region keeps the whole catalogue
    delft = core_context.gemeenten[0]
    drawn = [i.indicator_id for t in delft.themas for i in t.indicators]
    assert drawn == ["adviezen_meldingen_per_1000"]
    assert "kernindicatoren" in delft.intro
    overview = delft.overige
    assert overview is not None and len(overview.rows) == 5
    assert {r.link for r in overview.rows} <= set(region_anchors.values())
    melders = _row(overview, "Meldingen naar organisatie")
    assert melders[0] == "uitsplitsing, zie de regio"
    vb = _row(overview, "Veiligheidsbeoordeling")
    assert vb[0] == "2025*" and vb[1] == "69,0* (62,9\u201375,1)"
    assert vb[3] == ("verbeterd; stijgend, significant (p = 0,003); "
                     "mediane verandering +0,6 procentpunt per jaar")
    days = _row(overview, "Dagen van overdracht")
    assert days[1] == "27,0*" and days[3].endswith("+0,6 dagen per jaar")  # a median: no interval
    assert core_context.region.overige is None


def test_intervals_trend_and_method_break_in_the_region_section(
    core_context: ReportContext,
) -> None:
    rate = core_context.region.themas[0].indicators[0]
    assert rate.trend_tekst == (
        "Trend tot en met 2024 (Mann-Kendall-toets): stijgend, significant (p = 0,003); "
        "mediane verandering +0,6 per 1.000 inwoners per jaar."
    )
    trend_table = rate.exhibits[0].table
    assert trend_table.columns[-1] == "per 1.000 inwoners (95%-interval)"
    figure = trend_table.rows[0].cells[-1].text
    assert figure.count("(") == 1 and "\u2013" in figure  # e.g. '9,4 (9,2–9,6)'
    assert any(n.startswith("Methodebreuk 2022: Vanaf 2022") for n in trend_table.notes)
    assert any(n.startswith("* Voorlopig cijfer") for n in trend_table.notes)
    assert rate.exhibits[0].figure is not None and "methodebreuk" in rate.exhibits[0].figure.svg


def test_suppressed_figures_keep_no_interval_and_small_numbers_are_marked(
    core_context: ReportContext,
) -> None:
    midden = next(g for g in core_context.gemeenten if g.titel.endswith("Midden-Delfland"))
    overview = midden.overige
    assert overview is not None
    huisverboden = next(r for r in overview.rows if r.header.startswith("Huisverboden"))
    assert huisverboden.cells[1].text == "x" and huisverboden.cells[1].hint == "geheim"
    marked = [c for area in [core_context.region, *core_context.gemeenten]
              for t in area.themas for i in t.indicators for e in i.exhibits
              for r in e.table.rows for c in r.cells if c.marker]
    assert marked and all(c.marker == "k" and "(" in c.text for c in marked if "\u2013" in c.text)


def test_a_format_1_0_publication_renders_without_statistics(
    publication_factory: Callable[..., Path],
) -> None:
    old = build_context(read_directory(publication_factory(format_version="1.0")))
    cells = [c.text for t in old.region.themas for i in t.indicators for e in i.exhibits
             for r in e.table.rows for c in r.cells]
    assert cells and not any("\u2013" in c and "(" in c for c in cells)
    assert all(not i.trend_tekst for t in old.region.themas for i in t.indicators)
