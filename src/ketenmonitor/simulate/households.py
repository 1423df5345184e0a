# SPDX-License-Identifier: EUPL-1.2
"""Who lives in a household in which violence occurs, and who is victim, perpetrator or child.

Every household has seven *slots*: A (first adult, usually the victim), B (partner or
ex-partner), D (an adult child, sibling or carer) and C1-C4 (children). The household type decides
which slots exist, their ages and sex, and the role each person has in the records of partners
(rol_betrokkene: SLACHTOFFER, PLEGER, KIND, OVERIG). An ex-partner may live elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P

SLOT_A, SLOT_B, SLOT_D = 0, 1, 2
CHILD_SLOTS = (3, 4, 5, 6)
N_SLOTS = 7
ROLES = ("SLACHTOFFER", "PLEGER", "KIND", "OVERIG")
SLACHTOFFER, PLEGER, KIND, OVERIG = range(4)
NO_ROLE = -1
SURNAME_OWN_A, SURNAME_OWN_B, SURNAME_DOUBLE = 0, 1, 2

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Composition:
    exists: BoolArray  # (n, 7)
    female: BoolArray
    dob: IntArray  # day numbers
    elsewhere: BoolArray  # lives at an address of its own (ex-partner, adult child)
    role: npt.NDArray[np.int8]
    surname: npt.NDArray[np.int8]  # SURNAME_* : which household surname the person carries

    @property
    def n(self) -> int:
        return int(self.exists.shape[0])

    @property
    def has_children(self) -> BoolArray:
        return np.asarray(self.exists[:, 3:].any(axis=1))

    @classmethod
    def concat(cls, parts: list[Composition]) -> Composition:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in
                     ("exists", "female", "dob", "elsewhere", "role", "surname")))


def compose(rng: np.random.Generator, types: IntArray, ref_day: IntArray) -> Composition:
    """Members of households of the given types, aged as on ``ref_day`` (first signal)."""
    n = types.size
    exists = np.zeros((n, N_SLOTS), dtype=bool)
    female = np.zeros((n, N_SLOTS), dtype=bool)
    dob = np.zeros((n, N_SLOTS), dtype=np.int64)
    elsewhere = np.zeros((n, N_SLOTS), dtype=bool)
    role = np.full((n, N_SLOTS), NO_ROLE, dtype=np.int8)
    surname = np.full((n, N_SLOTS), SURNAME_OWN_A, dtype=np.int8)
    u = rng.random((n, 8))

    gezin = np.isin(types, (P.GEZIN_PARTNER, P.GEZIN_KM, P.ZORGEN))
    paar = types == P.PAAR
    ouders = types == P.OUDERS
    ouderen = types == P.OUDEREN
    overig = types == P.OVERIG

    # slot A: first adult
    exists[:, SLOT_A] = True
    a_age_low = np.select([gezin, paar, ouders, ouderen], [22.0, 18.0, 40.0, 66.0], 18.0)
    a_age_high = np.select([gezin, paar, ouders, ouderen], [48.0, 70.0, 70.0, 95.0], 60.0)
    a_age = a_age_low + (a_age_high - a_age_low) * u[:, 0]
    dob[:, SLOT_A] = (ref_day - a_age * 365.25).astype(np.int64)
    female[:, SLOT_A] = u[:, 1] < np.select([gezin, paar, ouders, ouderen],
                                            [0.92, 0.8, 0.65, 0.65], 0.6)

    # slot B: partner or ex-partner
    b_prob = np.select([gezin, paar, ouders, ouderen, overig], [0.85, 1.0, 0.5, 0.35, 0.3], 0.0)
    exists[:, SLOT_B] = u[:, 2] < b_prob
    same_sex = rng.random(n) < 0.05
    female[:, SLOT_B] = np.where(same_sex, female[:, SLOT_A], ~female[:, SLOT_A])
    dob[:, SLOT_B] = dob[:, SLOT_A] + rng.normal(-700, 1100, n).astype(np.int64)
    elsewhere[:, SLOT_B] = exists[:, SLOT_B] & (u[:, 3] < np.select([gezin, paar], [0.3, 0.4], 0.0))
    partner_b = exists[:, SLOT_B] & ~female[:, SLOT_B] & female[:, SLOT_A]
    surname[:, SLOT_B] = SURNAME_OWN_B
    surname[:, SLOT_A] = np.where(partner_b & ~elsewhere[:, SLOT_B] & (u[:, 4] < 0.08),
                                  SURNAME_DOUBLE, SURNAME_OWN_A)

    # slot D: adult child (ouders, ouderen) or sibling / other relative (overig)
    exists[:, SLOT_D] = ouders | ouderen | overig
    d_low = np.select([ouders, ouderen], [14.0, 35.0], 18.0)
    d_high = np.select([ouders, ouderen], [35.0, 65.0], 60.0)
    dob[:, SLOT_D] = (ref_day - (d_low + (d_high - d_low) * u[:, 5]) * 365.25).astype(np.int64)
    female[:, SLOT_D] = u[:, 6] < np.where(ouders, 0.3, 0.4)
    elsewhere[:, SLOT_D] = ouderen & (u[:, 7] < 0.5)
    father_b = exists[:, SLOT_B] & ~female[:, SLOT_B]
    surname[:, SLOT_D] = np.where((ouders | ouderen) & father_b & female[:, SLOT_A],
                                  SURNAME_OWN_B, SURNAME_OWN_A)

    # children
    n_children = np.where(gezin, rng.choice(np.array([1, 2, 3, 4]), n, p=[.35, .38, .18, .09]), 0)
    n_children = np.where(ouders & (rng.random(n) < 0.3), 1, n_children)
    mother_age = np.where(female[:, SLOT_A], a_age, a_age - 2)
    child_surname = np.where(father_b, SURNAME_OWN_B, SURNAME_OWN_A)
    for k, slot in enumerate(CHILD_SLOTS):
        has = n_children > k
        exists[:, slot] = has
        top = np.where(ouders, 17.0, np.minimum(17.0, mother_age - 18.0))
        low = np.where(ouders, 8.0, -2.5)  # negative: born after the first signal
        age = low + (top - low) * rng.random(n)
        dob[:, slot] = (ref_day - age * 365.25).astype(np.int64)
        female[:, slot] = rng.random(n) < 0.49
        surname[:, slot] = child_surname

    # roles
    role[:, SLOT_A] = np.where(np.isin(types, (P.GEZIN_KM, P.ZORGEN)), OVERIG, SLACHTOFFER)
    role[:, SLOT_B] = np.select(
        [np.isin(types, (P.GEZIN_PARTNER, P.PAAR)), ouders & (rng.random(n) < 0.5)],
        [PLEGER, SLACHTOFFER], OVERIG)
    role[:, SLOT_D] = PLEGER
    km = types == P.GEZIN_KM
    b_pleger = km & exists[:, SLOT_B] & (rng.random(n) < 0.55)
    role[b_pleger, SLOT_B] = PLEGER
    role[km & ~b_pleger, SLOT_A] = PLEGER
    for k, slot in enumerate(CHILD_SLOTS):
        victim = km & ((k == 0) | (rng.random(n) < 0.3))
        role[:, slot] = np.where(victim, SLACHTOFFER, KIND)
    role[~exists] = NO_ROLE
    return Composition(exists, female, dob, elsewhere, role, surname)


def direct_mask(composition: Composition) -> IntArray:
    """Bit mask of the slots with a directly involved person (slachtoffer, pleger, kind)."""
    direct = np.isin(composition.role, (SLACHTOFFER, PLEGER, KIND))
    return np.asarray(direct @ (1 << np.arange(N_SLOTS)), dtype=np.int64)
