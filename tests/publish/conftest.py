# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for publication tests: the synthetic warehouse of the indicator tests, disclosed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import build_publication
from ketenmonitor.warehouse import connect_readonly


def _synthetic() -> ModuleType:
    """tests/indicators/synthetic_warehouse.py, loaded by path (import mode 'importlib')."""
    name = "ketenmonitor_tests_synthetic_warehouse"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "indicators" / "synthetic_warehouse.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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
