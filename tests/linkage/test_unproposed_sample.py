# SPDX-License-Identifier: EUPL-1.2
"""The strata of the unproposed pairs' sample cover every unproposed pair exactly once."""

from __future__ import annotations

import itertools
import random
from typing import Any

import duckdb
import pytest
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator

from ketenmonitor.linkage.blocking import BlockingPlan, RulePlan
from ketenmonitor.linkage.unproposed import estimate_unproposed

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
