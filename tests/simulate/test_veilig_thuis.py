# SPDX-License-Identifier: EUPL-1.2
"""Veilig Thuis handling: casus, veiligheidsbeoordeling, outcomes, vervolgmeldingen."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import pytest

from ketenmonitor.core.workdays import working_days_between
from ketenmonitor.simulate import Simulation
from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import day_number
from ketenmonitor.simulate.model import EERDERE_BETROKKENHEID, NULL

EPOCH = date(1970, 1, 1)
HANDLING = ("vb_day", "uitkomst_vb", "acute", "structureel", "ond_start", "ond_end",
            "uitkomst_ond", "overdracht_org", "overdracht_day", "mon_start", "mon_end",
            "afsluiting")


def test_adviezen_have_no_casus_and_no_handling(sim: Simulation) -> None:
    vt = sim.vt
    advies = ~vt.melding
    assert (vt.casus[advies] == NULL).all()
    assert all(v is None for v in vt.casus_ids[advies].tolist())
    for name in HANDLING:
        assert (getattr(vt, name)[advies] == NULL).all(), name


def test_vervolgmeldingen_join_the_open_casus_without_handling_of_their_own(
        sim: Simulation) -> None:
    vt = sim.vt
    followers = vt.melding & ~vt.opens
    assert followers.any()
    for name in HANDLING:
        if name != "afsluiting":  # may arrive with a later melding (EB-8)
            assert (getattr(vt, name)[followers] == NULL).all(), name
    for i in np.flatnonzero(followers)[:2000].tolist():
        first = int(vt.opener[i])
        assert vt.opens[first] and vt.opener[first] == first
        assert vt.hh[first] == vt.hh[i]
        assert vt.day[first] <= vt.day[i]
        closed = max(int(vt.afsluiting[first]), int(vt.afsluiting[i]))
        assert closed == NULL or vt.day[i] <= closed
        assert vt.casus_ids[i] == vt.casus_ids[first]
        assert EERDERE_BETROKKENHEID[vt.eb[i]].startswith("VERVOLG")


def test_cbs_boundary_situations_occur_with_their_truth(sim: Simulation) -> None:
    """Each boundary of docs/afleidingen.md (EB-2, EB-3, EB-4, EB-8) occurs in the simulation."""
    vt = sim.vt
    openers = np.flatnonzero(vt.opens)
    by_household: dict[int, list[int]] = {}
    for i in openers[np.lexsort((openers, vt.day[openers]))].tolist():
        by_household.setdefault(int(vt.hh[i]), []).append(i)
    separate = reopened = same_day = 0
    for rows in by_household.values():
        for prev, cur in pairwise(rows):
            eb = EERDERE_BETROKKENHEID[vt.eb[cur]]
            close = int(vt.afsluiting[prev])
            if vt.casus_ids[cur] == vt.casus_ids[prev]:
                reopened += 1
                assert not eb.startswith("VERVOLG")
            elif close == int(vt.day[cur]):
                same_day += 1
                assert not eb.startswith("VERVOLG")  # closed on the day: EB-3
            if eb.startswith("VERVOLG"):
                separate += 1
    late = int(((vt.afsluiting != NULL) & vt.melding & ~vt.opens).sum())
    meldingen = int(vt.melding.sum())
    for count in (separate, reopened, same_day, late):
        assert 0.002 * meldingen < count < 0.05 * meldingen, (separate, reopened, same_day, late)


def test_about_65_percent_assessed_within_five_working_days(sim: Simulation) -> None:
    vt = sim.vt
    rows = np.flatnonzero(vt.opens & (vt.vb_day != NULL))
    days = [working_days_between(EPOCH + timedelta(days=int(a)), EPOCH + timedelta(days=int(b)))
            for a, b in zip(vt.day[rows].tolist(), vt.vb_day[rows].tolist(), strict=True)]
    within = float(np.mean(np.array(days) <= 5))
    assert within == pytest.approx(0.65, abs=0.03)
    assert max(days) > 15  # late ones have a tail


def test_outcomes_flags_and_dates_are_consistent(sim: Simulation) -> None:
    vt = sim.vt
    peil = day_number(sim.config.peil)
    opened = vt.opens
    assessed = opened & (vt.vb_day != NULL)
    outcome = vt.uitkomst_vb[assessed]
    shares = np.bincount(outcome, minlength=5)[:4] / outcome.size
    assert shares == pytest.approx(P.UITKOMST_VB_SHARES, abs=0.02)
    not_yet = opened & (vt.uitkomst_vb == P.UITKOMST_VB.index("NOG_NIET_BEOORDEELD"))
    assert not_yet.any()
    assert (vt.vb_day[not_yet] == NULL).all()
    assert (vt.day[not_yet] > peil - 120).all()  # only near the peildatum
    for name in ("vb_day", "ond_start", "ond_end", "overdracht_day", "mon_start", "mon_end",
                 "afsluiting"):
        values = getattr(vt, name)
        assert (values[values != NULL] <= peil).all(), name
    closed = assessed & (vt.afsluiting != NULL)
    assert (vt.afsluiting[closed] >= vt.vb_day[closed]).all()
    assert (vt.vb_day[assessed] >= vt.day[assessed]).all()
    assert set(np.unique(vt.acute[assessed]).tolist()) == {0, 1}
    onderzoek = vt.ond_start != NULL
    assert (vt.uitkomst_vb[onderzoek] == P.UITKOMST_VB.index("VERVOLG_VT")).all()
    overdracht = vt.overdracht_day != NULL
    assert (vt.overdracht_org[overdracht] != NULL).all()
    lokaal_team = vt.overdracht_org == P.OVERDRACHT_ORGS.index("LOKAAL_TEAM")
    assert 0.2 < lokaal_team.sum() / opened.sum() < 0.45


def test_eerdere_betrokkenheid_follows_the_cbs_rules(sim: Simulation) -> None:
    vt = sim.vt
    codes = np.array(EERDERE_BETROKKENHEID)[vt.eb[vt.melding]]
    opens = vt.opens[vt.melding]
    # a melding VT registered under a new casus number while the household's casus was open is,
    # person-based, a vervolgmelding (EB-2); every other opener is not
    vervolg = np.array([c.startswith("VERVOLG") for c in codes[opens]])
    assert 0 < vervolg.mean() < 0.05
    assert all(c.startswith(("EERSTE", "HERMELDING", "NIET")) for c in codes[opens][~vervolg])
    assert all(c.startswith("VERVOLG") for c in codes[~opens])
    # the first melding of each household is never a hermelding
    rows = np.flatnonzero(vt.melding)
    order = rows[np.lexsort((vt.day[rows], vt.hh[rows]))]
    first = order[np.r_[True, vt.hh[order][1:] != vt.hh[order][:-1]]]
    assert set(np.array(EERDERE_BETROKKENHEID)[vt.eb[first]].tolist()) <= {"EERSTE",
                                                                          "NIET_INGEDEELD"}
