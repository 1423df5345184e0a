# SPDX-License-Identifier: EUPL-1.2
"""The strata of the unproposed pairs' sample cover every unproposed pair exactly once."""

from __future__ import annotations

import itertools
import random
from typing import Any

import duckdb
import pyarrow as pa
import pytest
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator

from ketenmonitor.linkage.blocking import BlockingPlan, RulePlan
from ketenmonitor.linkage.unproposed import (
    BUCKET,
    NONE,
    SAMPLE_TABLE,
    SOME,
    _sampled_pairs_sql,
    estimate_unproposed,
)

PRIOR = 0.01
FACTORS = {"geboortedatum_token": (0.9 / 0.03, 0.1 / 0.97),
           "achternaam_token": (0.9 / 0.025, 0.1 / 0.975)}


def _records(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int, int, int | None]]:
    rng = random.Random(1)
    rows = [(i, rng.randrange(30), rng.randrange(40), None if i % 3 else rng.randrange(5))
            for i in range(240)]
    con.execute("CREATE TABLE invoer (rid BIGINT, geboortedatum_token UBIGINT, "
                "achternaam_token UBIGINT, bsn_token UBIGINT)")
    con.executemany("INSERT INTO invoer VALUES (?, ?, ?, ?)", rows)
    return rows


def _model(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    comparisons = [cl.ExactMatch(column).configure(
        m_probabilities=[0.9, 0.1], u_probabilities=[0.9 / agree, 0.1 / disagree])
        for column, (agree, disagree) in FACTORS.items()]
    settings = SettingsCreator(link_type="dedupe_only", unique_id_column_name="rid",
                               comparisons=comparisons,
                               probability_two_random_records_match=PRIOR)
    frame = DuckDBAPI(con).register("invoer", table_name="invoer_model")
    model: dict[str, Any] = Linker(frame, settings, log_level=None).misc.save_model_to_json()
    return model


def _truth(rows: list[tuple[int, int, int, int | None]], proposed: bool = True) -> float:
    """Summed match probability of the pairs that the plan does not propose (when ``proposed``:
    equal date of birth and surname) and that do not both carry a BSN token."""
    total = 0.0
    for a, b in itertools.combinations(rows, 2):
        if (proposed and (a[1], a[2]) == (b[1], b[2])) or (a[3] is not None and b[3] is not None):
            continue
        odds = PRIOR / (1 - PRIOR)
        for (agree, disagree), x, y in zip(FACTORS.values(), a[1:3], b[1:3], strict=True):
            odds *= agree if x == y else disagree
        total += odds / (1 + odds)
    return total


def test_a_budget_above_all_pairs_scores_each_unproposed_pair_once() -> None:
    con = duckdb.connect()
    rows = _records(con)
    plan = BlockingPlan(len(rows), 10**6, (RulePlan(
        ("geboortedatum_token", "achternaam_token"), 0, ("geboortedatum_token",
                                                        "achternaam_token"), 0),))
    found = estimate_unproposed(con, _model(con), plan, max_pairs=1e9, seed=3)
    assert found is not None
    assert found.fraction == 1.0 and found.dense_fraction == 1.0 and found.standard_error == 0.0
    assert found.expected_matches == pytest.approx(_truth(rows), rel=1e-9)


def test_a_small_budget_samples_densely_where_keys_agree_and_its_intervals_hold() -> None:
    con = duckdb.connect()
    rows = _records(con)
    model, truth = _model(con), _truth(rows, proposed=False)
    plan = BlockingPlan(len(rows), 10**6, ())
    estimates = []
    for seed in range(6):
        found = estimate_unproposed(con, model, plan, max_pairs=2_000, seed=seed)
        assert found is not None
        assert found.dense_fraction > 5 * found.fraction
        low, high = found.interval()
        assert found.standard_error > 0 and low <= truth <= high
        estimates.append(found.expected_matches)
    # each seed draws another sample (DuckDB's hash(id, seed) barely depended on the seed)
    assert len(set(estimates)) == len(estimates)
    assert sum(estimates) / len(estimates) == pytest.approx(truth, rel=0.05)


def test_the_sampled_pairs_are_those_of_a_rule_per_key_and_stratum_each_once() -> None:
    """The pairs made in SQL and handed to Splink to score are, by brute force over the buckets,
    each pair in a stratum's sample that no prediction rule proposes and that has at most one
    BSN token, with the first key it agrees on (or the sparse stratum) as its rule."""
    con = duckdb.connect()
    rows = _records(con)
    plan = BlockingPlan(len(rows), 10**6, (RulePlan(
        ("geboortedatum_token", "achternaam_token"), 0, ("geboortedatum_token",
                                                        "achternaam_token"), 0),))
    keys = ["geboortedatum_token", "achternaam_token"]
    found = estimate_unproposed(con, _model(con), plan, max_pairs=1_000, seed=5)
    assert found is not None and 0 < found.fraction < found.dense_fraction < 1
    records = con.execute(f"SELECT rid, geboortedatum_token, achternaam_token, bsn_token, "
                          f"{BUCKET}_{SOME}, {BUCKET}_{NONE} FROM {SAMPLE_TABLE}").fetchall()
    wanted = set()
    for a, b in itertools.combinations(sorted(records), 2):
        agree = [k for k, x, y in zip(range(2), a[1:3], b[1:3], strict=True) if x == y]
        if (a[1:3] == b[1:3]) or (a[3] is not None and b[3] is not None):
            continue  # proposed by the plan's rule, or decided by the BSN
        if agree and a[4] == b[4]:
            wanted.add((agree[0], a[0], b[0]))
        elif not agree and a[5] == b[5]:
            wanted.add((len(keys), a[0], b[0]))
    made = con.execute(_sampled_pairs_sql(plan, keys)).fetchall()
    assert len(made) == len(set(made)) and set(made) == wanted
    assert {k for k, _l, _r in wanted} == {0, 1, 2}


def test_unproposed_pairs_inside_one_person_are_summed_apart() -> None:
    con = duckdb.connect()
    rows = _records(con)
    plan = BlockingPlan(len(rows), 10**6, (RulePlan(
        ("geboortedatum_token", "achternaam_token"), 0, ("geboortedatum_token",
                                                        "achternaam_token"), 0),))
    # persons by surname: an unproposed pair with one surname is in one person
    clusters = pa.table({"rid": pa.array([r[0] for r in rows], pa.int64()),
                         "cluster": pa.array([r[2] for r in rows], pa.int64()),
                         "bsn": pa.array([False] * len(rows), pa.bool_())})
    found = estimate_unproposed(con, _model(con), plan, max_pairs=1e9, seed=3, clusters=clusters)
    assert found is not None
    same_surname = sum(1 for a, b in itertools.combinations(rows, 2)
                       if a[2] == b[2] and a[1] != b[1] and (a[3] is None or b[3] is None))
    assert found.inside_pairs == same_surname
    assert 0 < found.inside_matches < found.expected_matches
    assert found.expected_matches == pytest.approx(_truth(rows), rel=1e-9)
    without = estimate_unproposed(con, _model(con), plan, max_pairs=1e9, seed=3)
    assert without is not None and without.inside_matches == 0.0 and without.inside_pairs == 0
    # persons that all carry a BSN token: a pair across two of them is decided by the tokens
    decided = clusters.set_column(2, "bsn", pa.array([True] * len(rows), pa.bool_()))
    found = estimate_unproposed(con, _model(con), plan, max_pairs=1e9, seed=3, clusters=decided)
    assert found is not None
    assert found.expected_matches == pytest.approx(found.inside_matches)
    assert found.inside_pairs == same_surname
