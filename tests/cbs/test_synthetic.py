# SPDX-License-Identifier: EUPL-1.2
"""Synthetic StatLine exports from a simulated region (what the demo imports)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ketenmonitor.cbs.service import parse_file
from ketenmonitor.cbs.synthetic import write_synthetic_statline
from ketenmonitor.simulate import SimulationConfig, run_simulation

pytestmark = pytest.mark.slow


def test_synthetic_files_import_cleanly(tmp_path: Path) -> None:
    config = SimulationConfig(regio="haaglanden", van=2018, tot=2020, schaal=0.02, seed=7)
    run_simulation(config, tmp_path / "sim")
    files = write_synthetic_statline(tmp_path / "sim", "haaglanden", date(2020, 12, 31))
    parsed = {p.tabel: p for p in (parse_file(f) for f in files)}
    assert set(parsed) == {"84847NED", "84849NED", "85361NED", "03759ned"}
    for item in parsed.values():
        assert item.gebieden_overgeslagen == [] and item.onbekende_categorieen == []
    rows = parsed["84847NED"].rows.to_pylist()
    meldingen = {(r["gebied_niveau"], r["gebied_code"]): r["waarde"] for r in rows
                 if r["periode"] == "2019" and r["onderwerp"] == "Meldingen"}
    gemeenten = [v for (niveau, _c), v in meldingen.items() if niveau == "gemeente"]
    region = meldingen[("vt_regio", "VR_HAAGLANDEN")]
    assert region > 0 and abs(region - sum(v or 0 for v in gemeenten)) <= 5 * len(gemeenten)
    assert meldingen[("nederland", "NL01")] > 10 * region
    years = {r["periode"]: r["voorlopig"] for r in rows}
    assert years["2020"] and not years["2019"]
