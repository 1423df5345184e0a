# SPDX-License-Identifier: EUPL-1.2
"""Speed target: Haaglanden 2017-2025 at full size, including all exports, within 30 seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ketenmonitor.simulate import SimulationConfig, run_simulation


@pytest.mark.slow
def test_full_haaglanden_within_thirty_seconds(tmp_path: Path) -> None:
    started = time.perf_counter()
    result = run_simulation(SimulationConfig(regio="haaglanden", van=2017, tot=2025, schaal=1.0,
                                             seed=42), tmp_path)
    seconds = time.perf_counter() - started
    assert seconds <= 30, result.timings
    assert result.summary["aantallen"]["veilig_thuis"]["vt_bericht"] > 140_000
