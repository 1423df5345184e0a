# SPDX-License-Identifier: EUPL-1.2
"""``benchmarks/tauargus.py`` on one hand-made table: our primary suppression goes to τ-ARGUS
(``pytauargus``, optional) and its secondary suppression comes back onto our cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.indicators.schema import PRIMAIR, RESULT_SCHEMA, SECUNDAIR
from ketenmonitor.indicators.tables import CellTable
from testsupport import load_benchmark


@pytest.mark.slow
@pytest.mark.parametrize("method", ["OPT", "MOD"])
def test_tau_argus_protects_the_one_small_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               method: str) -> None:
    pytest.importorskip("pytauargus")
    bench = load_benchmark(monkeypatch, "tauargus")
    defn = load_catalogue()["uitkomst_onderzoek"]
    dim = defn.dimensies[0].naam
    a, b, c = [code for code, _label in defn.dimensies[0].categories()][:3]
    counts = {"GM1": {a: 3, b: 40, c: 30}, "GM2": {a: 25, b: 35, c: 45},
              "GM3": {a: 30, b: 50, c: 20}}
    counts["VR"] = {k: sum(counts[g][k] for g in ("GM1", "GM2", "GM3")) for k in (a, b, c)}
    rows: list[dict[str, Any]] = []
    for area, cats in counts.items():
        total = sum(cats.values())
        base = {"indicator_id": defn.id, "gebied_code": area, "gebied_naam": area,
                "gebied_niveau": "regio" if area == "VR" else "gemeente", "periode": "2023",
                "periode_type": "jaar", "noemer": total}
        rows.append({**base, "dimensie": "totaal", "categorie": "totaal",
                     "categorie_label": "totaal", "teller": total, "waarde": 100.0})
        rows += [{**base, "dimensie": dim, "categorie": k, "categorie_label": k, "teller": v,
                  "waarde": 100.0 * v / total} for k, v in cats.items()]
    cells = CellTable.from_arrow(pa.Table.from_pylist(rows, schema=RESULT_SCHEMA))

    status, added, residual = bench.tau_status(cells, defn, method, tmp_path)

    small = cells.index[("GM1", "2023", dim, a)]
    assert status[small] == PRIMAIR
    assert added == status.count(SECUNDAIR) >= 3  # one more in its row, its column and a corner
    assert residual == 0  # the table adds up
    hidden = {cells.key(i) for i, s in enumerate(status) if s}
    assert sum(1 for g, _p, _d, k in hidden if g == "GM1" and k != "totaal") >= 2
    assert sum(1 for g, _p, _d, k in hidden if k == a and g != "VR") >= 2
