# SPDX-License-Identifier: EUPL-1.2
"""The portal benchmark's national publication generator writes what the reader accepts (small
size here; the benchmark itself uses 342 gemeenten)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ketenmonitor.publish import read_publication

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_generator_writes_a_readable_publication(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("km_portal_bench_data",
                                                  BENCHMARKS / "_portal_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "km_portal_bench_data", module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "GEMEENTEN", 4)
    folder = module.write_national_publication(tmp_path)
    publication = read_publication(folder)
    table = publication.table(publication.indicator_ids[0])
    assert len(set(table.column("gebied_code").to_pylist())) == 5  # 4 gemeenten + the region
    assert any(table.column("onderdrukt").to_pylist())  # small cells are suppressed
