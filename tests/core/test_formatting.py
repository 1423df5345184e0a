# SPDX-License-Identifier: EUPL-1.2
"""The one Dutch formatter: CBS rounding (half away from zero), decimal comma, thousands dot."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ketenmonitor.core.formatting import (
    MISSING,
    format_amount,
    format_bytes,
    format_count,
    format_number,
    format_percent,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.25, 1, "2,3"),  # half up on the decimal representation, not the binary one
        (2.675, 2, "2,68"),
        (Decimal("8310.505"), 2, "8.310,51"),
        (12_345_678, 0, "12.345.678"),
        (-1234.5, 0, "-1.235"),
        (-0.04, 1, "0,0"),
    ],
)
def test_numbers(value: float | int | Decimal, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_without_thousands_separator_for_csv() -> None:
    assert format_number(1234.5, 1, thousands=False) == "1234,5"


def test_counts_percentages_amounts_sizes() -> None:
    assert format_count(1_000_000) == "1.000.000"
    assert format_percent(12.345, 2) == "12,35%"
    assert format_percent(None) == MISSING
    assert format_amount(Decimal("8310.5")) == "€ 8.310,50"
    assert format_bytes(3 * 1024**2 // 2) == "1,5 MB"
    assert format_bytes(512) == "512 bytes"
