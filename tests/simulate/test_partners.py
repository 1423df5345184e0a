# SPDX-License-Identifier: EUPL-1.2
"""Police incidents, local-team trajectories and MDA++ casussen hang together with Veilig Thuis."""

from __future__ import annotations

import re

import numpy as np
import pytest

from ketenmonitor.simulate import Simulation
from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.model import NULL
from ketenmonitor.simulate.vt_content import ORG_INDEX


def test_every_police_melding_comes_from_an_incident_with_zorgmelding(sim: Simulation) -> None:
    vt, pol = sim.vt, sim.politie
    police = np.flatnonzero(vt.melding & (vt.org == ORG_INDEX["JV_POLITIE"]))
    zorg = np.flatnonzero(pol.zorgmelding)
    assert zorg.size == police.size
    incidents = {(int(h), int(d)) for h, d in zip(pol.hh[zorg], pol.day[zorg], strict=True)}
    for i in police[:3000].tolist():
        assert any((int(vt.hh[i]), int(vt.day[i]) - lag) in incidents for lag in range(4)
                   ) or vt.day[i] - 3 < vt.day.min()
    assert pol.n / police.size == pytest.approx(P.INCIDENTEN_PER_POLITIEMELDING, abs=0.06)


def test_huisverboden_only_with_zorgmelding_and_extended_only_when_imposed(
        sim: Simulation) -> None:
    pol = sim.politie
    assert pol.huisverbod.any()
    assert pol.zorgmelding[pol.huisverbod].all()
    assert (pol.hv_day[pol.huisverbod] >= pol.day[pol.huisverbod]).all()
    assert (pol.hv_day[~pol.huisverbod] == NULL).all()
    assert (pol.hv_verlengd[~pol.huisverbod] == NULL).all()
    extended = pol.hv_verlengd[pol.huisverbod].mean()
    assert extended == pytest.approx(P.HUISVERBOD_VERLENGD_PROB, abs=0.1)


def test_local_team_trajectories_after_overdracht_and_from_other_referrers(
        sim: Simulation) -> None:
    lt, vt = sim.lokaal_team, sim.vt
    via = lt.via_vt != NULL
    assert (lt.verwijzer[via] == "VEILIG_THUIS").all()
    assert (lt.verwijzer[~via] != "VEILIG_THUIS").all()
    assert (vt.overdracht_org[lt.via_vt[via]] == P.OVERDRACHT_ORGS.index("LOKAAL_TEAM")).all()
    assert (lt.hh[via] == vt.hh[lt.via_vt[via]]).all()
    assert (lt.aanmelding[via] >= vt.overdracht_day[lt.via_vt[via]]).all()
    started = lt.start != NULL
    delay = lt.start[started] - lt.aanmelding[started]
    assert np.median(delay) == pytest.approx(P.LT_START_MEDIAN_DAYS, abs=3)
    assert np.percentile(delay, 95) > 50  # a tail
    assert 1 - started.mean() == pytest.approx(P.LT_NEVER_START, abs=0.03)


def test_signs_of_safety_hours_and_contact_person(sim: Simulation) -> None:
    lt = sim.lokaal_team
    intake = lt.sos_intake[lt.sos_intake != NULL]
    closure = lt.sos_afsluiting[lt.sos_afsluiting != NULL]
    assert intake.min() >= 0 and closure.max() <= 10
    assert intake.mean() == pytest.approx(4.0, abs=0.4)
    assert closure.mean() == pytest.approx(7.0, abs=0.6)
    both = (lt.sos_intake != NULL) & (lt.sos_afsluiting != NULL)
    gain = lt.sos_afsluiting[both] - lt.sos_intake[both]
    dropout = lt.reden[both] == "UITVAL"
    assert gain[dropout].mean() < gain[~dropout].mean() - 1.5
    hours = lt.uren[~np.isnan(lt.uren)]
    assert (hours % 1 != 0).any() and (hours >= 0).all()
    assert all(re.fullmatch(r"\d{4}-MW\d{3}", c) for c in lt.contactpersoon.tolist())
    # a household keeps its contact person in most of its trajectories in one gemeente
    pairs: dict[tuple[int, int], list[str]] = {}
    for h, g, c in zip(lt.hh.tolist(), lt.gm.tolist(), lt.contactpersoon.tolist(), strict=True):
        pairs.setdefault((h, g), []).append(c)
    repeated = [v for v in pairs.values() if len(v) > 1]
    assert repeated
    assert np.mean([len(set(v)) == 1 for v in repeated]) > 0.6


def test_mda_takes_the_most_severe_one_to_two_percent_of_casussen(sim: Simulation) -> None:
    vt, mda = sim.vt, sim.mda
    share = mda.n / vt.opens.sum()
    assert 0.01 <= share <= 0.02
    severe = (vt.acute == 1) & (vt.structureel == 1)
    assert vt.opens[mda.via_vt].all()
    assert (vt.hh[mda.via_vt] == mda.hh).all()
    assert severe[mda.via_vt].mean() > 4 * severe[vt.opens].mean()
    assert (mda.start[mda.start != NULL] >= mda.aanmelding[mda.start != NULL]).all()
