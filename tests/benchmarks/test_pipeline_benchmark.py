# SPDX-License-Identifier: EUPL-1.2
"""Smoke test of ``benchmarks/pipeline.py`` on its smallest case at a tiny scale, plus the parts
that need no run: how the national case is built and how an aborted case is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testsupport import load_benchmark


@pytest.mark.slow
def test_pipeline_benchmark_measures_every_stage(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = load_benchmark(monkeypatch, "pipeline")

    exit_code = pipeline.main(["--gevallen", "regiojaar", "--schaal", "0.02", "--zonder-spark",
                               "--werkmap", str(tmp_path / "werk"), "--uitvoer", str(tmp_path)])

    data = json.loads((tmp_path / "pipeline.json").read_text(encoding="utf-8"))
    assert exit_code == (0 if data["passed"] else 1)
    assert data["scale"] == 0.02 and list(data["cases"]) == ["regiojaar"]
    case = data["cases"]["regiojaar"]
    assert case["target_seconds"] == 10.0 and case["target_memory_gib"] == 8.0
    assert list(case["stages"]) == list(pipeline.STAGES)
    for name, stage in case["stages"].items():
        assert stage["seconds"] > 0, name
        assert stage["peak_rss_mib"] > 0, name
        assert stage["cpu_seconds"] > 0, name
        assert stage["rows"] > 0, name
    assert case["total_seconds"] == pytest.approx(sum(s["seconds"] for s in case["stages"].values()))
    # Whether the target was met depends on the machine; only the verdict's consistency is tested.
    assert case["passed"]["seconds"] == (case["total_seconds"] <= case["target_seconds"])
    # what was delivered is what was ingested, and the reference loaded the same rows
    ingested = case["stages"]["inlezen"]["rows"]
    assert ingested == case["preparation"]["delivered_rows"] > 0
    assert case["references"]["inlezen"]["rows"] == ingested
    assert case["references"]["koppelen"]["rows"] == case["linkage"]["records"] > 0
    report = load_benchmark(monkeypatch, "_pipeline_report")
    delivered = case["delivered_by_type"]
    assert sum(delivered.values()) == ingested
    assert report.events(case) == ingested - delivered["betrokkene"] > 0
    assert case["linkage"]["records"] <= delivered["betrokkene"]
    assert case["indicators"] > 0 and case["load_average"] and case["date"]
    assert case["regions_computed"] == ["haaglanden"]
    # the published tables of the compute stage: one row set per indicator
    assert case["stages"]["publiceren"]["rows"] == case["stages"]["berekenen"]["rows"]
    text = (tmp_path / "pipeline.md").read_text(encoding="utf-8")
    assert ("| stap | seconden | CPU-seconden | aandeel | rijen | rijen/s | piekgeheugen (MiB) |"
            in text)
    assert case["preparation"]["pseudonymise_cpu_seconds"] > 0
    assert "pseudonimiseren" in text and "(CPU " in text
    assert "read_parquet" in text and "BSN-token" in text
    # the deliveries are kept for the next run, without the plain-identity exports
    work = tmp_path / "werk" / "regiojaar"
    assert (work / "voorbereid.json").exists()
    assert not list(work.rglob("*.csv"))


def test_national_case_is_26_regions_of_average_size(monkeypatch: pytest.MonkeyPatch) -> None:
    data = load_benchmark(monkeypatch, "_pipeline_data")
    parts = data.national_parts()
    assert len(parts) == 26
    assert len({p.partner_region for p in parts}) == 26  # no two share a source record
    assert len({(p.regio, p.seed) for p in parts}) == 26  # independent simulations
    assert all((p.van, p.tot) == (2019, 2025) for p in parts)
    people = sum(p.schaal * data.inhabitants(p.regio) for p in parts)
    assert people == pytest.approx(data.NETHERLANDS_INHABITANTS, rel=0.001)


def test_an_aborted_case_is_reported_with_its_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    report = load_benchmark(monkeypatch, "_pipeline_report")
    case = {"label": "landelijk", "target_seconds": 600.0, "target_memory_gib": 8.0,
            "preparation": {"delivered_rows": 10, "simulation_seconds": 1.0,
                            "pseudonymise_seconds": 1.0},
            "aborted": {"stage": "koppelen", "rss_mib": 10300.0, "seconds_in_stage": 42.0,
                        "limit_mib": 10240.0},
            "stages": {"inlezen": {"seconds": 100.0, "rows": 10, "peak_rss_mib": 900.0}}}
    data = {"machine": {"usable_cores": 2, "cpu": "x", "memory_gib": 23.5, "python": "3.11",
                        "duckdb": "2.0", "git_commit": None}, "date": "2026", "scale": 1.0,
            "load_average": (1.0, 1.0, 1.0), "cases": {"landelijk": case}}
    text = report.markdown(data)
    assert "afgebroken in stap **koppelen**" in text
    assert "10.240 MiB" in text and "**niet gehaald**" in text
