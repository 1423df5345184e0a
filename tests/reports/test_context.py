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
    return build_context(read_directory(shared_publication))


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
    assert table.columns == ["2024", "2025*", "Oordeel"]
    headers = [r.header for r in table.rows]
    assert headers == [
        "Adviezen en meldingen per 1.000 inwoners (per 1.000 inwoners)",
        "Veiligheidsbeoordeling binnen 5 werkdagen (%)",
        "Dagen van overdracht tot start van de hulp (mediaan in dagen)",
        "Huisverboden per 10.000 inwoners (per 10.000 inwoners)",
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
    assert huisverboden[:3] == [".", ".", ONBEKEND.label]
    assert table.rows[-1].cells[2].light is ONBEKEND
    assert table.rows[0].cells[0].hint == ""
    assert table.rows[-1].cells[0].hint == "onderdrukt"


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
        "Adviezen en meldingen per 1.000 inwoners, regio Haaglanden, per periode",
        "Adviezen en meldingen per 1.000 inwoners per gemeente, 2025*",
        "Adviezen en meldingen per 1.000 inwoners naar soort bericht, regio Haaglanden",
    ]
    compared = rate.exhibits[1].table
    assert [r.header for r in compared.rows][-1] == "Regio Haaglanden"
    assert compared.rows[-1].emphasis
    melders = report_context.region.themas[0].indicators[1]
    assert melders.oordeel is None  # a distribution is not judged
    assert melders.exhibits[0].table.columns == ["2022", "2023", "2024", "2025*"]


def test_gemeente_distribution_gets_a_chart_against_the_region(
    report_context: ReportContext,
) -> None:
    delft: AreaView = report_context.gemeenten[0]
    melders = delft.themas[0].indicators[1]
    (exhibit,) = melders.exhibits
    assert exhibit.figure is not None
    assert exhibit.table.columns == ["Delft 2024", "Delft 2025*", "Regio Haaglanden 2025*"]


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
    assert context.region.kerncijfers.columns[:2] == ["2023", "2024"]


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
    assert [c.text for c in exhibit.table.rows[0].cells][:2] == [".", "."]
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
