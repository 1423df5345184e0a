# SPDX-License-Identifier: EUPL-1.2
"""Household composition: who exists, ages, roles and the directly involved persons."""

from __future__ import annotations

import numpy as np

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.households import (
    CHILD_SLOTS,
    KIND,
    NO_ROLE,
    PLEGER,
    SLACHTOFFER,
    SLOT_A,
    SLOT_B,
    SLOT_D,
    Composition,
    compose,
    direct_mask,
)

REF = 19_000  # 2022-01-08


def _compose(hh_type: int, n: int = 2000) -> Composition:
    rng = np.random.default_rng(5)
    return compose(rng, np.full(n, hh_type, dtype=np.int64), np.full(n, REF, dtype=np.int64))


def test_partner_violence_family_has_victim_perpetrator_and_children() -> None:
    comp = _compose(P.GEZIN_PARTNER)
    assert comp.exists[:, SLOT_A].all()
    assert (comp.role[:, SLOT_A] == SLACHTOFFER).all()
    with_b = comp.exists[:, SLOT_B]
    assert (comp.role[with_b, SLOT_B] == PLEGER).all()
    assert comp.exists[:, CHILD_SLOTS[0]].all()
    children = comp.exists[:, 3:]
    assert (comp.role[:, 3:][children] == KIND).all()
    assert (comp.role[~comp.exists] == NO_ROLE).all()
    # children are younger than their mother by at least 18 years
    mother_age = (REF - comp.dob[:, SLOT_A]) / 365.25
    child_age = (REF - comp.dob[:, 3]) / 365.25
    assert (mother_age - child_age >= 17.9).all()
    # some ex-partners live elsewhere; some children are born after the first signal
    assert 0.15 < comp.elsewhere[with_b, SLOT_B].mean() < 0.45
    assert (comp.dob[:, 3:][children] > REF).any()


def test_child_abuse_family_has_child_victims_and_a_parent_perpetrator() -> None:
    comp = _compose(P.GEZIN_KM)
    assert (comp.role[:, CHILD_SLOTS[0]] == SLACHTOFFER).all()
    pleger_parent = (comp.role[:, SLOT_A] == PLEGER) | (comp.role[:, SLOT_B] == PLEGER)
    assert pleger_parent.all()


def test_elder_abuse_household_has_an_elder_victim_and_adult_child_perpetrator() -> None:
    comp = _compose(P.OUDEREN)
    age_a = (REF - comp.dob[:, SLOT_A]) / 365.25
    assert (age_a >= 65.9).all()
    assert (comp.role[:, SLOT_D] == PLEGER).all()


def test_direct_mask_marks_victims_perpetrators_and_children_only() -> None:
    comp = _compose(P.ZORGEN, 50)
    mask = direct_mask(comp)
    assert (mask & (1 << SLOT_A) == 0).all()  # parents in 'zorgen' households are 'overig'
    assert (mask & (1 << CHILD_SLOTS[0]) != 0).all()
