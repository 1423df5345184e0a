# SPDX-License-Identifier: EUPL-1.2
"""When violence in a household comes to light: chains of episodes, each with one or more meldingen.

A household belongs to a chronicity class. Each episode starts with a melding and may bring
further meldingen (soon after, or spread over the episode); after an episode the household may
have another one after a gap. The process starts ``BURN_IN_YEARS`` before the first exported year
so that the mix of new and returning households is stable from the first year on; only meldingen
from the first exported year onwards are kept. Whether a melding then opens a casus, is a
vervolgmelding or a hermelding follows from Veilig Thuis handling (``veilig_thuis``), not from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import RegionSetup, SimulationConfig, day_number
from ketenmonitor.simulate.store import HouseholdStore

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class MeldingEvents:
    hh: IntArray  # household (store index)
    day: IntArray
    episode: IntArray  # index into episode_* arrays
    repeat_episode: BoolArray  # the household had an earlier episode (also before the window)
    episode_hh: IntArray
    episode_start: IntArray


def meldingen_per_household() -> float:
    """Expected meldingen over a household's life under the chain parameters."""
    shares = np.array(P.CHRONICITY_SHARES)
    per_episode = 1 + np.array(P.EXTRA_MELDINGEN_MEAN)
    episodes = 1 / (1 - np.array(P.NEXT_EPISODE_PROB))
    return float((shares * per_episode * episodes).sum() * P.MELDINGEN_PER_HH_CORRECTION)


def melding_process(rng: np.random.Generator, config: SimulationConfig, region: RegionSetup,
                    store: HouseholdStore) -> MeldingEvents:
    first = day_number(config.start)
    peil = day_number(config.peil)
    origin = first - int(P.BURN_IN_YEARS * 365.25)
    years = (peil - origin + 1) / 365.25
    per_year = (P.MELDINGEN_PER_1000 / 1000 * region.inhabitants * region.melding_factor
                / meldingen_per_household())
    n_per_gm = rng.poisson(per_year * years)
    gm = np.repeat(np.arange(len(region.codes)), n_per_gm)
    n = gm.size
    types = rng.choice(len(P.HH_TYPES), n, p=P.HH_TYPE_SHARES_MELDING)
    chron = rng.choice(3, n, p=P.CHRONICITY_SHARES)
    start = rng.integers(origin, peil + 1, n)

    # chains of episodes
    empty = np.empty(0, dtype=np.int64)
    ep_hh: list[IntArray] = [empty]
    ep_start: list[IntArray] = [empty]
    ep_window: list[npt.NDArray[np.float64]] = [np.empty(0)]
    ep_k: list[IntArray] = [empty]
    active = np.arange(n)
    current = start
    k = 0
    sigma = P.LOGNORMAL_SIGMA
    while active.size:
        c = chron[active]
        window = rng.lognormal(np.log(np.array(P.EPISODE_WINDOW_MEDIAN_DAYS)[c]), sigma)
        ep_hh.append(active)
        ep_start.append(current)
        ep_window.append(window)
        ep_k.append(np.full(active.size, k))
        again = rng.random(active.size) < np.array(P.NEXT_EPISODE_PROB)[c]
        gap = rng.lognormal(np.log(np.array(P.EPISODE_GAP_MEDIAN_DAYS)[c]), sigma)
        current = (current + window + gap).astype(np.int64)
        keep = again & (current <= peil)
        active, current = active[keep], current[keep]
        k += 1
    e_hh = np.concatenate(ep_hh)
    e_start = np.concatenate(ep_start)
    e_window = np.concatenate(ep_window)
    e_k = np.concatenate(ep_k)

    # meldingen within episodes
    count = 1 + rng.poisson(np.array(P.EXTRA_MELDINGEN_MEAN)[chron[e_hh]])
    m_ep = np.repeat(np.arange(e_hh.size), count)
    opening = np.r_[True, m_ep[1:] != m_ep[:-1]]
    near = rng.random(m_ep.size) < P.NEAR_FOLLOW_UP_SHARE
    offset = np.where(near, rng.exponential(P.NEAR_FOLLOW_UP_MEAN_DAYS, m_ep.size),
                      rng.random(m_ep.size) * e_window[m_ep])
    m_day = (e_start[m_ep] + np.where(opening, 0, offset)).astype(np.int64)
    keep = (m_day >= first) & (m_day <= peil)
    m_ep, m_day = m_ep[keep], m_day[keep]
    m_hh = e_hh[m_ep]

    # households with meldingen in the window become real households
    used, local = np.unique(m_hh, return_inverse=True)
    first_seen = np.full(used.size, peil, dtype=np.int64)
    np.minimum.at(first_seen, local, m_day)
    index = store.add(rng, types[used], chron[used], gm[used], first_seen)
    remap = np.full(n, -1, dtype=np.int64)
    remap[used] = index

    order = np.lexsort((m_day, remap[m_hh]))
    ep_keep = np.unique(m_ep)
    ep_remap = np.full(e_hh.size, -1, dtype=np.int64)
    ep_remap[ep_keep] = np.arange(ep_keep.size)
    return MeldingEvents(
        hh=remap[m_hh][order],
        day=m_day[order],
        episode=ep_remap[m_ep][order],
        repeat_episode=(e_k[m_ep] > 0)[order],
        episode_hh=remap[e_hh[ep_keep]],
        episode_start=e_start[ep_keep],
    )
