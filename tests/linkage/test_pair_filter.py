# SPDX-License-Identifier: EUPL-1.2
"""Pairs of two records with a BSN token are left to the clustering, not scored."""

from __future__ import annotations

import duckdb

from ketenmonitor.linkage.blocking import BlockingPlan, RulePlan
from ketenmonitor.linkage.pair_filter import blocked_pairs_sql, scored_rule_dicts


def _plan() -> BlockingPlan:
    return BlockingPlan(records=5, budget=100, rules=(
        RulePlan(("bsn_token",), 1, ("bsn_token",), 1),
        RulePlan(("geboortedatum_token",), 10, ("geboortedatum_token",), 10),
        RulePlan(("adres_token",), 10, None, 0),  # left out over budget: no rule at all
    ))


def _pairs(rule: str) -> set[tuple[int, int]]:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (rid INTEGER, bsn_token UBIGINT, geboortedatum_token UBIGINT)")
    # 1 and 2 share a BSN; 3 has another BSN; 4 and 5 have none; all share the date of birth.
    con.execute("INSERT INTO t VALUES (1, 7, 1), (2, 7, 1), (3, 8, 1), (4, NULL, 1), (5, NULL, 1)")
    rows = con.execute(f"SELECT l.rid, r.rid FROM t l JOIN t r ON l.rid < r.rid AND {rule}"
                       ).fetchall()
    return {(a, b) for a, b in rows}


def test_only_the_bsn_rule_scores_pairs_of_two_records_with_a_bsn() -> None:
    bsn, date = scored_rule_dicts(_plan(), "duckdb")
    assert _pairs(str(bsn["blocking_rule"])) == {(1, 2)}
    # Date of birth: every pair with a record without BSN, none of 1–2, 1–3 or 2–3.
    assert _pairs(str(date["blocking_rule"])) == {(1, 4), (1, 5), (2, 4), (2, 5), (3, 4),
                                                  (3, 5), (4, 5)}


def _random_records() -> duckdb.DuckDBPyConnection:
    """60 records on few values, so that every rule proposes pairs and rules overlap."""
    con = duckdb.connect()
    con.execute("""
    CREATE TABLE t AS
    SELECT i AS rid,
           CASE WHEN i % 3 = 0 THEN NULL ELSE hash(i // 4) % 9 END AS bsn_token,
           CASE WHEN i % 7 = 0 THEN NULL ELSE hash(i + 1000) % 5 END AS geboortedatum_token,
           hash(i + 2000) % 6 AS adres_token,
           hash(i + 3000) % 4 AS voornaam_gedeeld_token,
           hash(i + 4000) % 4 AS achternaam_gedeeld_token
    FROM range(60) r(i)
    """)
    return con


def test_blocked_pairs_are_the_pairs_splink_blocks_once_each_with_the_first_rule() -> None:
    columns = (("bsn_token",), ("geboortedatum_token",), ("adres_token",),
               ("voornaam_gedeeld_token>achternaam_gedeeld_token",),
               ("achternaam_gedeeld_token>voornaam_gedeeld_token",))
    plan = BlockingPlan(records=60, budget=10_000, rules=tuple(
        RulePlan(c, 1, c, 1) for c in columns))
    con = _random_records()
    # What Splink's blocking makes of the scored rules: a pair goes to the first rule that holds.
    rules = [str(r["blocking_rule"]) for r in scored_rule_dicts(plan, "duckdb")]
    first = "CASE " + " ".join(f"WHEN coalesce({r}, false) THEN {k}"
                               for k, r in enumerate(rules)) + " END"
    expected = set(con.execute(f"SELECT {first} AS k, l.rid, r.rid FROM t l JOIN t r "
                               f"ON l.rid < r.rid WHERE k IS NOT NULL").fetchall())
    found = con.execute(f"SELECT match_key, join_key_l, join_key_r "
                        f"FROM ({blocked_pairs_sql(plan, 't')})").fetchall()
    assert len(found) == len(set(found))  # each pair once
    assert set(found) == expected
    assert {k for k, _, _ in expected} == set(range(len(columns)))  # every rule contributes


def test_no_rules_no_pairs() -> None:
    con = _random_records()
    plan = BlockingPlan(records=60, budget=10, rules=())
    assert con.execute(f"SELECT count(*) FROM ({blocked_pairs_sql(plan, 't')})"
                       ).fetchall()[0][0] == 0
