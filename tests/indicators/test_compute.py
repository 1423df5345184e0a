# SPDX-License-Identifier: EUPL-1.2
"""Running the catalogue on a warehouse: read-only, storing results, clear errors."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compute import (
    RESULT_TABLE,
    compute_all,
    disclose_all,
    read_peildatum,
    store_results,
)
from ketenmonitor.indicators.schema import RESULT_SCHEMA
from ketenmonitor.indicators.sources import (
    AFG_BETROKKENE,
    AFG_MDA,
    AFG_MELDING,
    AFG_TRAJECT,
    SOURCE_TABLES,
)
from ketenmonitor.warehouse import connect_readonly


def test_fixture_tables_match_the_known_sources(warehouse: duckdb.DuckDBPyConnection) -> None:
    derived = (
        ("afg_melding", AFG_MELDING),
        ("afg_traject", AFG_TRAJECT),
        ("afg_betrokkene", AFG_BETROKKENE),
        ("afg_mda", AFG_MDA),
    )
    for table, columns in derived:
        present = [row[0] for row in warehouse.execute(f"DESCRIBE {table}").fetchall()]
        assert present == list(columns)
    for table, columns in SOURCE_TABLES.items():
        present = {row[0] for row in warehouse.execute(f"DESCRIBE {table}").fetchall()}
        assert set(columns) <= present, table


def test_compute_on_a_read_only_warehouse(
    warehouse_file: Path, catalogue: Catalogue, synthetic: ModuleType
) -> None:
    con = connect_readonly(warehouse_file)
    try:
        results = compute_all(con, synthetic.REGION, catalogue=catalogue)
    finally:
        con.close()
    assert set(results) == set(catalogue)
    assert all(t.schema == RESULT_SCHEMA for t in results.values())


def test_store_results_replaces_the_table(
    warehouse_file: Path, catalogue: Catalogue, synthetic: ModuleType, tmp_path: Path
) -> None:
    con = synthetic.build_warehouse(tmp_path / "w.duckdb")
    results = compute_all(con, synthetic.REGION, catalogue=catalogue)
    rows = store_results(con, results)
    assert rows == sum(t.num_rows for t in results.values())
    assert store_results(con, results) == rows
    assert con.execute(f"SELECT count(*) FROM {RESULT_TABLE}").fetchall() == [(rows,)]
    con.close()


def test_missing_peildatum() -> None:
    con = duckdb.connect()
    with pytest.raises(ConfigurationError, match="geen \\(eenduidige\\) peildatum"):
        read_peildatum(con)
    con.execute("CREATE TABLE meta_peildatum (peildatum DATE)")
    with pytest.raises(ConfigurationError):
        read_peildatum(con)


def test_missing_source_table(catalogue: Catalogue, synthetic: ModuleType) -> None:
    con = duckdb.connect()
    with pytest.raises(ConfigurationError, match="De warehouse mist de tabel afg_betrokkene"):
        compute_all(con, synthetic.REGION, peildatum=synthetic.PEILDATUM, catalogue=catalogue)


def test_missing_source_column(catalogue: Catalogue, synthetic: ModuleType) -> None:
    con = synthetic.build_warehouse()
    con.execute("DROP TABLE afg_melding")
    con.execute(synthetic.AFG_MELDING_DDL.replace("gevolgd_18m BOOLEAN,", ""))
    with pytest.raises(ConfigurationError, match="mist de kolom\\(men\\) gevolgd_18m"):
        compute_all(con, synthetic.REGION, peildatum=synthetic.PEILDATUM, catalogue=catalogue)


def test_disclose_all_marks_provisional_periods(
    results: dict[str, pa.Table], catalogue: Catalogue, synthetic: ModuleType
) -> None:
    tables = disclose_all(results, synthetic.PEILDATUM, catalogue)
    rows = tables["adviezen_per_1000"].to_pylist()
    assert {r["periode"] for r in rows if r["voorlopig"]} == {"2020-H2", "2020"}
