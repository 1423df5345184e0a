# SPDX-License-Identifier: EUPL-1.2
"""The catalogue on Spark: a local session that downloads nothing, Dutch errors (marker ``spark``).

Parity with DuckDB — every indicator of the catalogue computed on both engines, the unrounded
results and the publications compared cell for cell — is tested end to end through the engine,
in ``tests/engine/test_spark.py``, with one Spark computation for the whole session.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.compute  # noqa: F401  (registers the commands)
from ketenmonitor.cli.app import app
from ketenmonitor.core.settings import Settings
from ketenmonitor.core.spark import spark_config

SPARK = Settings(rounding_base=5, suppression_threshold=10, spark_shuffle_partitions=2)
runner = CliRunner()


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
def test_a_query_spark_cannot_run_gives_a_dutch_error() -> None:
    from ketenmonitor.core.errors import ConfigurationError
    from ketenmonitor.core.spark import spark_session
    from ketenmonitor.indicators.spark import _run

    with pytest.raises(ConfigurationError) as raised:
        _run(spark_session(SPARK), "SELECT geen_bestaande_functie(1) AS x", "proef")
    assert raised.value.code == "spark_query"
    assert "proef" in raised.value.message
