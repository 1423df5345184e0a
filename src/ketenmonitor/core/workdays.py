# SPDX-License-Identifier: EUPL-1.2
"""Dutch working days, for Veilig Thuis deadlines (veiligheidsbeoordeling within 5 working days).

Holidays come from the ``holidays`` package (NL: Nieuwjaarsdag, Pasen, Koningsdag, Bevrijdingsdag
in lustrum years, Hemelvaart, Pinksteren, Kerstmis). Weekends are not working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    remaining = n
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def holiday_dates(first_year: int, last_year: int) -> list[date]:
    """All Dutch public holidays in the years, for SQL joins (working-day counts in DuckDB)."""
    return sorted(d for y in range(first_year, last_year + 1) for d in _holidays(y))
