# SPDX-License-Identifier: EUPL-1.2
"""The women's shelter in the simulator: its own random stream, plausible stays, ground truth.

The Raad voor de Kinderbescherming, jeugdbescherming and reclassering (``jeugd_justitie``) are
late partners of the same kind; the byte-for-byte test covers them too."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow.parquet as pq
import pytest

from ketenmonitor.simulate import Simulation, SimulationConfig, SimulationResult, engine, run_simulation
from ketenmonitor.simulate import vrouwenopvang as vo
from ketenmonitor.simulate.households import CHILD_SLOTS, KIND, SLACHTOFFER, SLOT_A
from ketenmonitor.simulate.model import NULL
from ketenmonitor.simulate.partner_formats import SYSTEMS

EPOCH = date(1970, 1, 1)
LATE = {"vrouwenopvang", "raad_kinderbescherming", "jeugdbescherming", "reclassering"}


def _day(text: str) -> int:
    return (date.fromisoformat(text) - EPOCH).days


def _digests(exports: Path) -> dict[str, str]:
    return {str(p.relative_to(exports)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(exports.rglob("*")) if p.is_file()
            and p.relative_to(exports).parts[0] not in LATE}


def test_adding_the_shelter_leaves_every_other_export_byte_for_byte(
        written: SimulationResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same region without a single shelter client and without the Raad, jeugdbescherming
    and reclassering: the files of Veilig Thuis, police, local teams and MDA++ are equal."""
    with_shelter = _digests(written.exports)
    assert written.summary["aantallen"]["vrouwenopvang"]["vo_traject"] > 0

    def no_clients(*_args: object) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)

    monkeypatch.setattr(vo, "_clients", no_clients)
    monkeypatch.setattr(engine, "simulate_keten", lambda *_args: {})
    without = run_simulation(SimulationConfig(schaal=0.02, seed=5), tmp_path)
    assert without.summary["aantallen"]["vrouwenopvang"] == {"vo_traject": 0, "betrokkene": 0}
    assert set(without.summary["aantallen"]) == set(SYSTEMS) - LATE | {"vrouwenopvang"}
    assert _digests(without.exports) == with_shelter
    assert set(SYSTEMS) - LATE == {p.split("/")[0] for p in with_shelter}


def test_the_shelter_stream_is_its_own() -> None:
    own = vo.stream(5).random(4)
    assert not np.allclose(own, np.random.default_rng(5).random(4))
    assert np.array_equal(own, vo.stream(5).random(4))


def test_readmission_boundaries_by_hand() -> None:
    client = np.array([1, 1, 2, 2, 3, 3, 4, 4, 5])
    opname = np.array([_day("2020-01-01"), _day("2021-03-15"),  # left 2020-03-15: exactly 12 m
                       _day("2020-01-01"), _day("2021-03-16"),  # one day too late
                       _day("2023-01-01"), _day("2024-02-29"),  # left 2023-02-28: 29 Feb rule
                       _day("2020-01-01"), _day("2020-06-01"),  # earlier stay still running
                       NULL])  # ambulant only: no opname at all
    vertrek = np.array([_day("2020-03-15"), NULL, _day("2020-03-15"), NULL,
                        _day("2023-02-28"), NULL, NULL, NULL, NULL])
    result = vo.readmissions(client, opname, vertrek).tolist()
    assert result == [False, True, False, False, False, True, False, False, False]


def test_shelter_clients_are_female_victims_with_their_children(sim: Simulation) -> None:
    t = sim.vrouwenopvang
    assert t is not None and t.n > 100
    b = sim.betrokkenen["vrouwenopvang"]
    comp = sim.store.composition
    first = b.rows.volgnummer == 1
    assert (b.rows.slot[first] == SLOT_A).all()
    assert (b.rows.role[first] == SLACHTOFFER).all()
    assert sim.persons.female[b.person[first]].all()
    assert (b.person >= 0).all()  # only persons that exist in the ground truth
    children = b.rows.role == KIND
    assert children.any() and np.isin(b.rows.slot[children], CHILD_SLOTS).all()
    per_event = np.bincount(b.rows.event[children], minlength=t.n)
    assert (per_event <= np.where(t.kinderen == NULL, 0, t.kinderen)).all()
    assert (comp.role[t.hh, SLOT_A] == SLACHTOFFER).all()


def test_stays_waits_and_reasons_are_plausible(sim: Simulation) -> None:
    t = sim.vrouwenopvang
    assert t is not None
    peil = (sim.config.peil - EPOCH).days
    stay = t.opname != NULL
    left = t.vertrek != NULL
    assert (t.opname[stay] >= t.aanmelding[stay]).all()
    assert (t.vertrek[left] > t.opname[left]).all()
    assert not (left & ~stay).any()
    for column in (t.aanmelding, t.opname, t.vertrek, t.start_ambulant, t.einde_ambulant):
        assert (column <= peil).all()
    wait = t.opname[stay] - t.aanmelding[stay]
    assert 0.2 < np.mean(wait == 0) < 0.45  # crisis: same day
    assert 3 <= np.median(wait) <= 20
    days = t.vertrek[left] - t.opname[left]
    assert 30 <= np.median(days) <= 150 and days.max() <= 540  # weeks to months
    assert (t.opname[t.ambulant] == NULL).all() and (t.opvangvorm[t.ambulant] == None).all()  # noqa: E711
    assert 0.25 < t.ambulant.mean() < 0.45
    assert set(t.reden[left]) <= set(vo.REDEN_VERTREK)
    assert set(t.bestemming[left]) <= set(vo.BESTEMMING)
    assert (t.reden[~left] == None).all() and (t.bestemming[~left] == None).all()  # noqa: E711
    back = t.bestemming[left] == "TERUG_NAAR_PARTNER"
    assert 0.05 < back.mean() < 0.3
    assert 0.02 < t.readmission[stay].mean() < 0.2


def test_ground_truth_names_the_shelter_betrokkenen(written: SimulationResult) -> None:
    truth = pq.read_table(written.truth / "betrokkenen.parquet").to_pylist()
    shelter = [r for r in truth if r["partner_type"] == "vrouwenopvang"]
    assert len(shelter) == written.summary["aantallen"]["vrouwenopvang"]["betrokkene"]
    assert all(r["bron_id"].startswith("VO") for r in shelter)
