# SPDX-License-Identifier: EUPL-1.2
"""λ re-estimated from the scored pairs: the fixed point of λ = expected matches / all pairs."""

from __future__ import annotations

import math

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.linkage.scoring import RecordHandoff, refine_lambda, take_records, year_typo_sql


def _predictions(con: duckdb.DuckDBPyConnection, prior: float,
                 bayes_factors: list[tuple[float, int]]) -> None:
    """A predictions table with ``count`` pairs per log2 Bayes factor, scored under ``prior``."""
    prior_weight = math.log2(prior / (1 - prior))
    rows = [(prior_weight + bf,) for bf, count in bayes_factors for _ in range(count)]
    con.execute("CREATE TABLE p (match_weight DOUBLE)")
    if rows:
        con.executemany("INSERT INTO p VALUES (?)", rows)


def test_lambda_moves_to_the_share_of_pairs_the_model_calls_matches() -> None:
    # 100 records = 4,950 pairs; 40 scored pairs are certain matches, 200 certain non-matches.
    con = duckdb.connect()
    _predictions(con, 1e-3, [(40.0, 40), (-40.0, 200)])
    refined = refine_lambda(con, "p", 1e-3, 100)
    assert refined == pytest.approx(40 / 4950, rel=1e-4)


def test_uncertain_pairs_count_with_their_probability() -> None:
    # Bayes factor 2**24 for 100 pairs among 10,000 records: p depends on λ itself; at the fixed
    # point λ = 100 p(λ) / N, checked by putting the result back in.
    con = duckdb.connect()
    _predictions(con, 1e-6, [(24.0, 100)])
    refined = refine_lambda(con, "p", 1e-6, 10_000)
    total = 10_000 * 9_999 / 2
    odds = refined / (1 - refined) * 2**24
    assert refined == pytest.approx(100 * odds / (1 + odds) / total, rel=1e-3)
    assert 1e-6 < refined < 100 / total


def test_weak_evidence_cannot_collapse_lambda_below_a_tenth_of_the_trained_value() -> None:
    # Bayes factor 2**12 for 100 pairs among 10,000 records: the only fixed point is near zero.
    con = duckdb.connect()
    _predictions(con, 1e-6, [(12.0, 100)])
    assert refine_lambda(con, "p", 1e-6, 10_000) == pytest.approx(1e-7)


def test_nothing_to_refine_keeps_the_prior() -> None:
    con = duckdb.connect()
    _predictions(con, 0.01, [])
    assert refine_lambda(con, "p", 0.01, 1) == 0.01


def test_a_year_may_differ_only_for_a_year_typo_or_the_same_given_name() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE invoer (rid BIGINT, geboortemaanddag_token UBIGINT, "
                "voornaam_token UBIGINT, naampaar_token UBIGINT)")
    con.executemany("INSERT INTO invoer VALUES (?, ?, ?, ?)", [
        (1, 412, 7, 70), (2, 412, 8, 80),  # same day and month, other given name: a year typo
        (3, 101, 7, 70), (4, 202, 7, 71),  # wholly other date, same given name
        (5, 101, 7, 70), (6, 202, 9, 90),  # wholly other date, other given name: a sibling
        (7, None, None, None), (8, 202, 9, 90)])  # nothing to compare
    sql = year_typo_sql(con)
    flags = con.execute(f"SELECT l.rid, {sql} FROM invoer l JOIN invoer r ON r.rid = l.rid + 1 "
                        "WHERE l.rid % 2 = 1 ORDER BY l.rid").fetchall()
    assert flags == [(1, True), (3, True), (5, False), (7, False)]


def test_a_handoff_gives_its_records_once_and_keeps_no_reference() -> None:
    table = pa.table({"rid": [1, 2, 3]})
    handoff = RecordHandoff(table)
    assert handoff.num_rows == 3
    assert take_records(handoff) is table
    with pytest.raises(RuntimeError):
        handoff.take()
    assert take_records(table) is table  # a bare table is used as it is
