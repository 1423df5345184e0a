# SPDX-License-Identifier: EUPL-1.2
"""Raad voor de Kinderbescherming, jeugdbescherming and reclassering follow Veilig Thuis and the
police in order, name known persons only, and leave outcomes empty while running."""

from __future__ import annotations

import numpy as np

from ketenmonitor.simulate import Simulation
from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import day_number
from ketenmonitor.simulate.households import CHILD_SLOTS, PLEGER, SLOT_A, SLOT_B
from ketenmonitor.simulate.jeugd_justitie import FIELDS
from ketenmonitor.simulate.model import NULL


def test_every_kind_is_simulated_with_its_outcome_only_when_ended(sim: Simulation) -> None:
    assert set(sim.keten) == set(FIELDS)
    peil = day_number(sim.config.peil)
    outcome = {"raad_kinderbescherming": "uitkomst", "jeugdbescherming": "reden_einde",
               "reclassering": "afloop"}
    for name, k in sim.keten.items():
        assert k.n > 10, name
        assert (k.start <= peil).all() and (np.diff(k.start) >= 0).all()
        ended = k.einde != NULL
        assert (k.einde[ended] > k.start[ended]).all()
        assert (k.codes[outcome[name]][~ended] == None).all()  # noqa: E711
        assert (k.codes[outcome[name]][ended] != None).all()  # noqa: E711
        b = sim.betrokkenen[name]
        assert (b.person >= 0).all() and set(np.unique(b.rows.event)) == set(range(k.n))


def test_raad_follows_an_overdracht_and_maatregelen_concern_children(sim: Simulation) -> None:
    vt, rk, gi = sim.vt, sim.keten["raad_kinderbescherming"], sim.keten["jeugdbescherming"]
    org = P.OVERDRACHT_ORGS.index("RAAD_KINDERBESCHERMING")
    handed = {(int(h), int(d)) for h, d in zip(vt.hh[vt.overdracht_org == org],
                                               vt.overdracht_day[vt.overdracht_org == org],
                                               strict=True)}
    for h, s in zip(rk.hh[:200].tolist(), rk.start[:200].tolist(), strict=True):
        assert any((h, s - lag) in handed for lag in range(7, 29))
    b = sim.betrokkenen["jeugdbescherming"]
    assert np.isin(b.rows.slot, (SLOT_A, *CHILD_SLOTS)).all()
    assert np.isin(b.rows.slot, CHILD_SLOTS).mean() > 0.8
    assert set(gi.codes["soort_maatregel"]) <= {"VOORLOPIGE_OTS", "OTS", "OTS_UHP", "VOOGDIJ",
                                                  "JEUGDRECLASSERING"}


def test_reclassering_supervises_the_perpetrator_after_a_huisverbod(sim: Simulation) -> None:
    rc, pol = sim.keten["reclassering"], sim.politie
    b = sim.betrokkenen["reclassering"]
    assert (b.rows.slot == SLOT_B).all() and (b.rows.role == PLEGER).all()
    huisverbod = set(pol.hh[pol.huisverbod].tolist())
    assert set(rc.hh.tolist()) <= huisverbod
