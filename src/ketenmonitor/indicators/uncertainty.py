# SPDX-License-Identifier: EUPL-1.2
"""Confidence intervals and the small-number flag of one published cell (ADR 0006).

Everything here is computed from the *published* figures — the counts rounded to the rounding
base and, for rates, the public number of inhabitants — never from the unrounded counts. So an
interval tells a reader nothing the table does not already show (it cannot be inverted to the
exact count behind a rounded one), any reader can recompute it, and a suppressed cell, which
has no published counts, gets no interval either.

* Rates per 1,000 or 10,000 inhabitants: the exact Poisson interval (Garwood 1936) for the
  count, from the chi-square distribution of ``scipy.stats``, divided by the inhabitants.
* Percentages: the Wilson score interval for a proportion, with the normal quantile from
  ``scipy.stats`` (the interval ``scipy.stats.binomtest(...).proportion_ci(method="wilson")``
  gives, computed for a whole table at once).
* Medians and means: no interval. It would need the individual values, and the order
  statistics behind a median interval are individual values.

Because the value is computed from the unrounded counts and the interval from the rounded ones,
the interval is widened where needed to contain the published value.

``klein_aantal`` marks figures that rest on fewer than 50 observations (the noemer of a share;
the teller of a rate, and of a median or mean, which counts the values it summarises):
published, but to be read with care.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import stats

from ketenmonitor.indicators.model import Eenheid
from ketenmonitor.indicators.rounding import round_value

CONFIDENCE = 0.95
SMALL_NUMBER = 50


def _z(confidence: float) -> float:
    return float(stats.norm.ppf(1 - (1.0 - confidence) / 2))


def poisson_interval(count: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Exact (Garwood) interval for the mean of a Poisson count."""
    low, high = poisson_intervals(np.array([count]), confidence)
    return float(low[0]), float(high[0])


def poisson_intervals(
    counts: npt.NDArray[np.int64], confidence: float = CONFIDENCE
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Garwood intervals for many counts at once (chi-square quantiles of ``scipy.stats``)."""
    alpha = 1.0 - confidence
    low = np.where(counts > 0, stats.chi2.ppf(alpha / 2, 2 * np.maximum(counts, 1)) / 2, 0.0)
    high = stats.chi2.ppf(1 - alpha / 2, 2 * counts + 2) / 2
    return low, high


def wilson_interval(
    successes: int, trials: int, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Wilson score interval for a proportion (0..1)."""
    low, high = wilson_intervals(np.array([successes]), np.array([trials]), confidence)
    return float(low[0]), float(high[0])


def wilson_intervals(
    successes: npt.NDArray[np.int64],
    trials: npt.NDArray[np.int64],
    confidence: float = CONFIDENCE,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Wilson score intervals for many proportions at once (``trials`` > 0).

    The same interval as ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``
    (checked in the tests), without computing the test's p-value for every cell.
    """
    z = _z(confidence)
    n = trials.astype(np.float64)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


Interval = tuple[float | None, float | None]


def confidence_intervals(
    eenheid: Eenheid,
    teller: Sequence[int | None],
    noemer: Sequence[int | None],
    waarde: Sequence[float | None],
) -> list[Interval]:
    """The 95% intervals in the unit of the indicator, from published (rounded) figures."""
    result: list[Interval] = [(None, None)] * len(teller)
    if not (eenheid.is_rate or eenheid is Eenheid.PERCENTAGE):
        return result
    rows = [
        i for i, (t, n, w) in enumerate(zip(teller, noemer, waarde, strict=True))
        if t is not None and n is not None and w is not None and n > 0
        and (eenheid.is_rate or t <= n)
    ]
    if not rows:
        return result
    k = np.array([teller[i] for i in rows], dtype=np.int64)
    n = np.array([noemer[i] for i in rows], dtype=np.int64)
    if eenheid.is_rate:
        low, high = poisson_intervals(k)
        factor = eenheid.factor / n.astype(np.float64)
    else:
        low, high = wilson_intervals(k, n)
        factor = np.full(len(rows), 100.0)
    for j, i in enumerate(rows):
        value = float(waarde[i] or 0.0)
        lower = min(round_value(float(low[j] * factor[j])), value)
        upper = max(round_value(float(high[j] * factor[j])), value)
        result[i] = (lower + 0.0, upper + 0.0)
    return result


def confidence_interval(
    eenheid: Eenheid, teller: int | None, noemer: int | None, waarde: float | None
) -> Interval:
    """The 95% interval of one cell (see ``confidence_intervals``)."""
    return confidence_intervals(eenheid, [teller], [noemer], [waarde])[0]


def is_small(eenheid: Eenheid, teller: int | None, noemer: int | None) -> bool:
    """Whether a published figure rests on fewer than ``SMALL_NUMBER`` observations."""
    basis = noemer if eenheid is Eenheid.PERCENTAGE else teller
    return basis is not None and basis < SMALL_NUMBER
