# SPDX-License-Identifier: EUPL-1.2
"""Runs a simulation and writes its exports and ground truth into an output folder.

The folder is refused when it already holds a simulation, unless overwriting is asked for; then
only the simulator's own parts (``exports``, ``grondwaarheid``, ``simulatie.json``) are removed.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.simulate.config import SimulationConfig
from ketenmonitor.simulate.engine import simulate
from ketenmonitor.simulate.exports import write_exports
from ketenmonitor.simulate.truth import write_truth

_OWN_PARTS = ("exports", "grondwaarheid")


@dataclass
class SimulationResult:
    out: Path
    summary: dict[str, Any]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exports(self) -> Path:
        return self.out / "exports"

    @property
    def truth(self) -> Path:
        return self.out / "grondwaarheid"


def _prepare(out: Path, overwrite: bool) -> None:
    existing = [out / p for p in (*_OWN_PARTS, "simulatie.json") if (out / p).exists()]
    if existing and not overwrite:
        raise ConfigurationError(
            "uitvoermap_bezet",
            _("De uitvoermap {map} bevat al een simulatie.").format(map=out),
            _("Kies een lege map of gebruik --overschrijven."),
        )
    for path in existing:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    out.mkdir(parents=True, exist_ok=True)


def run_simulation(config: SimulationConfig, out: Path,
                   overwrite: bool = False) -> SimulationResult:
    """Simulate the region of ``config`` and write exports and ground truth under ``out``."""
    started = time.perf_counter()
    _prepare(out, overwrite)
    sim = simulate(config)
    clock = time.perf_counter()
    counts = write_exports(sim, out)
    timings = dict(sim.timings)
    timings["exports"] = round(time.perf_counter() - clock, 3)
    clock = time.perf_counter()
    summary = write_truth(sim, out, counts)
    timings["grondwaarheid"] = round(time.perf_counter() - clock, 3)
    return SimulationResult(out=out, summary=summary, seconds=time.perf_counter() - started,
                            timings=timings)
