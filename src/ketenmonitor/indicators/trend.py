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

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
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
    exact = _exact_kendall(years, values)
    if exact is None:  # ties, or a long series: scipy's asymptotic test with tie correction
        tau = stats.kendalltau(years, values)
        p = float(tau.pvalue) if tau.pvalue == tau.pvalue else 1.0  # NaN: all values equal
        rising = float(tau.statistic) > 0
    else:
        p, rising = exact
    slope = _sen_slope(years, values)
    richting = GEEN_TREND
    if p < ALPHA:
        richting = STIJGEND if rising else DALEND
    return Trend(richting, round(p, 4), round(slope, 2) + 0.0)


_EXACT_UP_TO = 12  # counts of the exact distribution stay far below 2**53


def _exact_kendall(years: Sequence[int], values: Sequence[float]) -> tuple[float, bool] | None:
    """Two-sided p-value of Kendall's tau and whether it is positive, for a short series
    without ties: the same arithmetic as ``scipy.stats.kendalltau`` (its exact method, which it
    chooses then), without its per-call overhead (publishing tests ~2,000 series)."""
    n = len(values)
    if n > _EXACT_UP_TO or len(set(years)) < n or len(set(values)) < n:
        return None
    con = dis = 0
    for i in range(n):
        for j in range(i + 1, n):
            sign = (years[j] - years[i]) * (values[j] - values[i])
            con += sign > 0
            dis += sign < 0
    c = min(con, n * (n - 1) // 2 - con)
    if n <= 2 or 4 * c == n * (n - 1):
        prob = 1.0
    elif c == 0:
        prob = 2.0 / math.factorial(n)
    elif c == 1:
        prob = 2.0 / math.factorial(n - 1)
    else:
        new = np.zeros(c + 1)
        new[0:2] = 1.0
        for j in range(3, n + 1):
            new = np.cumsum(new)
            if j <= c:
                new[j:] -= new[: c + 1 - j]
        prob = 2.0 * float(np.sum(new)) / math.factorial(n)
    return min(max(prob, 0.0), 1.0), con > dis


def _sen_slope(years: Sequence[int], values: Sequence[float]) -> float:
    """Sen's slope as ``scipy.stats.theilslopes`` computes it: the median of all pairwise
    slopes."""
    x = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    deltax = x[:, np.newaxis] - x
    deltay = y[:, np.newaxis] - y
    slopes = deltay[deltax > 0] / deltax[deltax > 0]
    slopes.sort()
    return float(np.median(slopes))


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
