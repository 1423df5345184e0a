# SPDX-License-Identifier: EUPL-1.2
"""Shared simulated regions for the simulator tests (built once per session, small scales)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.simulate import (
    Simulation,
    SimulationConfig,
    SimulationResult,
    run_simulation,
    simulate,
)


@pytest.fixture(scope="session")
def sim() -> Simulation:
    """Haaglanden 2017-2025 at a fifth of its size, in memory (about 20,000 meldingen)."""
    return simulate(SimulationConfig(schaal=0.2, seed=11))


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> SimulationResult:
    """A small region written to disk: exports plus ground truth."""
    out = tmp_path_factory.mktemp("simulatie")
    return run_simulation(SimulationConfig(schaal=0.02, seed=5), out)


@pytest.fixture(scope="session")
def exports(written: SimulationResult) -> Path:
    return written.exports
