# SPDX-License-Identifier: EUPL-1.2
"""Trend over the years of one series, and where method breaks cut a series (ADR 0006).

A series is one area × dimension × category of a table. On every year row the trend is tested
over the published yearly values from the latest method break up to and including that year:

* Mann–Kendall test: Kendall's tau between year and value (``scipy.stats.kendalltau``,
  two-sided, exact for short series without ties). It asks whether the values move in one
  direction consistently, makes no assumption about their distribution, and treats rates,
  shares, medians and means alike.
* Sen's slope (``scipy.stats.theilslopes``): the median change per year, in the unit of the
  indicator, as the size of the trend.

The test uses only complete years that are not provisional and whose cell is published; a
window with a suppressed or provisional year, or fewer than ``MIN_YEARS`` years, has no trend
(with four values Mann–Kendall cannot reach p < 0.05). As for the intervals, only published
values go in, so every reader can recompute the result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from scipy import stats

from ketenmonitor.codes import MethodBreak

MIN_YEARS = 5
ALPHA = 0.05
STIJGEND = "stijgend"
DALEND = "dalend"
GEEN_TREND = "geen_trend"


@dataclass(frozen=True)
class Trend:
    richting: str  # 'stijgend' | 'dalend' | 'geen_trend'
    p: float
    per_jaar: float


def mann_kendall(years: Sequence[int], values: Sequence[float]) -> Trend:
    """Two-sided Mann–Kendall test with Sen's slope for one series."""
    return _mann_kendall(tuple(years), tuple(values))


@lru_cache(maxsize=4096)
def _mann_kendall(years: tuple[int, ...], values: tuple[float, ...]) -> Trend:
    tau = stats.kendalltau(years, values)
    p = float(tau.pvalue) if tau.pvalue == tau.pvalue else 1.0  # NaN when all values are equal
    slope = float(stats.theilslopes(values, years).slope)
    richting = GEEN_TREND
    if p < ALPHA:
        richting = STIJGEND if float(tau.statistic) > 0 else DALEND
    return Trend(richting, round(p, 4), round(slope, 2) + 0.0)


def break_years(indicator_id: str, breaks: Sequence[MethodBreak]) -> list[int]:
    """First years of comparable series: a break during a year starts the next year."""
    years = []
    for brk in breaks:
        if brk.applies_to(indicator_id):
            years.append(brk.vanaf.year if brk.vanaf == date(brk.vanaf.year, 1, 1)
                         else brk.vanaf.year + 1)
    return sorted(years)


@dataclass(frozen=True)
class SeriesPoint:
    row: int
    year: int
    value: float | None  # None when the cell is suppressed


def series_trends(
    keys: Sequence[tuple[str, str, str]],
    periods: Sequence[str],
    values: Sequence[float | None],
    provisional: Collection[str],
    starts: Sequence[int],
) -> list[Trend | None]:
    """The trend for every row (None on half-years, provisional years and short windows).

    ``keys`` are (area, dimension, category) per row; ``starts`` the first years after method
    breaks (``break_years``).
    """
    by_series: dict[tuple[str, str, str], list[SeriesPoint]] = defaultdict(list)
    for i, (key, period) in enumerate(zip(keys, periods, strict=True)):
        if "-H" not in period and period not in provisional:
            by_series[key].append(SeriesPoint(i, int(period), values[i]))
    result: list[Trend | None] = [None] * len(keys)
    for points in by_series.values():
        points.sort(key=lambda p: p.year)
        for point in points:
            start = max([s for s in starts if s <= point.year], default=points[0].year)
            window = [p for p in points if start <= p.year <= point.year]
            if len(window) < MIN_YEARS or any(p.value is None for p in window):
                continue
            result[point.row] = mann_kendall(
                [p.year for p in window], [float(p.value or 0.0) for p in window]
            )
    return result
