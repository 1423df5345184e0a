# SPDX-License-Identifier: EUPL-1.2
"""The targets and report of ``benchmarks/linkage_scale.py`` on hand-made measurements."""

from __future__ import annotations

from typing import Any

import pytest

from testsupport import load_benchmark


def _method(seconds: float, cpu: float, peak: float) -> dict[str, Any]:
    return {"status": "gemeten", "label": "x", "precision": 1.0, "recall": 1.0, "f1": 1.0,
            "seconds": seconds, "process_cpu_seconds": cpu, "peak_rss_mib": peak,
            "belasting_1min": 2.0, "stappen_seconden": {"laden": 1.0}}


def test_time_and_memory_targets_against_the_plain_run(monkeypatch: pytest.MonkeyPatch) -> None:
    scale = load_benchmark(monkeypatch, "linkage_scale")
    methods = {"plain_snel": _method(100.0, 50.0, 5000.0), "tokens": _method(110.0, 70.0, 4200.0)}
    time_ratio, cpu_ratio, peak = scale.targets(methods)
    assert time_ratio["gemeten"] == pytest.approx(1.1) and time_ratio["gehaald"]
    assert cpu_ratio["gemeten"] == pytest.approx(1.4) and not cpu_ratio["gehaald"]
    assert peak["gemeten"] == pytest.approx(4200 / 1024) and not peak["gehaald"]
    assert scale.targets({"tokens": methods["tokens"]}) == []  # no reference: nothing to judge
    report = scale.markdown({"created_at": "nu", "machine": {"cores": 2, "git_commit": "abc"},
                             "dataset": {"label": "regio", "records": 10, "persons": 4,
                                         "true_pairs": 9, "info": {"zonder_bsn_procent": 20}},
                             "methods": methods, "doelen": [time_ratio, cpu_ratio, peak]})
    assert "| tijd tokens / tijd snelle standaard-Splink ≤ 1,2 | 1,10 | 1,20 | ja |" in report
