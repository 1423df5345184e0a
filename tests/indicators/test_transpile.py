# SPDX-License-Identifier: EUPL-1.2
"""DuckDB → Spark SQL: the rewrites that keep the meaning, and every catalogue query transpiles.

Runs without Spark (fast); the results on Spark are compared in ``test_spark.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
import sqlglot

from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.sources import SOURCE_TABLES
from ketenmonitor.indicators.transpile import TranspileError, tables_read, to_spark

# DuckDB spellings that must not survive into Spark SQL
DUCKDB_ONLY = re.compile(r"\b(QUANTILE_CONT|QUANTILE_DISC|LIST_DISTINCT|UNNEST|PERCENTILE_APPROX)\b|::",
                         re.IGNORECASE)


def _flat(sql: str) -> str:
    return " ".join(sql.split())


def test_division_is_double_like_duckdb() -> None:
    # Spark would divide DECIMAL 100.0 * x by y with scale 6 (33.333333); DuckDB's / is DOUBLE.
    sql = _flat(to_spark("SELECT 100.0 * teller / nullif(noemer, 0) AS w FROM t"))
    assert "CAST(100.0 * teller AS DOUBLE) / CAST(NULLIF(noemer, 0) AS DOUBLE) AS w" in sql


def test_an_operand_already_double_is_not_cast_twice() -> None:
    sql = _flat(to_spark("SELECT CAST(a AS DOUBLE) / b FROM t"))
    assert "CAST(a AS DOUBLE) / CAST(b AS DOUBLE)" in sql
    assert "CAST(CAST(" not in sql


def test_quantiles_stay_exact() -> None:
    sql = _flat(to_spark(
        "SELECT quantile_cont(x, 0.5) FILTER (WHERE y) AS m, quantile_disc(x, 0.25) AS d FROM t"))
    assert "PERCENTILE(x, 0.5) FILTER(WHERE y) AS m" in sql
    assert "PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY x NULLS LAST) AS d" in sql
    assert "APPROX" not in sql


def test_lists_become_arrays() -> None:
    sql = _flat(to_spark("SELECT unnest(list_distinct(dim_aard)) FROM bron"))
    assert "EXPLODE(ARRAY_DISTINCT(dim_aard))" in sql


def test_string_literals_keep_their_value() -> None:
    # Spark reads backslashes as escapes, DuckDB does not: both must still mean the same text.
    sql = to_spark("SELECT '''s-Gravenhage' AS a, 'a\\b' AS b")
    assert r"'\'s-Gravenhage'" in sql
    assert r"'a\\b'" in sql


def test_dates_and_values_ctes() -> None:
    sql = _flat(to_spark(
        "WITH p (code, start) AS (VALUES ('2019', DATE '2019-01-01')) SELECT * FROM p"))
    assert "CAST('2019-01-01' AS DATE)" in sql
    assert "p(code, start) AS" in sql


def test_sql_that_does_not_parse_is_refused_in_dutch() -> None:
    with pytest.raises(TranspileError) as raised:
        to_spark("SELECT FROM WHERE (", what="indicator kapot")
    assert raised.value.code == "sql_niet_vertaalbaar"
    assert "indicator kapot" in raised.value.message
    assert "--engine duckdb" in raised.value.hint


def test_every_catalogue_indicator_transpiles(
    catalogue: Catalogue, region: str, periods: Sequence[Period]
) -> None:
    assert len(catalogue) > 0
    for defn in catalogue.values():
        duckdb_sql = compile_indicator(defn, region, periods)
        spark_sql = to_spark(duckdb_sql, what=defn.id)
        assert not DUCKDB_ONLY.search(spark_sql), (defn.id, DUCKDB_ONLY.search(spark_sql))
        # the Spark text parses in Spark's own dialect and reads the same tables
        reparsed = sqlglot.parse_one(spark_sql, read="spark")
        assert reparsed.find(sqlglot.exp.Select) is not None
        read = tables_read(duckdb_sql)
        assert read and read <= set(SOURCE_TABLES), (defn.id, read)
        assert defn.teller.bron in read


def test_tables_read_ignores_ctes() -> None:
    sql = "WITH bron AS (SELECT * FROM afg_melding), x AS (SELECT * FROM bron) SELECT * FROM x"
    assert tables_read(sql) == {"afg_melding"}
