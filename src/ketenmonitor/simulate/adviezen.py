# SPDX-License-Identifier: EUPL-1.2
"""Adviezen to Veilig Thuis: some precede a melding episode, most concern households never melded.

The yearly number follows ``ADVIEZEN_PER_1000`` (rising from 6.5 in 2019 to 9.5 in 2025). Adviezen
that precede an episode give the cross-partner "earlier signal" something to find; the rest come
from households that only ever get one to three adviezen.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import RegionSetup, SimulationConfig, day_number
from ketenmonitor.simulate.episodes import MeldingEvents
from ketenmonitor.simulate.store import HouseholdStore

IntArray = npt.NDArray[np.int64]


def adviezen_per_1000(year: int) -> float:
    known = P.ADVIEZEN_PER_1000
    if year in known:
        return known[year]
    edge = min(known) if year < min(known) else max(known)
    return max(known[edge] + P.ADVIEZEN_TREND_PER_JAAR * (year - edge), 0.5)


def advies_events(rng: np.random.Generator, config: SimulationConfig, region: RegionSetup,
                  store: HouseholdStore, meld: MeldingEvents) -> tuple[IntArray, IntArray]:
    """Household and day of every advies in the window."""
    first = day_number(config.start)
    peil = day_number(config.peil)
    linked = rng.random(meld.episode_start.size) < P.ADVIES_BEFORE_EPISODE_PROB
    l_hh = meld.episode_hh[linked]
    l_day = meld.episode_start[linked] - rng.integers(1, 181, int(linked.sum()))
    keep = (l_day >= first) & (l_day <= peil)
    l_hh, l_day = l_hh[keep], l_day[keep]

    sizes, shares = P.ADVIEZEN_PER_ADVIES_HH
    mean_per_hh = float(np.dot(sizes, shares))
    hh_parts: list[IntArray] = [l_hh]
    day_parts: list[IntArray] = [l_day]
    # households of the year before the window too: their later adviezen fall in the window
    for year in range(config.van - 1, config.peil.year + 1):
        y_start = day_number(config.start.replace(year=year))
        y_end = min(day_number(config.start.replace(year=year, month=12, day=31)), peil)
        fraction = (y_end - y_start + 1) / 365.25
        target = adviezen_per_1000(year) / 1000 * region.total_inhabitants * fraction
        already = int(((l_day >= y_start) & (l_day <= y_end)).sum())
        n_hh = rng.poisson(max(target - already, 0.0) / mean_per_hh)
        if n_hh == 0:
            continue
        start = rng.integers(y_start, y_end + 1, n_hh)
        count = rng.choice(np.array(sizes), n_hh, p=shares)
        types = rng.choice(len(P.HH_TYPES), n_hh, p=P.HH_TYPE_SHARES_ADVIES)
        gm = rng.choice(len(region.codes), n_hh, p=region.melding_weights)
        index = store.add(rng, types, np.zeros(n_hh, dtype=np.int64), gm, start)
        owner = np.repeat(np.arange(n_hh), count)
        first_of = np.r_[True, owner[1:] != owner[:-1]]
        step = np.where(first_of, 0, rng.integers(7, 200, owner.size))
        group_start = np.repeat(np.cumsum(np.r_[0, count[:-1]]), count)
        offset = np.cumsum(step) - np.cumsum(step)[group_start]
        day = start[owner] + offset
        ok = (day >= first) & (day <= peil)
        hh_parts.append(index[owner][ok])
        day_parts.append(day[ok])
    return np.concatenate(hh_parts), np.concatenate(day_parts)
