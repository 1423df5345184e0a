# SPDX-License-Identifier: EUPL-1.2
"""Parity: the whole catalogue on Spark gives the same publication as on DuckDB (marker ``spark``).

Every indicator of the catalogue is computed on both engines from the fixed synthetic fixture;
new indicators are covered without touching this file. The publications (after disclosure
control) must be identical, cell for cell. The unrounded results must be identical too, except
that a mean of non-integer values may differ in the last bits (Spark and DuckDB add in a
different order), so ``waarde`` is compared to 12 significant digits.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.compute  # registers the commands
import ketenmonitor.cli.publish  # noqa: F401  (registers the commands)
from ketenmonitor.cli.app import app
from ketenmonitor.core.settings import Engine, Settings
from ketenmonitor.core.spark import spark_config
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compute import compute_all, disclose_all
from ketenmonitor.indicators.schema import RESULT_SCHEMA

SPARK = Settings(rounding_base=5, suppression_threshold=10, spark_shuffle_partitions=2)
runner = CliRunner()


@pytest.fixture(scope="module")
def spark_results(
    warehouse: duckdb.DuckDBPyConnection, catalogue: Catalogue, region: str, peildatum: date
) -> dict[str, pa.Table]:
    return compute_all(warehouse, region, peildatum=peildatum, catalogue=catalogue,
                       engine=Engine.SPARK, settings=SPARK)


def test_spark_never_downloads_and_stays_local() -> None:
    config = spark_config(Settings())
    assert not any(key.startswith("spark.jars") for key in config)
    assert config["spark.master"] == "local[2]"
    assert config["spark.ui.enabled"] == "false"
    assert config["spark.sql.catalogImplementation"] == "in-memory"
    assert config["spark.driver.bindAddress"] == "127.0.0.1"
    cluster = spark_config(Settings(spark_master="spark://rekencluster:7077"))
    assert cluster["spark.master"] == "spark://rekencluster:7077"
    assert "spark.driver.bindAddress" not in cluster


@pytest.mark.spark
def test_spark_computes_every_indicator_of_the_catalogue(
    spark_results: dict[str, pa.Table], catalogue: Catalogue
) -> None:
    assert list(spark_results) == [defn.id for defn in catalogue.values()]
    for indicator_id, table in spark_results.items():
        assert table.schema == RESULT_SCHEMA, indicator_id
        assert table.num_rows > 0, indicator_id


@pytest.mark.spark
def test_unrounded_results_are_the_same(
    spark_results: dict[str, pa.Table], results: dict[str, pa.Table]
) -> None:
    for indicator_id, expected in results.items():
        got = spark_results[indicator_id]
        assert got.num_rows == expected.num_rows, indicator_id
        for name in RESULT_SCHEMA.names:
            if name == "waarde":
                continue
            assert got.column(name).equals(expected.column(name)), (indicator_id, name)
        values = zip(got.column("waarde").to_pylist(), expected.column("waarde").to_pylist(),
                     strict=True)
        for row, (a, b) in enumerate(values):
            assert (a is None and b is None) or a == pytest.approx(b, rel=1e-12), (
                indicator_id, row, a, b)


@pytest.mark.spark
def test_publications_are_identical(
    spark_results: dict[str, pa.Table],
    published: dict[str, pa.Table],
    catalogue: Catalogue,
    peildatum: date,
) -> None:
    on_spark = disclose_all(spark_results, peildatum, catalogue, SPARK)
    assert sorted(on_spark) == sorted(published)
    for indicator_id, table in published.items():
        assert on_spark[indicator_id].equals(table), indicator_id


def _publish(warehouse_file: Path, out: Path, *engine: str) -> Path:
    result = runner.invoke(app, ["publish", "--warehouse", str(warehouse_file), "--regio",
                                 "haaglanden", "--uitvoer", str(out), *engine],
                           env={"KETENMONITOR_SPARK_SHUFFLE_PARTITIONS": "2"})
    assert result.exit_code == 0, result.output
    return Path(result.output.strip().splitlines()[-1])


@pytest.mark.spark
def test_publish_with_engine_spark_writes_the_same_publication(
    warehouse_file: Path, tmp_path: Path
) -> None:
    duck = _publish(warehouse_file, tmp_path / "duckdb")
    spark = _publish(warehouse_file, tmp_path / "spark", "--engine", "spark")
    meta_duck = json.loads((duck / "metadata.json").read_text(encoding="utf-8"))
    meta_spark = json.loads((spark / "metadata.json").read_text(encoding="utf-8"))
    for meta in (meta_duck, meta_spark):
        meta.pop("created_at")
    assert meta_spark == meta_duck  # same id (v1 in each folder), tables, checksums and rows
    for entry in meta_duck["tables"].values():
        assert pq.read_table(spark / entry["file"]).equals(pq.read_table(duck / entry["file"]))


def test_an_unknown_engine_is_refused(warehouse_file: Path) -> None:
    result = runner.invoke(app, ["compute", "--warehouse", str(warehouse_file), "--engine", "x"])
    assert result.exit_code == 64  # a usage error, not refused input


def test_without_pyspark_the_engine_is_refused_in_dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    from ketenmonitor.core.errors import ConfigurationError
    from ketenmonitor.core.spark import spark_session

    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # as if PySpark were not installed
    with pytest.raises(ConfigurationError) as raised:
        spark_session(SPARK)
    assert raised.value.code == "spark_ontbreekt"
    assert "ketenmonitor[spark]" in raised.value.hint


@pytest.mark.spark
def test_a_query_spark_cannot_run_gives_a_dutch_error(spark_results: dict[str, pa.Table]) -> None:
    from ketenmonitor.core.errors import ConfigurationError
    from ketenmonitor.core.spark import spark_session
    from ketenmonitor.indicators.spark import _run

    with pytest.raises(ConfigurationError) as raised:
        _run(spark_session(SPARK), "SELECT geen_bestaande_functie(1) AS x", "proef")
    assert raised.value.code == "spark_query"
    assert "proef" in raised.value.message
