# SPDX-License-Identifier: EUPL-1.2
"""Haaglanden 2017-2025 at full size, including all exports: the volumes a real region produces.

How fast that runs is measured by ``benchmarks/pipeline.py`` and ``benchmarks/demo.py``, never here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.simulate import SimulationConfig, run_simulation


@pytest.mark.slow
def test_full_haaglanden_has_a_real_regions_volume(tmp_path: Path) -> None:
    result = run_simulation(SimulationConfig(regio="haaglanden", van=2017, tot=2025, schaal=1.0,
                                             seed=42), tmp_path)
    assert result.summary["aantallen"]["veilig_thuis"]["vt_bericht"] > 140_000
