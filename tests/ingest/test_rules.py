# SPDX-License-Identifier: EUPL-1.2
"""The screen of the row rules: one pass that is never quiet about a row a rule reports, so a
delivery it passes can skip the rules (and their messages) without losing a quarantine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.ingest.rules import RuleContext, rule_queries, screen_query
from ketenmonitor.ingest.staging import Reference

from .conftest import build_table, vt_row

TODAY = date(2024, 9, 1)

CASES: dict[str, tuple[list[dict[str, Any]], bool]] = {
    "schoon": ([vt_row(1), vt_row(2)], False),
    "meerdere codes met spaties": ([vt_row(1, aard="KINDERMISHANDELING | PARTNERGEWELD")], False),
    "onbekende gemeente": ([vt_row(1, gemeente="GM9999")], True),
    "gemeente bestond niet op de datum": ([vt_row(1, gemeente="GM0576")], True),
    "onbekende code": ([vt_row(1, soort="X")], True),
    "één onbekende code van meerdere": ([vt_row(1, aard="KINDERMISHANDELING|X")], True),
    "lege code tussen scheidingstekens": ([vt_row(1, aard="KINDERMISHANDELING||")], True),
    "ongeldige datum": ([vt_row(1, datum_ontvangst="2024-02-30")], True),
    "buiten de periode": ([vt_row(1, datum_ontvangst="2023-12-31")], True),
    "verplicht veld leeg": ([vt_row(1, soort=None)], True),
    "dubbele sleutel": ([vt_row(1), vt_row(1)], True),
}


@pytest.fixture(scope="module")
def con() -> Iterator[tuple[duckdb.DuckDBPyConnection, Reference]]:
    connection = duckdb.connect()
    yield connection, Reference(connection)
    connection.close()


def _context(con: duckdb.DuckDBPyConnection, reference: Reference, rows: list[dict[str, Any]],
             period: str = "2024-H1") -> RuleContext:
    table = build_table("vt_bericht", rows)
    numbers = pa.array(range(1, len(rows) + 1), pa.int64())
    staged = table.append_column("_rij", numbers).append_column("_regel", numbers)
    con.register("partner_rows", staged)
    con.execute("CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM partner_rows")
    con.unregister("partner_rows")
    return RuleContext(RECORD_TYPES["vt_bericht"], "stage", reference.codes, reference.gemeenten,
                       Period.parse(period), TODAY, reference.code_values,
                       reference.gemeente_ranges)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_screen_flags_every_delivery_a_rule_reports(
        con: tuple[duckdb.DuckDBPyConnection, Reference], case: str) -> None:
    connection, reference = con
    rows, broken = CASES[case]
    ctx = _context(connection, reference, rows)
    reported = connection.execute(" UNION ALL ".join(rule_queries(ctx))).fetchall()
    screen = screen_query(ctx)
    assert screen is not None
    total, suspect = connection.execute(screen).fetchall()[0]
    assert total == len(rows)
    assert bool(reported) is broken
    assert bool(suspect) is broken  # clean deliveries skip the rules; broken ones never do


def test_a_gemeente_that_ends_within_the_period_is_suspect(
        con: tuple[duckdb.DuckDBPyConnection, Reference]) -> None:
    """GM0003 (Appingedam) ended on 2020-12-31: safe for all of 2020-H2, not for 2021-H1."""
    connection, reference = con
    row = vt_row(1, gemeente="GM0003", datum_ontvangst="2020-12-01",
                 datum_afsluiting="2020-12-20")
    screen = screen_query(_context(connection, reference, [row], "2020-H2"))
    assert screen is not None and connection.execute(screen).fetchall() == [(1, 0)]
    later = vt_row(1, gemeente="GM0003", datum_ontvangst="2021-02-01",
                   datum_afsluiting="2021-02-20")
    ctx = _context(connection, reference, [later], "2021-H1")
    screen = screen_query(ctx)
    assert screen is not None and connection.execute(screen).fetchall() == [(1, 1)]
    assert [r[2] for r in connection.execute(" UNION ALL ".join(rule_queries(ctx))).fetchall()
            ] == ["gemeente_ongeldig"]


def test_without_reference_values_every_row_is_suspect(
        con: tuple[duckdb.DuckDBPyConnection, Reference]) -> None:
    connection, reference = con
    ctx = _context(connection, reference, [vt_row(1)])
    bare = RuleContext(ctx.record_type, ctx.stage, ctx.codes, ctx.gemeenten, ctx.period, TODAY)
    screen = screen_query(bare)
    assert screen is not None and connection.execute(screen).fetchall() == [(1, 1)]
