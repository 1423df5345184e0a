# SPDX-License-Identifier: EUPL-1.2
"""Identity noise between partners, true identities, and addresses after a move."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from ketenmonitor.simulate import Simulation
from ketenmonitor.simulate.households import ROLES
from ketenmonitor.simulate.names import elfproef
from ketenmonitor.simulate.noise import NO_DAY

SLACHTOFFER, PLEGER = ROLES.index("SLACHTOFFER"), ROLES.index("PLEGER")


def _missing(values: npt.NDArray[np.object_]) -> float:
    return float(np.mean(values == ""))


def test_bsn_missing_per_partner_and_overall(sim: Simulation) -> None:
    b = sim.betrokkenen
    vt = b["veilig_thuis"]
    advies = ~sim.vt.melding[vt.rows.event]
    assert _missing(vt.identity.bsn[advies]) == pytest.approx(0.40, abs=0.03)
    assert _missing(vt.identity.bsn[~advies]) == pytest.approx(0.10, abs=0.02)
    pol = b["politie"]
    assert _missing(pol.identity.bsn) == pytest.approx(0.30, abs=0.04)
    victims = _missing(pol.identity.bsn[pol.rows.role == SLACHTOFFER])
    assert victims > _missing(pol.identity.bsn[pol.rows.role == PLEGER]) + 0.1
    assert _missing(b["lokaal_team"].identity.bsn) == pytest.approx(0.03, abs=0.015)
    assert _missing(b["mda"].identity.bsn) < 0.06
    everything = np.concatenate([p.identity.bsn for p in b.values()])
    assert _missing(everything) == pytest.approx(0.20, abs=0.03)


def test_written_bsn_is_the_true_one_or_a_rare_typo(sim: Simulation) -> None:
    for partner in sim.betrokkenen.values():
        written = partner.identity.bsn
        true = sim.persons.bsn[partner.person]
        present = written != ""
        differs = present & (written != true)
        assert differs.mean() < 0.01
        assert not any(elfproef(v) and v in set(sim.persons.bsn.tolist())
                       for v in written[differs].tolist()[:50])


def test_name_variants_appear_per_partner(sim: Simulation) -> None:
    pol = sim.betrokkenen["politie"].identity
    initials = np.array([v.endswith(".") for v in pol.voornamen.tolist()])
    assert initials.mean() == pytest.approx(0.6, abs=0.05)
    vt = sim.betrokkenen["veilig_thuis"]
    true_tv = sim.persons.tussenvoegsel[vt.person]
    written_tv = vt.identity.tussenvoegsel
    has = true_tv != ""
    assert (written_tv[has] == "").mean() > 0.03  # dropped or attached
    attached = has & (written_tv == "") & np.array(
        [a.startswith(t + " ") for a, t in zip(vt.identity.achternaam.tolist(), true_tv.tolist(),
                                               strict=True)])
    assert attached.any()
    assert np.isin(written_tv, ["vd", "v.d."]).any()
    double = np.array(["-" in a for a in sim.persons.achternaam[vt.person].tolist()])
    assert double.any()
    true_names = sim.persons.achternaam[vt.person][double]
    assert (vt.identity.achternaam[double] != true_names).mean() > 0.15


def test_dates_of_birth_sometimes_swapped_or_missing(sim: Simulation) -> None:
    pol = sim.betrokkenen["politie"]
    written = pol.identity.geboortedatum
    true = sim.persons.dob[pol.person]
    assert (written == NO_DAY).mean() == pytest.approx(0.03, abs=0.01)
    changed = (written != true) & (written != NO_DAY)
    assert 0.005 < changed.mean() < 0.05
    d_true = np.datetime64("1970-01-01") + true[changed].astype("timedelta64[D]")
    d_written = np.datetime64("1970-01-01") + written[changed].astype("timedelta64[D]")
    swapped = [(str(a)[8:10], str(a)[5:7]) == (str(b)[5:7], str(b)[8:10])
               for a, b in zip(d_true.tolist(), d_written.tolist(), strict=True)]
    assert np.mean(swapped) > 0.5


def test_records_after_a_move_show_the_new_address(sim: Simulation) -> None:
    store = sim.store
    vt = sim.vt
    before = store.addresses.at(vt.hh, vt.day - 400)
    now = store.addresses.at(vt.hh, vt.day)
    moved = before != now
    assert 0.01 < moved.mean() < 0.3
    table = store.addresses.table()
    b = sim.betrokkenen["veilig_thuis"]
    rows = np.flatnonzero(moved[b.rows.event] & (b.identity.postcode != ""))
    own = store.own_address[sim.persons.hh[b.person[rows]], sim.persons.slot[b.person[rows]]]
    rows = rows[own < 0]
    expected = table.pc4[now[b.rows.event[rows]]].astype(str)
    written = np.array([p[:4] for p in b.identity.postcode[rows].tolist()])
    assert rows.size > 50
    assert (written == expected).all()
    assert (sim.vt.gm[moved] != table.gemeente[before[moved]]).any()  # some moved gemeente


def test_addresses_lie_in_the_postcode_range_of_their_gemeente(sim: Simulation) -> None:
    table = sim.store.addresses.table()
    low = sim.region.pc4_low[table.gemeente]
    high = sim.region.pc4_high[table.gemeente]
    assert ((table.pc4 >= low) & (table.pc4 <= high)).all()
    assert all(len(letters) == 2 and letters.isupper() and letters not in ("SA", "SD", "SS")
               for letters in table.letters.tolist())
    assert (table.huisnummer >= 1).all()
    assert 0.05 < float((table.toevoeging != "").mean()) < 0.2
