# SPDX-License-Identifier: EUPL-1.2
"""The three cases of ``pipeline.py`` and their deliveries (simulated and pseudonymised once).

The simulator knows two Veilig Thuis regions with their real gemeenten (Haaglanden, Hollands
Midden); ``codes/`` holds no others. The national case is therefore built, honestly labelled, as
**26 synthetic regions of average Dutch size**: 13 independent simulations (own seeds, so other
people, households and events) of Haaglanden and 13 of Hollands Midden, each scaled to
17.9 M / 26 ≈ 688,000 inhabitants, each delivered by its own partners (``vt_haaglanden_03``, …)
so no two regions share a source record. They reuse the gemeente codes of their parent region,
so the figures are computed for two region codes over the data of all 26. Volume and the shape of
the data are national; the number of gemeenten is not.

Preparing (simulate → pseudonymise) is the partners' work and is not part of the measured
pipeline; it is cached in the work folder, keyed by the case definition.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ketenmonitor.codes import gemeenten, population
from ketenmonitor.demo.runner import pseudonymise_exports
from ketenmonitor.pseudonymise import PseudonymKey, create_key_file, load_key
from ketenmonitor.simulate import SimulationConfig, run_simulation

NETHERLANDS_INHABITANTS = 17_900_000  # DOMAIN.md, 2023
VT_REGIONS = 26
POPULATION_DAY = date(2024, 1, 1)


@dataclass(frozen=True)
class Part:
    """One simulated region: its code, years, scale and seed, and the partner-name suffix."""

    regio: str
    van: int
    tot: int
    schaal: float
    seed: int
    suffix: str = ""

    @property
    def partner_region(self) -> str:
        return f"{self.regio}{self.suffix}"


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    parts: tuple[Part, ...]
    target_seconds: float
    target_memory_gib: float = 8.0

    @property
    def regions(self) -> list[str]:
        return sorted({p.regio for p in self.parts})

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "target_seconds": self.target_seconds,
                "target_memory_gib": self.target_memory_gib,
                "parts": [asdict(p) for p in self.parts]}


def inhabitants(regio: str) -> int:
    return sum(population(g.code, POPULATION_DAY) for g in gemeenten(regio))


def national_parts(factor: float = 1.0) -> tuple[Part, ...]:
    """13 × Haaglanden + 13 × Hollands Midden, each at the size of an average VT region."""
    average = NETHERLANDS_INHABITANTS / VT_REGIONS
    parts = []
    for regio, first_seed in (("haaglanden", 1000), ("hollands_midden", 2000)):
        scale = round(average / inhabitants(regio) * factor, 4)
        parts += [Part(regio, 2019, 2025, scale, first_seed + i, f"_{i + 1:02d}")
                  for i in range(VT_REGIONS // 2)]
    return tuple(parts)


def cases(factor: float = 1.0) -> dict[str, Case]:
    """The cases of issue 4 at ``factor`` × their real size (1.0 for the published figures)."""
    return {
        "regiojaar": Case("regiojaar", "één regio-jaar (Haaglanden 2025)",
                          (Part("haaglanden", 2025, 2025, factor, 42),), 10.0),
        "haaglanden": Case("haaglanden", "Haaglanden 2019–2025",
                           (Part("haaglanden", 2019, 2025, factor, 42),), 60.0),
        "landelijk": Case("landelijk", "landelijk: 26 regio's × 7 jaar (2019–2025)",
                          national_parts(factor), 600.0),
    }


def _prepare_part(part: Part, folder: Path, deliveries: Path, key: PseudonymKey
                  ) -> dict[str, Any]:
    """Simulate and pseudonymise one part. One key object serves all parts, as one partner's
    run would: its tokenisers keep their memo of dates and names (``FieldTokeniser``)."""
    sim = folder / "simulatie"
    started, cpu = time.perf_counter(), time.process_time()
    run_simulation(SimulationConfig(regio=part.regio, van=part.van, tot=part.tot,
                                    schaal=part.schaal, seed=part.seed), sim, overwrite=True)
    simulated, simulated_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    rows = pseudonymise_exports(sim / "exports", deliveries, key, part.partner_region)
    pseudonymised, pseudonymised_cpu = time.perf_counter() - started, time.process_time() - cpu
    shutil.rmtree(sim)  # the exports hold (synthetic) plain identities: keep only deliveries
    return {"simulation_seconds": simulated, "pseudonymise_seconds": pseudonymised,
            "simulation_cpu_seconds": simulated_cpu, "pseudonymise_cpu_seconds": pseudonymised_cpu,
            "rows": rows}


def prepare(case: Case, work: Path) -> dict[str, Any]:
    """Deliveries of ``case`` under ``work/<case>/leveringen`` (reused when already made)."""
    root = work / case.name
    done = root / "voorbereid.json"
    if done.exists():
        stored = json.loads(done.read_text(encoding="utf-8"))
        if stored["case"] == case.as_dict():
            return dict(stored)
    shutil.rmtree(root, ignore_errors=True)
    deliveries = root / "leveringen"
    deliveries.mkdir(parents=True)
    key_dir = work / f"{case.name}-sleutel"  # never next to the data
    shutil.rmtree(key_dir, ignore_errors=True)
    key_dir.mkdir(parents=True)
    create_key_file(key_dir / "sleutel.key")
    key = load_key(key_dir / "sleutel.key", data_dirs=[deliveries])
    parts = [_prepare_part(p, root / "werk", deliveries, key) for p in case.parts]
    shutil.rmtree(root / "werk", ignore_errors=True)
    summary = {
        "case": case.as_dict(),
        "deliveries": str(deliveries),
        "simulation_seconds": sum(p["simulation_seconds"] for p in parts),
        "pseudonymise_seconds": sum(p["pseudonymise_seconds"] for p in parts),
        "simulation_cpu_seconds": sum(p["simulation_cpu_seconds"] for p in parts),
        "pseudonymise_cpu_seconds": sum(p["pseudonymise_cpu_seconds"] for p in parts),
        "delivered_rows": sum(p["rows"] for p in parts),
    }
    done.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary
