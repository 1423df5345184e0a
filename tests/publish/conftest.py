# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for publication tests: the synthetic warehouse of the indicator tests, disclosed."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import build_publication
from ketenmonitor.warehouse import connect_readonly
from testsupport import load_module


def _synthetic() -> ModuleType:
    return load_module("indicators/synthetic_warehouse.py")


@pytest.fixture(scope="session")
def synthetic() -> ModuleType:
    return _synthetic()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(rounding_base=5, suppression_threshold=10)


@pytest.fixture(scope="session")
def warehouse_file(tmp_path_factory: pytest.TempPathFactory, synthetic: ModuleType) -> Path:
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    synthetic.build_warehouse(path).close()
    return path


@pytest.fixture(scope="session")
def built(
    warehouse_file: Path, synthetic: ModuleType, settings: Settings
) -> tuple[dict[str, pa.Table], dict[str, Any]]:
    con = connect_readonly(warehouse_file)
    try:
        return build_publication(con, synthetic.REGION, settings=settings)
    finally:
        con.close()


@pytest.fixture()
def tables(built: tuple[dict[str, pa.Table], dict[str, Any]]) -> dict[str, pa.Table]:
    return dict(built[0])


@pytest.fixture()
def metadata(built: tuple[dict[str, pa.Table], dict[str, Any]]) -> dict[str, Any]:
    return dict(built[1])


@pytest.fixture()
def validation() -> pa.Table:
    from ketenmonitor.publish import VALIDATION_SCHEMA

    return pa.Table.from_pylist(
        [
            {
                "maat": "eerdere_betrokkenheid",
                "categorie": "HERMELDING",
                "categorie_label": "Hermelding",
                "periode": "2020",
                "pijplijn": 35.2,
                "grondwaarheid": 37.9,
                "verschil_procentpunt": -2.7,
            },
        ],
        schema=VALIDATION_SCHEMA,
    )


def _as_format_1_0(source: Path, target: Path) -> Path:
    """A writable copy of ``source`` laid out as a 1.0 writer did: no uncertainty columns, no
    formule, no reason column and '.' for every cell without a figure. The CBS comparison, if
    any, stays (a 1.0 reader must refuse it)."""
    from ketenmonitor.indicators.schema import PUBLISHED_SCHEMA_BASE

    shutil.copytree(source, target)
    for p in [target, *target.rglob("*")]:
        p.chmod(stat.S_IRWXU if p.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    metadata = json.loads((target / "metadata.json").read_text(encoding="utf-8"))
    metadata["format_version"] = "1.0"
    for key in ("estimated_recall_low", "estimated_recall_high"):  # format 1.3
        (metadata.get("linkage") or {}).pop(key, None)
    for ind in metadata["indicators"]:
        ind.pop("formule")
        file = target / "tables" / f"{ind['id']}.parquet"
        old = pq.read_table(file).select(PUBLISHED_SCHEMA_BASE.names)
        # before 1.2 every cell without a figure showed '.'
        shown = [("." if w is None else t) for w, t in zip(
            old.column("waarde").to_pylist(), old.column("weergave").to_pylist(), strict=True)]
        old = old.set_column(old.schema.get_field_index("weergave"), "weergave",
                             pa.array(shown, pa.string()))
        pq.write_table(old, file)
        metadata["tables"][ind["id"]]["sha256"] = hashlib.sha256(file.read_bytes()).hexdigest()
    if not metadata.get("cbs_bronnen"):
        metadata.pop("cbs_bronnen", None)
    (target / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return target


@pytest.fixture()
def as_format_1_0() -> Callable[[Path, Path], Path]:
    return _as_format_1_0
