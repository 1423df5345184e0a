# SPDX-License-Identifier: EUPL-1.2
"""Runs the synthetic region from households to betrokkenen with identities, all in memory.

The order matters for reproducibility: one seeded generator is used in a fixed sequence (melding
episodes, adviezen, Veilig Thuis handling, police, local teams, MDA++, persons, identity noise),
so the same configuration always yields the same region. The shelter (vrouwenopvang), the Raad voor de
Kinderbescherming, jeugdbescherming and reclassering come last, each drawing from a generator of
its own, so they change nothing of the others.
"""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt

from ketenmonitor.core.logging import get_logger
from ketenmonitor.simulate.adviezen import advies_events
from ketenmonitor.simulate.betrokkenen import BetrokkeneRows, explode
from ketenmonitor.simulate.config import SimulationConfig, day_number, region_setup
from ketenmonitor.simulate.episodes import melding_process
from ketenmonitor.simulate.jeugd_justitie import simulate_keten
from ketenmonitor.simulate.lokaal_team import trajectories
from ketenmonitor.simulate.mda import mda_casussen
from ketenmonitor.simulate.model import PartnerBetrokkenen, Persons, Simulation
from ketenmonitor.simulate.noise import profile
from ketenmonitor.simulate.persons import materialise, written_rows
from ketenmonitor.simulate.politie import incidents
from ketenmonitor.simulate.store import HouseholdStore
from ketenmonitor.simulate.veilig_thuis import assemble, handle
from ketenmonitor.simulate.vrouwenopvang import simulate_opvang

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
log = get_logger(__name__)

def simulate(config: SimulationConfig) -> Simulation:
    """Build the whole synthetic region in memory (no files written)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    rng = np.random.default_rng(config.seed)
    region = region_setup(config)
    peil = day_number(config.peil)
    store = HouseholdStore(region, peil)
    meld = melding_process(rng, config, region, store)
    a_hh, a_day = advies_events(rng, config, region, store, meld)
    lap("episodes")
    vt = assemble(rng, store, meld.hh, meld.day, meld.repeat_episode, a_hh, a_day)
    handle(rng, vt, store, peil)
    lap("veilig_thuis")
    politie = incidents(rng, config, region, store, vt)
    lokaal_team = trajectories(rng, config, region, store, vt)
    mda = mda_casussen(rng, config, store, vt)
    lap("ketenpartners")

    comp = store.composition
    events = {
        "veilig_thuis": (vt.mask, vt.hh, vt.day, ~vt.melding),
        "politie": (politie.mask, politie.hh, politie.day, np.zeros(politie.n, bool)),
        "lokaal_team": (lokaal_team.mask, lokaal_team.hh, lokaal_team.aanmelding,
                        np.zeros(lokaal_team.n, bool)),
        "mda": (mda.mask, mda.hh, mda.aanmelding, np.zeros(mda.n, bool)),
    }
    rows = {name: explode(mask, hh, comp) for name, (mask, hh, _d, _a) in events.items()}
    persons = materialise(
        rng, store,
        np.concatenate([events[k][1][r.event] for k, r in rows.items()]),
        np.concatenate([r.slot for r in rows.values()]),
    )
    lap("personen")
    betrokkenen = {
        name: _written(rng, name, rows[name], hh, day, advies, store, persons,
                       config.registratiefouten)
        for name, (_m, hh, day, advies) in events.items()
    }
    lap("ruis")
    # after everything else and from its own stream: the other partners stay exactly as they were
    opvang, betrokkenen["vrouwenopvang"] = simulate_opvang(config, store, vt, persons)
    keten = simulate_keten(config, store, vt, politie, persons)
    for name, records in keten.items():
        assert records.betrokkenen is not None
        betrokkenen[name] = records.betrokkenen
    lap("vrouwenopvang_jeugd_justitie")
    log.debug("simulatie_klaar", regio=config.regio, schaal=config.schaal, **timings)
    return Simulation(config=config, region=region, store=store, vt=vt, politie=politie,
                      lokaal_team=lokaal_team, mda=mda, persons=persons, betrokkenen=betrokkenen,
                      timings=timings, vrouwenopvang=opvang, keten=keten)


def _written(rng: np.random.Generator, partner: str, rows: BetrokkeneRows, hh: IntArray,
             day: IntArray, advies: npt.NDArray[np.bool_], store: HouseholdStore,
             persons: Persons, registration_errors: float = 0.0) -> PartnerBetrokkenen:
    return written_rows(rng, profile(partner, registration_errors), rows, hh, day, advies, store,
                        persons)
