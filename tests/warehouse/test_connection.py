# SPDX-License-Identifier: EUPL-1.2
"""DuckDB's memory limit: from the settings, or an eighth of physical memory; the warehouse and the
linkage's own database both keep to it."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.core.settings import Settings
from ketenmonitor.linkage.scoring import splink_connection
from ketenmonitor.warehouse import connect


def _limit_mib(con: duckdb.DuckDBPyConnection) -> float:
    text = str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
    number, unit = text.split()
    return float(number) * {"MiB": 1, "GiB": 1024}[unit]


def test_the_default_is_an_eighth_of_physical_memory() -> None:
    physical_mib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    limit = Settings().memory_limit
    assert limit.endswith("MB")
    assert int(limit.removesuffix("MB")) == max(1024, int(physical_mib // 8))
    assert Settings(duckdb_memory_limit="3GB").memory_limit == "3GB"


def test_warehouse_and_linkage_databases_keep_to_the_setting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENMONITOR_DUCKDB_MEMORY_LIMIT", "1GiB")
    con = connect(tmp_path / "warehouse.duckdb")
    assert _limit_mib(con) == 1024
    con.close()
    with splink_connection() as splink:
        assert _limit_mib(splink) == 1024
        spill = str(splink.execute("SELECT current_setting('temp_directory')").fetchall()[0][0])
        assert Path(spill).is_dir() and "ketenmonitor-koppeling-" in spill
    assert not Path(spill).exists()  # spilled record codes go with the connection
