# SPDX-License-Identifier: EUPL-1.2
"""Pairs of two records with a BSN token are left to the clustering, not scored."""

from __future__ import annotations

import duckdb

from ketenmonitor.linkage.blocking import BlockingPlan, RulePlan
from ketenmonitor.linkage.pair_filter import scored_rule_dicts


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
