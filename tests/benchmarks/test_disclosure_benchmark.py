# SPDX-License-Identifier: EUPL-1.2
"""Smoke test of ``benchmarks/disclosure.py`` on two indicators of the synthetic warehouse: the
script must keep running, and its figures must agree with each other (no timing asserts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testsupport import load_benchmark


@pytest.mark.slow
def test_disclosure_benchmark_figures_are_consistent(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_benchmark(monkeypatch, "disclosure")

    code = bench.main(["--zonder-demo", "--varianten", "2:1.0",
                       "--indicatoren", "meldingen_naar_aard,acuut_onveilig",
                       "--werkmap", str(tmp_path / "werk"), "--uitvoer", str(tmp_path)])

    assert code == 0
    data = json.loads((tmp_path / "disclosure.json").read_text(encoding="utf-8"))
    wh = data["warehouses"]["synthetisch"]
    assert list(data["warehouses"]) == ["synthetisch"] and wh["indicatoren"] == 2
    designs = wh["ontwerpen"]
    assert list(designs) == ["a", "b_D2_V1"]
    assert designs["a"]["cellen"] == designs["b_D2_V1"]["cellen"] > 0
    for name, d in designs.items():
        attack, error = d["aanval"], d["fout"]
        assert 0 <= d["onderdrukt"] <= d["cellen"]
        assert d["aandeel_gepubliceerd"] == round((d["cellen"] - d["onderdrukt"]) / d["cellen"], 4)
        assert 0 <= attack["gevonden"] <= attack["doelen"]
        assert sum(attack["per_soort"].values()) == attack["gevonden"]
        assert sum(attack["per_indicator"].values()) == attack["gevonden"]
        assert attack["alleen_door_drempel"] <= attack["gevonden"]
        assert attack["door_propagatie"] <= attack["gevonden"]
        assert error["exact_aantal"] <= error["aantallen"]
        # rounding to 5 moves a count by at most 2; noise ±2 as well
        assert 0 <= error["mae_aantal"] <= error["max_fout_aantal"] <= 2, name
    # the noise design suppresses only small cells: never more than the suppression design
    assert designs["b_D2_V1"]["onderdrukt"] <= designs["a"]["onderdrukt"]
    text = (tmp_path / "disclosure.md").read_text(encoding="utf-8")
    assert "(b) cell key ±2 (V=1) + kleinste cellen" in text
    assert "door de aanval teruggerekend" in text
