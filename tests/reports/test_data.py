# SPDX-License-Identifier: EUPL-1.2
"""Looking up cells of a long-format indicator table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ketenmonitor.reports.data import IndicatorTable, collect_areas
from ketenmonitor.reports.source import read_directory


def _table(publication_dir: Path, indicator: str, peildatum: date | None = None) -> IndicatorTable:
    return IndicatorTable(read_directory(publication_dir).tables[indicator], peildatum)


def test_cells_carry_value_display_and_flags(publication_dir: Path) -> None:
    table = _table(publication_dir, "huisverboden_per_10000")
    small = table.cell("GM1842", "2024")  # Midden-Delfland: fewer than 10 huisverboden
    assert small.onderdrukt and small.waarde is None and small.weergave == "x"
    assert small.reden == "onthulling"
    provisional = table.cell("VR_HAAGLANDEN", "2025")
    assert provisional.voorlopig and provisional.weergave.endswith("*")
    assert provisional.waarde is not None and provisional.teller is not None
    assert provisional.teller % 5 == 0
    assert table.cell("GM0518", "1999").weergave == "–"


def test_trend_periods_are_complete_years(publication_dir: Path) -> None:
    table = _table(publication_dir, "vb_binnen_5_werkdagen", date(2025, 12, 31))
    assert table.trend_periods() == ["2022", "2023", "2024", "2025"]
    running = _table(publication_dir, "vb_binnen_5_werkdagen", date(2025, 9, 30))
    assert running.trend_periods() == ["2022", "2023", "2024"]


def test_distribution_detected_from_totals_of_100(publication_dir: Path) -> None:
    assert _table(publication_dir, "melder_organisatie").is_distribution()
    assert not _table(publication_dir, "vb_binnen_5_werkdagen").is_distribution()
    melders = _table(publication_dir, "melder_organisatie")
    assert melders.dimensions() == ["melder_groep"]
    assert melders.categories("melder_groep")[0] == ("JUSTITIE", "Justitie en veiligheid")


def test_areas_collected_in_alphabetical_order(publication_dir: Path) -> None:
    data = read_directory(publication_dir)
    tables = [IndicatorTable(t) for t in data.tables.values()]
    assert [a.naam for a in collect_areas(tables, "gemeente")] == [
        "Delft",
        "Midden-Delfland",
        "'s-Gravenhage",
    ]
    region = collect_areas(tables, "regio")[0]
    assert (region.label, region.phrase) == ("Regio Haaglanden", "regio Haaglanden")
