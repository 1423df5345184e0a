# SPDX-License-Identifier: EUPL-1.2
"""DuckDB SQL of the compiler → Spark SQL with the same results (sqlglot plus our own rewrites).

The compiler writes one dialect (DuckDB); this module is the only place that knows where Spark
differs in *meaning*, not just in spelling. sqlglot handles the spelling (``unnest`` →
``explode``, ``list_distinct`` → ``array_distinct``, ``DATE '…'`` literals, string escapes,
``NULLS LAST`` so NULLs sort as in DuckDB). The rewrites below handle semantics that sqlglot
keeps as written, so each is a rule about the dialects, never about one indicator:

- **division**: DuckDB's ``/`` always yields DOUBLE; Spark divides decimals as DECIMAL with a
  scale of 6 (``100.0 * 1 / 3`` is ``33.333333``). Both operands are cast to DOUBLE, so Spark
  performs the same IEEE division as DuckDB and the results are bit-identical;
- **quantiles**: DuckDB's ``quantile_cont(x, q)`` becomes Spark's exact ``percentile(x, q)``
  (same linear interpolation) and ``quantile_disc`` the ordered-set ``percentile_disc``; left to
  sqlglot they would become ``percentile_approx``, an estimate.

A construct that sqlglot cannot express in Spark raises :class:`TranspileError` with a Dutch
message instead of producing SQL that would compute something else.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _

SOURCE_DIALECT = "duckdb"
TARGET_DIALECT = "spark"

Rewrite = Callable[[exp.Expression], exp.Expression]


class TranspileError(ConfigurationError):
    """The SQL of an indicator cannot be expressed in the target dialect."""


def _as_double(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.DOUBLE):
        return node
    return exp.cast(node.copy(), exp.DataType.Type.DOUBLE)


def double_division(node: exp.Expression) -> exp.Expression:
    """``a / b`` → ``CAST(a AS DOUBLE) / CAST(b AS DOUBLE)`` (DuckDB's ``/`` is always DOUBLE)."""
    if isinstance(node, exp.Div):
        return exp.Div(this=_as_double(node.this), expression=_as_double(node.expression))
    return node


def exact_quantiles(node: exp.Expression) -> exp.Expression:
    """``quantile_cont(x, q)`` → ``percentile(x, q)``; ``quantile_disc(x, q)`` →
    ``percentile_disc(q) WITHIN GROUP (ORDER BY x)``.

    Spark's ``percentile_cont`` takes one argument, and sqlglot writes DuckDB's two-argument form
    as ``percentile_approx`` (an estimate): both would change the figures. Spark's ``percentile``
    is exact with the same linear interpolation as ``quantile_cont``.
    """
    if not isinstance(node, exp.PercentileCont | exp.PercentileDisc) or node.expression is None:
        return node
    if isinstance(node, exp.PercentileCont):
        return exp.Anonymous(this="PERCENTILE", expressions=[node.this.copy(), node.expression.copy()])
    order = exp.Order(expressions=[exp.Ordered(this=node.this.copy(), nulls_first=False)])
    function = exp.Anonymous(this="PERCENTILE_DISC", expressions=[node.expression.copy()])
    return exp.WithinGroup(this=function, expression=order)


REWRITES: tuple[Rewrite, ...] = (double_division, exact_quantiles)


def _refuse(what: str, error: Exception) -> TranspileError:
    return TranspileError(
        "sql_niet_vertaalbaar",
        _("De SQL van {what} is niet naar Spark te vertalen: {error}").format(
            what=what, error=str(error).splitlines()[0] if str(error) else type(error).__name__
        ),
        _(
            "Reken met --engine duckdb, of voeg een vertaalregel toe in "
            "ketenmonitor/indicators/transpile.py."
        ),
    )


def to_spark(sql: str, what: str = "de query") -> str:
    """Spark SQL with the same result as the DuckDB ``sql`` (one statement)."""
    try:
        tree = sqlglot.parse_one(sql, read=SOURCE_DIALECT)
        for rewrite in REWRITES:
            tree = tree.transform(rewrite)
        spark_sql: str = tree.sql(
            dialect=TARGET_DIALECT, pretty=True, unsupported_level=ErrorLevel.RAISE
        )
    except SqlglotError as error:
        raise _refuse(what, error) from None
    return spark_sql


def tables_read(sql: str) -> set[str]:
    """The warehouse tables a DuckDB query reads (every table that is not one of its CTEs)."""
    try:
        tree = sqlglot.parse_one(sql, read=SOURCE_DIALECT)
    except SqlglotError as error:
        raise _refuse(what="de query", error=error) from None
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    return {table.name for table in tree.find_all(exp.Table) if table.name not in ctes}
