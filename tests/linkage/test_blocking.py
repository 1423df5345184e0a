# SPDX-License-Identifier: EUPL-1.2
"""The pair budget: exact pair counts, narrowing in a fixed order, and unchanged regional linkage."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pytest

from ketenmonitor.cli.link import narrowed_rules
from ketenmonitor.linkage import ModelConfig, link_probabilistic
from ketenmonitor.linkage.blocking import (
    BlockingPlan,
    RulePlan,
    count_pairs,
    plan_blocking,
    rule_columns,
    rule_sql,
    rule_words,
)
from ketenmonitor.linkage.splink_model import PREDICTION_BLOCKING


def _records(rows: list[tuple[Any, ...]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE r (bsn_token UBIGINT, geboortedatum_token UBIGINT, "
                "geslacht VARCHAR, initiaal_token UBIGINT, huisnummer_token UBIGINT)")
    con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", rows)
    return con


def test_pairs_are_counted_exactly_and_nulls_never_agree() -> None:
    # Date 1: four records (6 pairs), date 2: two (1 pair), one record without a date.
    con = _records([(None, 1, "M", 1, 1)] * 4 + [(None, 2, "V", 1, 1)] * 2 + [(None, None, "M", 1, 1)])
    assert count_pairs(con, "r", ("geboortedatum_token",)) == 7
    assert count_pairs(con, "r", ("geboortedatum_token", "geslacht")) == 7
    assert count_pairs(con, "r", ("bsn_token",)) == 0


def test_a_rule_over_budget_is_narrowed_in_the_fixed_order_until_it_fits() -> None:
    # 40 records on one date of birth: 780 pairs. Sex splits them 20/20 (380 pairs), the initial
    # then splits each half in four (4 × 2 × C(5,2) = 80 pairs).
    rows = [(None, 1, "MV"[i % 2], i // 2 % 4, 0) for i in range(40)]
    con = _records(rows)
    plan = plan_blocking(con, "r", (("bsn_token",), ("geboortedatum_token",)),
                         pairs_per_record=2.5, min_pairs=0)
    assert plan.budget == 100
    assert plan.rules[1] == RulePlan(("geboortedatum_token",), 780,
                                     ("geboortedatum_token", "geslacht", "initiaal_token"), 80)
    assert plan.columns == (("bsn_token",), ("geboortedatum_token", "geslacht", "initiaal_token"))
    roomy = plan_blocking(con, "r", (("geboortedatum_token",),), pairs_per_record=0, min_pairs=780)
    assert not roomy.rules[0].narrowed


def test_a_rule_that_cannot_fit_is_left_out_but_bsn_is_never_touched() -> None:
    con = _records([(7, 1, "M", 1, 1)] * 10)  # identical records: no refinement splits them
    plan = plan_blocking(con, "r", (("bsn_token",), ("geboortedatum_token",)),
                         pairs_per_record=0.1, min_pairs=0)
    assert plan.rules[0] == RulePlan(("bsn_token",), 45, ("bsn_token",), 45)
    assert plan.rules[1].used is None and plan.rules[1].used_pairs == 0
    assert plan.columns == (("bsn_token",),)
    lines = narrowed_rules(plan.to_json())
    assert lines == ["Blokkeerregel geboortedatum niet gebruikt: 45 paren, meer dan het budget "
                     "van 1 per regel."]


def test_prediction_is_chunked_by_the_planned_pairs() -> None:
    small = BlockingPlan(1000, 10, (RulePlan(("a",), 5, ("a",), 5),))
    assert small.chunks() == 1
    national = BlockingPlan(7_000_000, 70_000_000, tuple(
        RulePlan((f"r{i}",), 60_000_000, (f"r{i}",), 60_000_000) for i in range(5)))
    assert national.pairs == 300_000_000 and national.chunks() == 3


def test_the_defaults_leave_a_region_as_it_was(region: Any) -> None:
    con = region.warehouse()
    summary = link_probabilistic(con)
    plan = json.loads(summary.blocking)
    assert [tuple(r["used"]) for r in plan["rules"]] == list(PREDICTION_BLOCKING)
    assert narrowed_rules(summary.blocking) == []


def test_a_tight_budget_narrows_and_still_links_well(region: Any) -> None:
    con = region.warehouse()
    link_probabilistic(con)
    default = region.scores(con)
    # Two pairs per record narrows the fixture's quadratic rules the way the national case does
    # (date of birth alone → + sex + initial); half a pair would drop even full-name blocking.
    tight = ModelConfig(pairs_per_record=2, min_block_pairs=0)
    summary = link_probabilistic(con, tight, retrain=True)
    plan = json.loads(summary.blocking)
    narrowed = [r for r in plan["rules"] if r["used"] != r["columns"]]
    assert {"geboortedatum_token": ["geboortedatum_token", "geslacht", "initiaal_token"]}.items() \
        <= {"+".join(r["columns"]): r["used"] for r in narrowed}.items()
    assert all(r["used_pairs"] <= plan["budget"] for r in plan["rules"]
               if r["columns"] != ["bsn_token"])
    assert all(r["used"] == ["bsn_token"] for r in plan["rules"] if r["columns"] == ["bsn_token"])
    _precision, _recall, f1 = region.scores(con)
    assert f1 == pytest.approx(default[2], abs=0.002)  # measured: 0.9985 against 0.9987
    lines = narrowed_rules(summary.blocking)
    assert len(lines) == len(narrowed) and all(line.startswith("Blokkeerregel ") for line in lines)


def test_crossed_rules_count_left_given_name_against_right_surname() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE n (voornaam_gedeeld_token UBIGINT, achternaam_gedeeld_token UBIGINT,"
                " geslacht VARCHAR)")
    # 'Thomas Willem' (7, 9) twice and 'Willem Thomas' (9, 7) once; 'Anna Bakker' (1, 2).
    con.executemany("INSERT INTO n VALUES (?, ?, ?)",
                    [(7, 9, "M"), (7, 9, "M"), (9, 7, "M"), (1, 2, "V")])
    rule = ("voornaam_gedeeld_token>achternaam_gedeeld_token",)
    # Ordered pairs (an upper bound: Splink keeps those whose left record comes first): the two
    # 'Thomas Willem' records with 'Willem Thomas' and 'Willem Thomas' with both of them.
    assert count_pairs(con, "n", rule) == 4
    assert count_pairs(con, "n", (*rule, "geslacht")) == 4
    assert rule_sql(rule) == "l.voornaam_gedeeld_token = r.achternaam_gedeeld_token"
    assert rule_columns(rule) == {"voornaam_gedeeld_token", "achternaam_gedeeld_token"}
    assert rule_words(rule) == "voornaam gedeeld = achternaam gedeeld"
    both = {r for r in PREDICTION_BLOCKING if any(">" in c for c in r)}
    assert both == {rule, ("achternaam_gedeeld_token>voornaam_gedeeld_token",)}
    proposed = con.execute(
        "SELECT count(*) FROM n l JOIN n r ON " + rule_sql(rule)).fetchall()[0][0]
    assert proposed == 4
