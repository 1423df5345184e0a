# SPDX-License-Identifier: EUPL-1.2
"""Smoke test of ``benchmarks/demo.py`` at a tiny scale: the script must keep running and keep
writing every stage and every reference, so that the published figures can be regenerated."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ketenmonitor.demo.runner import STAGES

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
REFERENCES = ("inlezen", "pseudonimisering", "tokens", "bronnen_csv")


def _load(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the script imports its sibling _common
    spec = importlib.util.spec_from_file_location("benchmark_demo", BENCHMARKS / "demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_demo", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_demo_benchmark_writes_stages_and_references(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = _load(monkeypatch)

    exit_code = demo.main(["--schaal", "0.01", "--uitvoer", str(tmp_path)])

    data = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    # Whether the target was met depends on the machine; the test checks only that the verdict
    # agrees with the figures the script wrote.
    target = data["target"]
    assert target["measured_seconds"] == data["total"]["seconds"]
    assert target["passed"] == (target["measured_seconds"] <= target["seconds"])
    assert exit_code == (0 if target["passed"] else 1)
    assert data["config"]["schaal"] == 0.01
    assert data["config"]["van"] == 2017 and data["config"]["tot"] == 2025
    assert data["machine"]["cores"] >= 1 and data["machine"]["duckdb"]
    assert list(data["stages"]) == list(STAGES)
    for name, stage in data["stages"].items():
        assert stage["seconds"] > 0, name
        assert stage["peak_rss_mib"] > 0, name
    for name in ("simulatie", "pseudonimisering", "inlezen", "koppelen"):
        assert data["stages"][name]["rows"] > 0, name
        assert data["stages"][name]["rows_per_second"] > 0, name
    total = data["total"]
    assert total["seconds"] == pytest.approx(total["startup_seconds"] + total["pipeline_seconds"])
    assert total["pipeline_seconds"] >= total["stage_seconds"] > 0
    assert set(data["references"]) == set(REFERENCES)
    for name, ref in data["references"].items():
        for side in ("ours", "reference"):
            assert ref[side]["seconds"] > 0, (name, side)
            assert ref[side]["rows"] > 0, (name, side)
        assert ref["ratio"] == pytest.approx(ref["ours"]["seconds"] / ref["reference"]["seconds"])
    # the references handled the same data as our stages
    checks = data["checks"]
    assert checks["tokens_in_deliveries"] == checks["normalised_identifiers"] > 0
    assert checks["reference_rows_loaded"] == checks["delivery_rows"] == data["stages"]["inlezen"]["rows"]
    assert data["references"]["tokens"]["reference"]["rows"] == checks["tokens_in_deliveries"]
    sources = data["references"]["bronnen_csv"]
    assert sources["ours"]["rows"] == sources["reference"]["rows"]
    table = (tmp_path / "demo.md").read_text(encoding="utf-8")
    assert "| stap | seconden | rijen | rijen/s | piekgeheugen (MiB) |" in table
    assert all(f"| {name} |" in table for name in STAGES)
    assert "read_parquet" in table and "hmac.new" in table and "pyarrow.csv.read_csv" in table


def test_markdown_uses_dutch_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    demo = _load(monkeypatch)
    assert demo.nl(12345.678, 2) == "12.345,68"
    assert demo.nl(None) == "–"
    assert demo.markdown_table(["a", "b"], [["x", "1"]], [False, True]) == [
        "| a | b |", "|---|---:|", "| x | 1 |"]
