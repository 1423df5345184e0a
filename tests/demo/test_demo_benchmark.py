# SPDX-License-Identifier: EUPL-1.2
"""Smoke test of ``benchmarks/demo.py``: the script must keep running and keep writing every
stage and every reference, so that the published figures can be regenerated. It reads the run of
``conftest.py`` (the benchmark with ``--bewaar``, which the end-to-end tests inspect too)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ketenmonitor.demo.runner import STAGES

REFERENCES = ("inlezen", "pseudonimisering", "tokens", "bronnen_csv")

pytestmark = pytest.mark.slow


def test_demo_benchmark_writes_stages_and_references(demo: Any) -> None:
    exit_code, folder = demo.exit_code, demo.benchmark
    data = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
    # Whether the target was met depends on the machine; the test checks only that the verdict
    # agrees with the figures the script wrote.
    target = data["target"]
    assert target["measured_seconds"] == data["total"]["seconds"]
    assert target["passed"] == (target["measured_seconds"] <= target["seconds"])
    assert exit_code == (0 if target["passed"] else 1)
    assert data["config"]["schaal"] == 0.03 and data["config"]["repetitions"] == 1
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
    table = (folder / "demo.md").read_text(encoding="utf-8")
    assert "| stap | seconden | rijen | rijen/s | piekgeheugen (MiB) |" in table
    assert all(f"| {name} |" in table for name in STAGES)
    assert "read_parquet" in table and "hmac.new" in table and "pyarrow.csv.read_csv" in table


    # issue 12: the publication step against twice its time before the interval attack
    publish = data["publish_target"]
    assert publish["measured_seconds"] == data["stages"]["publicatie"]["seconds"]
    assert publish["ratio"] == pytest.approx(publish["measured_seconds"] / publish["baseline_seconds"])
    assert publish["applies"] is False  # the baseline was measured at scale 1.0
    assert "Publicatie met de intervalaanval" in table and "geldt alleen op schaal 1,0" in table
    load = data["load_average"]  # the run reports how busy the machine was
    assert load["start"] >= 0 and load["end"] >= 0 and "Belasting van de machine" in table
    assert (demo.out / "publicaties").is_dir()  # --bewaar kept the demo's folders
