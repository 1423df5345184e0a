# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the CBS benchmark: the synthetic StatLine files in tests/cbs/data and a warehouse
(the synthetic warehouse of the indicator tests) with those files imported."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from testsupport import load_module

DATA = Path(__file__).parent / "data"


def _synthetic() -> ModuleType:
    return load_module("indicators/synthetic_warehouse.py")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def statline_files() -> list[Path]:
    return sorted(DATA.glob("*.csv"))


@pytest.fixture(scope="session")
def base_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cbs-basis") / "warehouse.duckdb"
    _synthetic().build_warehouse(path).close()
    return path


@pytest.fixture(scope="session")
def imported_warehouse(
    base_warehouse: Path, statline_files: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    from ketenmonitor.cbs import import_files

    path = tmp_path_factory.mktemp("cbs-import") / "warehouse.duckdb"
    shutil.copy(base_warehouse, path)
    import_files(statline_files, path)
    return path


@pytest.fixture()
def warehouse(base_warehouse: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic warehouse without CBS figures."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(base_warehouse, path)
    return path
