# SPDX-License-Identifier: EUPL-1.2
"""Parts of ``benchmarks/demo.py`` that need no demo run. The smoke test of the whole script
is ``tests/demo/test_demo_benchmark.py``: it shares the demo run of the end-to-end tests."""

from __future__ import annotations

import pytest

from testsupport import load_benchmark


def test_markdown_uses_dutch_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    demo = load_benchmark(monkeypatch, "demo")
    assert demo.nl(12345.678, 2) == "12.345,68"
    assert demo.nl(None) == "–"
    assert demo.markdown_table(["a", "b"], [["x", "1"]], [False, True]) == [
        "| a | b |", "|---|---:|", "| x | 1 |"]
