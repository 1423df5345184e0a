# SPDX-License-Identifier: EUPL-1.2
"""The Mann–Kendall test of ``trend.py`` gives what scipy gives, on short and long series, with
and without ties (it computes short series without ties itself, for speed)."""

from __future__ import annotations

import random

from scipy import stats

from ketenmonitor.indicators.trend import ALPHA, DALEND, GEEN_TREND, STIJGEND, mann_kendall


def _scipy(years: list[int], values: list[float]) -> tuple[str, float, float]:
    tau = stats.kendalltau(years, values)
    p = float(tau.pvalue) if tau.pvalue == tau.pvalue else 1.0
    richting = GEEN_TREND
    if p < ALPHA:
        richting = STIJGEND if float(tau.statistic) > 0 else DALEND
    slope = float(stats.theilslopes(values, years).slope)
    return richting, round(p, 4), round(slope, 2) + 0.0


def test_same_as_scipy() -> None:
    rng = random.Random(12)
    for _ in range(400):
        n = rng.choice([5, 6, 7, 9, 12, 15])
        years = list(range(2017, 2017 + n))
        if rng.random() < 0.3:  # ties, as rounded counts have
            values = [float(rng.choice([10, 15, 20, 25])) for _ in years]
        else:
            values = [round(rng.uniform(0, 100), 1) for _ in years]
        if rng.random() < 0.3:
            values.sort(reverse=rng.random() < 0.5)
        trend = mann_kendall(years, values)
        assert (trend.richting, trend.p, trend.per_jaar) == _scipy(years, values)


def test_a_monotone_series_is_a_trend() -> None:
    assert mann_kendall(range(2019, 2025), [1.0, 2.0, 3.0, 4.5, 5.0, 7.0]).richting == STIJGEND
    assert mann_kendall(range(2019, 2025), [9.0, 8.0, 6.0, 4.5, 3.0, 1.0]).richting == DALEND
