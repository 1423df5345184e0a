# SPDX-License-Identifier: EUPL-1.2
"""Which periods a publication reports on, and which of them are provisional.

Reported are all half-years and years from 2019 (the CBS trend break of the Informatieprotocol
Veilig Thuis 2.0) up to the peildatum, including the half-year and year the peildatum falls in.

Provisional rule (shown with ``*``): a period is provisional when it ends less than six months
before the peildatum, or after it. Partners correct and complete their registrations for months
after a period closes (late veiligheidsbeoordelingen, overdrachten, closures), so the latest
half-year and year — and the half-year before, until six months have passed — may still change.
"""

from __future__ import annotations

import calendar
from datetime import date

from ketenmonitor.core.periods import Period

FIRST_YEAR = 2019
PROVISIONAL_MONTHS = 6


def reporting_periods(peildatum: date, first_year: int = FIRST_YEAR) -> list[Period]:
    """Per year: first half, second half, then the year; only periods that began by peildatum."""
    periods: list[Period] = []
    for year in range(first_year, peildatum.year + 1):
        for period in (Period(year, 1), Period(year, 2), Period(year)):
            if period.start <= peildatum:
                periods.append(period)
    return periods


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clipped to the last day of the month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def is_provisional(period: Period, peildatum: date) -> bool:
    """True when ``period`` ends less than six months before ``peildatum`` (or after it)."""
    return add_months(period.end, PROVISIONAL_MONTHS) > peildatum


def provisional_periods(periods: list[Period], peildatum: date) -> list[Period]:
    return [p for p in periods if is_provisional(p, peildatum)]
