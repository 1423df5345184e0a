# SPDX-License-Identifier: EUPL-1.2
"""Reporting periods and the provisional rule."""

from __future__ import annotations

from datetime import date

from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.periods import (
    add_months,
    is_provisional,
    provisional_periods,
    reporting_periods,
)


def test_periods_from_2019_to_the_peildatum() -> None:
    codes = [p.code for p in reporting_periods(date(2020, 3, 31))]
    assert codes == ["2019-H1", "2019-H2", "2019", "2020-H1", "2020"]


def test_whole_years_end_with_the_year() -> None:
    codes = [p.code for p in reporting_periods(date(2025, 12, 31))]
    assert codes[:3] == ["2019-H1", "2019-H2", "2019"]
    assert codes[-3:] == ["2025-H1", "2025-H2", "2025"]
    assert len(codes) == 7 * 3


def test_provisional_when_ending_less_than_six_months_before_the_peildatum() -> None:
    peildatum = date(2025, 12, 31)
    periods = reporting_periods(peildatum)
    assert [p.code for p in provisional_periods(periods, peildatum)] == ["2025-H2", "2025"]
    assert is_provisional(Period(2025, 1), date(2025, 12, 29))
    assert not is_provisional(Period(2025, 1), date(2025, 12, 30))
    assert is_provisional(Period(2024), date(2025, 3, 1))


def test_add_months_clips_to_month_end() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 6, 30), 6) == date(2024, 12, 30)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
