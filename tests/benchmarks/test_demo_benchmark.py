# SPDX-License-Identifier: EUPL-1.2
"""Parts of ``benchmarks/demo.py`` that need no demo run. The smoke test of the whole script
is ``tests/demo/test_demo_benchmark.py``: it shares the demo run of the end-to-end tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the script imports its sibling _common
    spec = importlib.util.spec_from_file_location("benchmark_demo", BENCHMARKS / "demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_demo", module)
    spec.loader.exec_module(module)
    return module


def test_markdown_uses_dutch_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    demo = _load(monkeypatch)
    assert demo.nl(12345.678, 2) == "12.345,68"
    assert demo.nl(None) == "–"
    assert demo.markdown_table(["a", "b"], [["x", "1"]], [False, True]) == [
        "| a | b |", "|---|---:|", "| x | 1 |"]
