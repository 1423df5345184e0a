# SPDX-License-Identifier: EUPL-1.2
"""Publication format 1.1: the optional CBS comparison table, written, read and guarded."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketenmonitor.cbs import import_files
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import BENCHMARK_TABLE, read_publication, write_publication
from ketenmonitor.warehouse import connect_readonly

DATA = Path(__file__).parents[1] / "cbs" / "data"


@pytest.fixture(scope="module")
def publication(warehouse_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cbs-publicatie")
    warehouse = root / "warehouse.duckdb"
    shutil.copy(warehouse_file, warehouse)
    import_files(sorted(DATA.glob("*.csv")), warehouse)
    con = connect_readonly(warehouse)
    try:
        return write_publication(con, {"region": "haaglanden"}, root / "pub",
                                 settings=Settings(rounding_base=5, suppression_threshold=10))
    finally:
        con.close()


def _copy(path: Path, target: Path) -> Path:
    shutil.copytree(path, target)
    for p in [target, *target.rglob("*")]:
        p.chmod(stat.S_IRWXU if p.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    return target


def _edit(folder: Path, change: Any) -> None:
    file = folder / "metadata.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data), encoding="utf-8")


def test_publication_carries_the_comparison(publication: Path) -> None:
    pub = read_publication(publication)
    assert pub.format_version == "1.3"
    assert pub.benchmark is not None and pub.benchmark.num_rows > 0
    assert pub.table_names[-1] == BENCHMARK_TABLE
    assert {s["tabel"] for s in pub.metadata["cbs_bronnen"]} == {
        "03759ned", "84847NED", "84849NED", "84850NED", "85361NED"}
    ids = set(pub.benchmark.column("indicator_id").to_pylist())
    assert ids == {"adviezen_per_1000", "meldingen_per_1000", "meldingen_naar_melder",
                   "eerdere_betrokkenheid", "meldingen_naar_rol_melder",
                   "meldingen_naar_duur_geweld", "adviezen_naar_aard"}
    with pytest.raises(PublicationError):
        pub.table(BENCHMARK_TABLE)  # not an indicator


def test_tampered_comparison_is_refused(publication: Path, tmp_path: Path) -> None:
    copy = _copy(publication, tmp_path / "kopie" / publication.name)
    file = copy / "tables" / f"{BENCHMARK_TABLE}.parquet"
    table = pq.read_table(file)
    rows = table.to_pylist()
    index = [r["onderdrukt"] for r in rows].index(True)
    rows[index]["teller"] = 5  # a figure behind a '.'
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), file)
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    _edit(copy, lambda m: m["tables"][BENCHMARK_TABLE].update(sha256=digest))
    with pytest.raises(PublicationError, match="toont een cijfer in een onderdrukte cel"):
        read_publication(copy)


def test_format_1_0_is_read_but_cannot_hold_a_comparison(
    publication: Path, tmp_path: Path, as_format_1_0: Callable[[Path, Path], Path]
) -> None:
    copy = as_format_1_0(publication, tmp_path / "kopie" / publication.name)
    with pytest.raises(PublicationError, match=r"formaat 1\.0 kan geen CBS-vergelijking"):
        read_publication(copy)
    (copy / "tables" / f"{BENCHMARK_TABLE}.parquet").unlink()

    def drop_comparison(m: dict[str, Any]) -> None:
        m.pop("cbs_bronnen")
        m["tables"].pop(BENCHMARK_TABLE)

    _edit(copy, drop_comparison)
    old = read_publication(copy)
    assert old.format_version == "1.0" and old.benchmark is None
