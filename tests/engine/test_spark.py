# SPDX-License-Identifier: EUPL-1.2
"""Parity of the engines end to end (marker ``spark``): ``publish --engine spark`` and
``--engine duckdb`` over a warehouse with CBS figures give the same publication, cell for cell,
the CBS comparison ``_cbs_vergelijking`` included (issue 17: the Spark path used to drop it).

Both publications come from the session fixtures of ``conftest.py``, which also keep the
unrounded results each engine computed: the whole catalogue runs on Spark once for this file.
The unrounded results must be identical too, except that a mean of non-integer values may
differ in the last bits (Spark and DuckDB add in a different order), so ``waarde`` is compared to
12 significant digits.
"""

from __future__ import annotations

from typing import Any

import pytest

from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.indicators.schema import RESULT_SCHEMA
from ketenmonitor.publish import BENCHMARK_TABLE

pytestmark = pytest.mark.spark


def _without_moment(metadata: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in metadata.items() if k != "created_at"}


def test_both_engines_publish_the_same_including_the_cbs_comparison(
    duckdb_run: Any, spark_run: Any
) -> None:
    on_duckdb, on_spark = duckdb_run.metadata(), spark_run.metadata()
    # same id (v1 in each folder), indicators, CBS sources, tables, checksums and row counts
    assert _without_moment(on_spark) == _without_moment(on_duckdb)
    assert BENCHMARK_TABLE in on_duckdb["tables"] and on_duckdb["cbs_bronnen"]
    for name in on_duckdb["tables"]:
        expected, got = duckdb_run.table(name), spark_run.table(name)
        assert got.schema == expected.schema, name
        assert got.to_pylist() == expected.to_pylist(), name  # cell for cell, in order


def test_spark_computes_every_indicator_of_the_catalogue(spark_run: Any) -> None:
    assert list(spark_run.results) == list(load_catalogue())
    for indicator_id, table in spark_run.results.items():
        assert table.schema == RESULT_SCHEMA, indicator_id
        assert table.num_rows > 0, indicator_id


def test_unrounded_results_are_the_same(duckdb_run: Any, spark_run: Any) -> None:
    assert sorted(spark_run.results) == sorted(duckdb_run.results)
    for indicator_id, expected in duckdb_run.results.items():
        got = spark_run.results[indicator_id]
        assert got.num_rows == expected.num_rows, indicator_id
        for name in RESULT_SCHEMA.names:
            if name != "waarde":
                assert got.column(name).equals(expected.column(name)), (indicator_id, name)
        values = zip(got.column("waarde").to_pylist(), expected.column("waarde").to_pylist(),
                     strict=True)
        for row, (a, b) in enumerate(values):
            assert (a is None and b is None) or a == pytest.approx(b, rel=1e-12), (
                indicator_id, row, a, b)
