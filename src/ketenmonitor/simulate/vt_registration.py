# SPDX-License-Identifier: EUPL-1.2
"""Casus data that reaches the monitor in a later delivery than the melding that opened the casus.

Some VT systems register the afsluiting with the latest melding of the casus rather than with the
one that opened it. When that latest melding lies in a later half-year, the opener was delivered
without afsluiting and the closure arrives only with the later delivery (rule EB-8 in
docs/afleidingen.md). The ground truth does not change: the casus closes on the same day.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.model import NULL, VtBerichten

IntArray = npt.NDArray[np.int64]


def half_year(day: IntArray) -> IntArray:
    """Half-years since 1970 of day numbers (days since 1970-01-01): the delivery period."""
    months = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return months // 6


def move_late_afsluiting(rng: np.random.Generator, b: VtBerichten, rows: IntArray) -> None:
    """Move the afsluiting of some casussen from the opener to their last melding (in place)."""
    if rows.size == 0:
        return
    opener = b.opener[rows]
    order = np.lexsort((rows, b.day[rows], opener))
    rows, opener = rows[order], opener[order]
    last = np.r_[opener[1:] != opener[:-1], True]  # last melding of each episode
    late = (last & (rows != opener) & (half_year(b.day[rows]) > half_year(b.day[opener]))
            & (b.afsluiting[opener] != NULL))
    late &= rng.random(rows.size) < P.LATE_AFSLUITING_SHARE
    b.afsluiting[rows[late]] = b.afsluiting[opener[late]]
    b.afsluiting[opener[late]] = NULL
