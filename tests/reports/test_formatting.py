# SPDX-License-Identifier: EUPL-1.2
"""Dutch notation in the report: decimal comma, thousands dot, CBS signs, dates and labels."""

from __future__ import annotations

import math
from datetime import date

import pytest

from ketenmonitor.reports.formatting import (
    MISSING,
    dimension_label,
    format_count,
    format_date,
    format_number,
    format_percent,
    format_share,
    format_signed,
    period_label,
    sources_text,
    unit_label,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.56, 1, "1.234,6"),
        (1234567.0, 0, "1.234.567"),
        (0.05, 1, "0,1"),
        (12.0, 1, "12,0"),
        (-3.25, 2, "-3,25"),
        (-0.01, 1, "0,0"),
        (None, 1, MISSING),
        (math.nan, 1, MISSING),
    ],
)
def test_format_number_uses_decimal_comma_and_thousands_dot(
    value: float | None, decimals: int, expected: str
) -> None:
    assert format_number(value, decimals) == expected


def test_counts_percentages_and_shares() -> None:
    assert format_count(12345) == "12.345"
    assert format_percent(38.25) == "38,3%"
    assert format_share(1200, 12000) == "10,0%"
    assert format_share(5, 0) == MISSING
    assert format_share(None, 10) == MISSING


def test_signed_difference_has_explicit_plus() -> None:
    assert format_signed(4.5) == "+4,5"
    assert format_signed(-4.75) == "-4,8"
    assert format_signed(0.0) == "0,0"
    assert format_signed(1.0, unit="procentpunt") == "+1,0 procentpunt"


def test_dates_and_periods_in_dutch() -> None:
    assert format_date("2025-12-31") == "31 december 2025"
    assert format_date(date(2024, 3, 1)) == "1 maart 2024"
    assert format_date("2026-01-15T10:00:00+00:00") == "15 januari 2026"
    assert period_label("2025", provisional=True) == "2025*"
    assert period_label("2024-H2") == "2024 2e halfjaar"
    assert period_label("onbekend") == "onbekend"


def test_labels_for_codes() -> None:
    assert unit_label("per_1000_inwoners") == "per 1.000 inwoners"
    assert unit_label("percentage") == "%"
    assert unit_label("nieuwe_eenheid") == "nieuwe eenheid"
    assert dimension_label("melder_groep") == "Organisatie van de melder"
    assert dimension_label("leeftijd_kind") == "Leeftijd kind"
    assert (
        sources_text(["vt_bericht", "veilig_thuis", "lt_traject"]) == "Veilig Thuis, Lokale teams"
    )
