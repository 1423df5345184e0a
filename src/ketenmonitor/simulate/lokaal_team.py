# SPDX-License-Identifier: EUPL-1.2
"""Local-team trajectories: after an overdracht by Veilig Thuis, and after other referrals.

Help starts a median of about three weeks after aanmelding, with a long tail; about one in ten
trajectories never starts. Each household keeps a fixed contact person (a worker code of the
gemeente's team, never a person's identity). Signs of Safety scores are recorded at intake
(~4 +- 2) and closure (~7 +- 2, less gain when the family drops out).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.betrokkenen import INCLUSION, inclusion_mask
from ketenmonitor.simulate.config import RegionSetup, SimulationConfig, day_number
from ketenmonitor.simulate.dates import numbered
from ketenmonitor.simulate.model import NULL, Trajecten, VtBerichten, blank
from ketenmonitor.simulate.store import HouseholdStore

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]


def _referrals(rng: np.random.Generator, config: SimulationConfig, region: RegionSetup,
               store: HouseholdStore, vt: VtBerichten) -> tuple[IntArray, IntArray, ObjArray,
                                                                IntArray]:
    first, peil = day_number(config.start), day_number(config.peil)
    lt = P.OVERDRACHT_ORGS.index("LOKAAL_TEAM")
    via = np.flatnonzero((vt.overdracht_org == lt) & (vt.overdracht_day != NULL))
    v_day = vt.overdracht_day[via] + rng.integers(0, 6, via.size)
    ok = v_day <= peil
    via, v_day = via[ok], v_day[ok]

    n_other = rng.poisson(P.LT_OTHER_REFERRALS_PER_VT * via.size)
    n_known = rng.binomial(n_other, 0.5) if vt.n else 0
    pick = rng.integers(0, max(vt.n, 1), n_known)
    k_hh = vt.hh[pick] if vt.n else np.empty(0, dtype=np.int64)
    k_day = rng.integers(first, peil + 1, k_hh.size)
    n_new = n_other - k_hh.size
    new_day = rng.integers(first, peil + 1, n_new)
    types = rng.choice(len(P.HH_TYPES), n_new, p=P.HH_TYPE_SHARES_LOKAAL_TEAM)
    gm = rng.choice(len(region.codes), n_new, p=region.weights)
    new_hh = store.add(rng, types, np.zeros(n_new, dtype=np.int64), gm, new_day)

    codes, shares = P.VERWIJZERS_OTHER
    other_ref = np.array(codes, dtype=object)[rng.choice(len(codes), n_other, p=shares)]
    hh = np.r_[vt.hh[via], k_hh, new_hh]
    day = np.r_[v_day, k_day, new_day]
    verwijzer = np.r_[np.full(via.size, "VEILIG_THUIS", dtype=object), other_ref]
    via_vt = np.r_[via, np.full(n_other, NULL, dtype=np.int64)]
    order = np.lexsort((hh, day))
    return hh[order], day[order], np.asarray(verwijzer[order], dtype=object), via_vt[order]


def _contact(rng: np.random.Generator, region: RegionSetup, hh: IntArray, gm: IntArray) -> ObjArray:
    per_worker = np.round(region.inhabitants / P.INHABITANTS_PER_WORKER)
    workers = np.maximum(3, per_worker).astype(np.int64)
    n_w = workers[gm]
    fixed = (hh * 2654435761 % 4294967296) % n_w
    worker = np.where(rng.random(hh.size) < 0.85, fixed, rng.integers(0, 1 << 30, hh.size) % n_w)
    codes = np.array([c[2:] for c in region.codes], dtype=object)
    return np.array([f"{c}-MW{w + 1:03d}" for c, w in zip(codes[gm].tolist(), worker.tolist(),
                                                          strict=True)], dtype=object)


def trajectories(rng: np.random.Generator, config: SimulationConfig, region: RegionSetup,
                 store: HouseholdStore, vt: VtBerichten) -> Trajecten:
    peil = day_number(config.peil)
    hh, aanmelding, verwijzer, via_vt = _referrals(rng, config, region, store, vt)
    n = hh.size
    starts = rng.random(n) >= P.LT_NEVER_START
    delay = np.round(rng.lognormal(np.log(P.LT_START_MEDIAN_DAYS), P.LT_START_SIGMA, n))
    start = np.where(starts, aanmelding + delay.astype(np.int64), NULL)
    duration = np.round(rng.lognormal(np.log(P.LT_DURATION_MEDIAN_DAYS), 0.5, n)).astype(np.int64)
    closed_unstarted = ~starts & (rng.random(n) < 0.5)
    einde = np.where(starts, start + duration,
                     np.where(closed_unstarted, aanmelding + rng.integers(30, 121, n), NULL))
    codes, shares = P.REDEN_AFSLUITING
    reden = np.array(codes, dtype=object)[rng.choice(len(codes), n, p=shares)]
    reden = np.where(starts, reden, np.where(rng.random(n) < 0.7, "UITVAL", "ANDERS"))

    start = np.where(start > peil, NULL, start)
    einde = np.where((einde > peil) | ((start == NULL) & starts), NULL, einde)
    reden = blank(reden, einde == NULL)
    started = start != NULL
    intake = np.clip(np.round(rng.normal(*P.SOS_INTAKE, n)), 0, 10).astype(np.int64)
    gain = np.where(reden == "UITVAL", rng.normal(*P.SOS_GAIN_UITVAL, n),
                    rng.normal(*P.SOS_GAIN, n))
    closure = np.clip(np.round(intake + gain), 0, 10).astype(np.int64)
    sos_intake = np.where(started & (rng.random(n) > 0.05), intake, NULL)
    sos_afsluiting = np.where(started & (einde != NULL) & (rng.random(n) > 0.05), closure, NULL)
    spent = np.where(einde != NULL, einde, peil) - np.where(started, start, peil)
    hours = rng.lognormal(np.log(30), 0.8, n) * np.clip(spent / np.maximum(duration, 1), 0.05, 1)
    uren = np.where(started, np.round(hours * 4) / 4, np.nan)
    gm = store.addresses.gemeente_at(hh, aanmelding)
    return Trajecten(
        hh=hh, gm=gm, aanmelding=aanmelding, start=start, einde=einde, verwijzer=verwijzer,
        contactpersoon=_contact(rng, region, hh, gm), sos_intake=sos_intake,
        sos_afsluiting=sos_afsluiting, reden=np.asarray(reden, dtype=object), uren=uren,
        via_vt=via_vt, mask=inclusion_mask(rng, store.composition, hh, aanmelding,
                                           INCLUSION["lokaal_team"]),
        ids=numbered("LT", aanmelding, width=5),
    )
