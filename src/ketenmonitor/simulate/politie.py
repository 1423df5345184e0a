# SPDX-License-Identifier: EUPL-1.2
"""Police incidents of domestic violence, with zorgmelding to Veilig Thuis and huisverboden.

Every melding from the police (JV_POLITIE) at Veilig Thuis comes from an incident with a
zorgmelding, a few days earlier. Further incidents (about 0.3 per police melding) have no
zorgmelding: most in households VT knows, the rest in households only the police sees.
Huisverboden (about 1.5 per 10,000 inhabitants a year) fall on incidents with a zorgmelding,
more often in chronic households; some are extended to 28 days.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.betrokkenen import INCLUSION, inclusion_mask
from ketenmonitor.simulate.config import RegionSetup, SimulationConfig, day_number
from ketenmonitor.simulate.dates import numbered
from ketenmonitor.simulate.model import NULL, Incidenten, VtBerichten
from ketenmonitor.simulate.store import HouseholdStore
from ketenmonitor.simulate.vt_content import ORG_INDEX

IntArray = npt.NDArray[np.int64]


def incidents(rng: np.random.Generator, config: SimulationConfig, region: RegionSetup,
              store: HouseholdStore, vt: VtBerichten) -> Incidenten:
    first = day_number(config.start)
    peil = day_number(config.peil)
    police = np.flatnonzero(vt.melding & (vt.org == ORG_INDEX["JV_POLITIE"]))
    z_hh = vt.hh[police]
    z_day = np.maximum(vt.day[police] - rng.integers(0, 4, police.size), first)

    n_extra = rng.poisson((P.INCIDENTEN_PER_POLITIEMELDING - 1) * police.size)
    n_known = rng.binomial(n_extra, P.INCIDENT_IN_KNOWN_HH_SHARE)
    meldingen = np.flatnonzero(vt.melding)
    known_pick = meldingen[rng.integers(0, max(meldingen.size, 1), n_known)] if meldingen.size \
        else np.empty(0, dtype=np.int64)
    k_hh = vt.hh[known_pick]
    k_day = np.clip(vt.day[known_pick] + rng.integers(-120, 241, known_pick.size), first, peil)

    n_new = n_extra - known_pick.size
    new_day = rng.integers(first, peil + 1, n_new)
    types = rng.choice(len(P.HH_TYPES), n_new, p=P.HH_TYPE_SHARES_POLITIE)
    gm = rng.choice(len(region.codes), n_new, p=region.melding_weights)
    new_hh = store.add(rng, types, np.zeros(n_new, dtype=np.int64), gm, new_day)
    again = rng.random(n_new) < 0.2
    again_day = new_day[again] + rng.integers(14, 366, int(again.sum()))
    a_ok = again_day <= peil

    hh = np.r_[z_hh, k_hh, new_hh, new_hh[again][a_ok]]
    day = np.r_[z_day, k_day, new_day, again_day[a_ok]]
    zorg = np.r_[np.ones(z_hh.size, bool), np.zeros(hh.size - z_hh.size, bool)]
    order = np.lexsort((hh, day))
    hh, day, zorg = hh[order], day[order], zorg[order]

    years = (peil - first + 1) / 365.25
    target = P.HUISVERBODEN_PER_10000 / 10_000 * region.total_inhabitants * years
    weight = np.where(zorg, 1.0 + store.chronicity[hh], 0.0)
    weight *= np.where(np.isin(store.types[hh], (P.GEZIN_PARTNER, P.PAAR)), 1.5, 1.0)
    p = np.minimum(1.0, target * weight / max(weight.sum(), 1e-9))
    huisverbod = rng.random(hh.size) < p
    hv_day = np.where(huisverbod, np.minimum(day + (rng.random(hh.size) < 0.3), peil), NULL)
    verlengd = np.where(huisverbod, (rng.random(hh.size) < P.HUISVERBOD_VERLENGD_PROB).astype(int),
                        NULL)
    comp = store.composition
    return Incidenten(
        day=day, hh=hh, zorgmelding=zorg, gm=store.addresses.gemeente_at(hh, day),
        huisverbod=huisverbod, hv_day=hv_day.astype(np.int64),
        hv_verlengd=verlengd.astype(np.int64),
        mask=inclusion_mask(rng, comp, hh, day, INCLUSION["politie"]),
        ids=np.array([i.replace("-", "") for i in numbered("BVH", day, width=6)], dtype=object),
    )
