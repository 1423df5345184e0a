# SPDX-License-Identifier: EUPL-1.2
"""Intervals, small-number flags, trends and method breaks of published cells (ADR 0006)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.codes import MethodBreak, method_breaks
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.disclosure import apply_disclosure
from ketenmonitor.indicators.model import Eenheid
from ketenmonitor.indicators.schema import RESULT_SCHEMA
from ketenmonitor.indicators.statistics import break_annotation
from ketenmonitor.indicators.trend import (
    DALEND,
    GEEN_TREND,
    STIJGEND,
    break_years,
    mann_kendall,
    series_trends,
)
from ketenmonitor.indicators.uncertainty import (
    confidence_interval,
    is_small,
    poisson_interval,
    wilson_interval,
)


def test_garwood_interval_matches_published_tables() -> None:
    # Garwood (1936) / Ulm (1990): k=0 → [0, 3.689]; k=10 → [4.795, 18.390]
    assert list(poisson_interval(0)) == pytest.approx([0.0, 3.6889], abs=1e-4)
    assert list(poisson_interval(10)) == pytest.approx([4.7954, 18.3904], abs=1e-4)


def test_wilson_interval_matches_the_formula() -> None:
    k, n, z = 30, 100, 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert list(wilson_interval(k, n)) == pytest.approx([centre - half, centre + half])


def test_interval_in_the_unit_of_the_indicator() -> None:
    assert confidence_interval(Eenheid.PER_1000_INWONERS, 100, 50_000, 2.0) == (1.6, 2.4)
    assert confidence_interval(Eenheid.PER_10000_INWONERS, 100, 50_000, 20.0) == (16.3, 24.3)
    assert confidence_interval(Eenheid.PERCENTAGE, 30, 100, 30.0) == (21.9, 39.6)
    assert confidence_interval(Eenheid.MEDIAAN_DAGEN, 30, 30, 12.0) == (None, None)
    assert confidence_interval(Eenheid.GEMIDDELDE, 30, 30, 2.5) == (None, None)
    assert confidence_interval(Eenheid.PERCENTAGE, None, None, None) == (None, None)


def test_interval_always_contains_the_published_value() -> None:
    # value from unrounded counts 998/1002 = 99.6%; rounded counts 1000/1000 give [99.6, 100]
    low, high = confidence_interval(Eenheid.PERCENTAGE, 1000, 1000, 99.5)
    assert low is not None and high is not None and low <= 99.5 <= high


def test_small_numbers() -> None:
    assert is_small(Eenheid.PER_1000_INWONERS, 45, 100_000)
    assert not is_small(Eenheid.PER_1000_INWONERS, 50, 100_000)
    assert is_small(Eenheid.PERCENTAGE, 40, 45)
    assert not is_small(Eenheid.PERCENTAGE, 10, 50)
    assert is_small(Eenheid.GEMIDDELDE, 40, 400)  # the mean of 40 values
    assert not is_small(Eenheid.MEDIAAN_DAGEN, 60, 60)


def _rate_rows(counts: dict[tuple[str, str], int], inwoners: int = 40_000) -> pa.Table:
    rows: list[dict[str, Any]] = []
    for (area, periode), n in counts.items():
        rows.append({
            "indicator_id": "meldingen_per_1000", "gebied_code": area, "gebied_naam": area,
            "gebied_niveau": "regio" if area == "VR_X" else "gemeente", "periode": periode,
            "periode_type": "halfjaar" if "-H" in periode else "jaar", "dimensie": "totaal",
            "categorie": "totaal", "categorie_label": "Totaal", "teller": n, "noemer": inwoners,
            "waarde": 1000 * n / inwoners,
        })
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


def test_intervals_come_from_rounded_counts_only(catalogue: Catalogue) -> None:
    """Two raw counts that round to the same published count get the same interval."""
    defn = catalogue["meldingen_per_1000"]
    shown = {}
    for raw in (38, 42):
        table = apply_disclosure(_rate_rows({("VR_X", "2023"): raw, ("GM1", "2023"): raw}),
                                 defn, set(), 10, 5).to_pylist()
        shown[raw] = (table[0]["teller"], table[0]["waarde"], table[0]["ondergrens"],
                      table[0]["bovengrens"])
    # same published count (40), so the same value (from the rounded count: 40 per 40,000 →
    # 1,0; ADR 0010) and one interval: Garwood for 40 per 40,000 inhabitants
    assert shown[38] == (40, 1.0, 0.7, 1.4)
    assert shown[42] == (40, 1.0, 0.7, 1.4)


def test_suppressed_cells_have_no_interval_or_trend(published: dict[str, pa.Table]) -> None:
    checked = 0
    for table in published.values():
        for row in table.to_pylist():
            if row["onderdrukt"]:
                checked += 1
                assert row["ondergrens"] is None and row["bovengrens"] is None
                assert row["trend"] is None and row["trend_p"] is None
                assert row["klein_aantal"] is False
    assert checked > 100


def test_intervals_recomputed_from_the_published_columns(
    published: dict[str, pa.Table], catalogue: Catalogue
) -> None:
    seen = 0
    for indicator_id, table in published.items():
        defn = catalogue[indicator_id]
        for row in table.to_pylist():
            expected = confidence_interval(defn.eenheid, row["teller"], row["noemer"],
                                           row["waarde"])
            if defn.is_verdeling and row["dimensie"] == "totaal":
                expected = (None, None)  # 100% by definition
            assert (row["ondergrens"], row["bovengrens"]) == expected, indicator_id
            if row["ondergrens"] is not None:
                seen += 1
                assert row["ondergrens"] <= row["waarde"] <= row["bovengrens"]
    assert seen > 500


def test_mann_kendall_finds_a_steady_rise_and_no_trend_in_noise() -> None:
    years = [2019, 2020, 2021, 2022, 2023, 2024]
    rising = mann_kendall(years, [5.0, 5.4, 5.9, 6.1, 6.8, 7.0])
    assert rising.richting == STIJGEND and rising.p < 0.05
    assert rising.per_jaar == pytest.approx(0.4, abs=0.05)
    assert mann_kendall(years, [7.0, 6.5, 6.1, 5.0, 4.8, 4.1]).richting == DALEND
    flat = mann_kendall(years, [5.0, 6.0, 5.1, 5.9, 5.2, 5.8])
    assert flat.richting == GEEN_TREND and flat.p > 0.05
    same = mann_kendall(years, [3.0] * 6)
    assert (same.richting, same.p, same.per_jaar) == (GEEN_TREND, 1.0, 0.0)


def test_trend_windows_follow_breaks_provisional_and_suppression() -> None:
    periods = ["2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2025-H1"]
    values: list[float | None] = [9.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 4.0]
    keys = [("GM1", "totaal", "totaal")] * len(periods)
    trends = series_trends(keys, periods, values, {"2025"}, starts=[2019])
    by_period = dict(zip(periods, trends, strict=True))
    assert by_period["2022"] is None  # 2019-2022: four years, too short
    assert by_period["2023"] is not None and by_period["2023"].richting == STIJGEND
    assert by_period["2024"] is not None and by_period["2024"].per_jaar == 1.0
    assert by_period["2025"] is None  # provisional
    assert by_period["2025-H1"] is None  # half-years have no trend
    assert by_period["2018"] is None
    values[4] = None  # 2021 suppressed: every window over it loses its trend
    trends = series_trends(keys, periods, values, {"2025"}, starts=[2019])
    assert all(t is None for t in trends)


def test_method_breaks_are_data() -> None:
    breaks = method_breaks()
    assert breaks[0].vanaf == date(2019, 1, 1) and breaks[0].applies_to("meldingen_per_1000")
    assert "2019" in breaks[0].omschrijving
    mid_year = MethodBreak(date(2022, 7, 1), ("verandering_signs_of_safety",), "Nieuwe schaal.")
    assert break_years("verandering_signs_of_safety", [*breaks, mid_year]) == [2019, 2023]
    assert break_years("meldingen_per_1000", [*breaks, mid_year]) == [2019]
    assert break_annotation("verandering_signs_of_safety", "2022-H2", [mid_year]) == "Nieuwe schaal."
    assert break_annotation("verandering_signs_of_safety", "2022", [mid_year]) == "Nieuwe schaal."
    assert break_annotation("verandering_signs_of_safety", "2022-H1", [mid_year]) is None
    assert break_annotation("meldingen_per_1000", "2022-H2", [mid_year]) is None


def test_published_rows_carry_the_2019_break(published: dict[str, pa.Table]) -> None:
    rows = published["meldingen_per_1000"].to_pylist()
    assert {r["periode"] for r in rows if r["methodebreuk"]} == {"2019-H1", "2019"}
    assert all("Informatieprotocol" in r["methodebreuk"] for r in rows if r["methodebreuk"])


def test_small_number_flag_on_the_fixture(published: dict[str, pa.Table]) -> None:
    rows = published["meldingen_per_1000"].to_pylist()
    flagged = {(r["gebied_code"], r["periode"]) for r in rows if r["klein_aantal"]}
    # Zoetermeer: 40 meldingen a year (its half-years are hidden since issue 12's protection)
    assert ("GM0637", "2020") in flagged
    assert ("GM0518", "2019-H1") not in flagged  # Den Haag: 70
    assert all(r["teller"] < 50 for r in rows if r["klein_aantal"])
