# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for indicator tests: the synthetic warehouse, its results and disclosed tables."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compute import compute_all, disclose_all
from ketenmonitor.indicators.periods import reporting_periods
from testsupport import load_module


def load_synthetic_warehouse() -> ModuleType:
    return load_module("indicators/synthetic_warehouse.py")


synthetic = load_synthetic_warehouse()
PEILDATUM: date = synthetic.PEILDATUM
REGION: str = synthetic.REGION


@pytest.fixture(scope="session")
def peildatum() -> date:
    return PEILDATUM


@pytest.fixture(scope="session")
def region() -> str:
    return REGION


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def periods() -> list[Period]:
    return reporting_periods(PEILDATUM)


@pytest.fixture(scope="session")
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    con = synthetic.build_warehouse()
    yield con
    con.close()


@pytest.fixture(scope="session")
def warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    synthetic.build_warehouse(path).close()
    return path


@pytest.fixture(scope="session")
def results(warehouse: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> dict[str, pa.Table]:
    return compute_all(warehouse, REGION, peildatum=PEILDATUM, catalogue=catalogue)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(rounding_base=5, suppression_threshold=10)


@pytest.fixture(scope="session")
def published(
    results: dict[str, pa.Table], catalogue: Catalogue, settings: Settings
) -> dict[str, pa.Table]:
    return disclose_all(results, PEILDATUM, catalogue, settings)


@pytest.fixture(scope="session", name="synthetic")
def synthetic_fixture() -> ModuleType:
    """The module that builds the fixture warehouse (its row generators and DDL)."""
    return synthetic
