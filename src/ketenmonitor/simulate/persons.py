# SPDX-License-Identifier: EUPL-1.2
"""True identities of the persons that occur in any partner record (the ground truth).

Partners in a household keep their own surnames; a married woman sometimes carries a double
surname (partner's name first: 'Jansen-de Vries'); children carry the father's surname. Names come
from the Faker pools, BSNs pass the elfproef and are unique.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate.betrokkenen import BetrokkeneRows
from ketenmonitor.simulate.households import N_SLOTS, SURNAME_DOUBLE, SURNAME_OWN_B
from ketenmonitor.simulate.model import NULL, PartnerBetrokkenen, Persons
from ketenmonitor.simulate.names import given_names, make_bsns, surnames
from ketenmonitor.simulate.noise import NoiseProfile, write_identity
from ketenmonitor.simulate.store import HouseholdStore

IntArray = npt.NDArray[np.int64]


def materialise(rng: np.random.Generator, store: HouseholdStore, hh: IntArray,
                slot: IntArray) -> Persons:
    """Persons for the (household, slot) pairs that appear in records."""
    keys = np.unique(hh * N_SLOTS + slot)
    p_hh, p_slot = keys // N_SLOTS, keys % N_SLOTS
    n = keys.size
    comp = store.composition
    tv_a, an_a = surnames(rng, store.n)
    tv_b, an_b = surnames(rng, store.n)
    kind = comp.surname[p_hh, p_slot]
    tussenvoegsel = np.where(kind == SURNAME_OWN_B, tv_b[p_hh], tv_a[p_hh])
    achternaam = np.where(kind == SURNAME_OWN_B, an_b[p_hh], an_a[p_hh])
    double = kind == SURNAME_DOUBLE
    if double.any():
        own_tv, own_an = tv_a[p_hh][double], an_a[p_hh][double]
        second = np.where(own_tv == "", own_an, own_tv + " " + own_an)
        tussenvoegsel[double] = tv_b[p_hh][double]
        achternaam[double] = an_b[p_hh][double] + "-" + second
    female = comp.female[p_hh, p_slot]
    index = np.full((store.n, N_SLOTS), NULL, dtype=np.int64)
    index[p_hh, p_slot] = np.arange(n)
    return Persons(
        hh=p_hh, slot=p_slot, bsn=make_bsns(rng, n), voornamen=given_names(rng, female),
        tussenvoegsel=np.asarray(tussenvoegsel, dtype=object),
        achternaam=np.asarray(achternaam, dtype=object), dob=comp.dob[p_hh, p_slot],
        female=female, index=index,
    )


def written_rows(rng: np.random.Generator, profile: NoiseProfile, rows: BetrokkeneRows,
                 hh: IntArray, day: IntArray, advies: npt.NDArray[np.bool_],
                 store: HouseholdStore, persons: Persons) -> PartnerBetrokkenen:
    """Betrokkene ``rows`` of events (household ``hh``, ``day``) as one partner writes them:
    the person's own address, else the household's on that day, with the partner's noise."""
    r_hh = hh[rows.event]
    r_day = day[rows.event]
    person = persons.index[r_hh, rows.slot]
    own = store.own_address[r_hh, rows.slot]
    address = np.where(own >= 0, own, store.addresses.at(r_hh, r_day))
    table = store.addresses.table()
    identity = write_identity(
        rng, profile, persons, person, rows.role, advies[rows.event],
        table.pc4[address], table.letters[address], table.huisnummer[address],
        table.toevoeging[address],
    )
    return PartnerBetrokkenen(rows=rows, person=person, event_day=r_day, identity=identity)
