# SPDX-License-Identifier: EUPL-1.2
"""The model's own precision and recall count pairs by the persons the clustering made."""

from __future__ import annotations

import math

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.linkage.estimates import (
    Estimates,
    cluster_estimates,
    persons_with_bsn,
    scored_estimates,
)
from ketenmonitor.linkage.unproposed import Stratum, Unproposed


def _clusters(persons: dict[int, int]) -> pa.Table:
    return pa.table({"rid": pa.array(list(persons), pa.int64()),
                     "cluster": pa.array(list(persons.values()), pa.int64())})


def test_a_pair_under_the_threshold_joined_through_a_third_record_is_found() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE invoer AS SELECT * FROM (VALUES (1, NULL), (2, 11), (3, NULL), "
                "(4, NULL), (5, NULL), (6, 12), (7, NULL), (8, 13)) t(rid, bsn_token)")
    # 1-2 and 2-3 above the threshold make one person; 1-3 (0.3) is found through record 2.
    # 4-5 (0.8) is above the threshold but the clustering split it (a year cannot-link): missed.
    # 7-8 (0.9) was split because 7 joined 6, whose BSN token differs from 8's: the BSN tokens
    # decide it, as they decide a pair of two records with different tokens; it counts nowhere.
    con.execute("CREATE TABLE pred AS SELECT * FROM (VALUES (1, 2, 0.95), (2, 3, 0.9), "
                "(1, 3, 0.3), (4, 5, 0.8), (6, 7, 0.99), (7, 8, 0.9)) "
                "t(rid_l, rid_r, match_probability)")
    persons = _clusters({1: 1, 2: 1, 3: 1, 4: 4, 5: 5, 6: 6, 7: 6, 8: 8})
    estimates = scored_estimates(con, "pred", persons)
    assert estimates.scored == 6 and estimates.matched == 4
    assert estimates.inside == pytest.approx(0.95 + 0.9 + 0.3 + 0.99)
    assert estimates.decided == pytest.approx(0.9)
    assert estimates.recall() == pytest.approx(3.14 / (3.14 + 0.8))
    assert estimates.precision == pytest.approx(3.14 / 4)
    flags = persons_with_bsn(con, persons).to_pydict()
    assert dict(zip(flags["rid"], flags["bsn"], strict=True)) == {
        1: True, 2: True, 3: True, 4: False, 5: False, 6: True, 7: True, 8: True}


def test_an_unproposed_pair_inside_one_person_is_found_and_counts_for_the_precision() -> None:
    scored = Estimates(scored=10, matched=4, precision=0.9, inside=3.6, total=4.0)
    # one stratum sampled fully: 1.5 expected matches among the unproposed pairs, 1.0 of them in
    # one person (two pairs)
    found = Unproposed(1.5, 100, 1.0, strata=(Stratum(1.0, 1.5, 1.25, inside=1.0,
                                                      inside_squares=1.0, inside_pairs=2),))
    result = cluster_estimates(scored, found)
    assert result.recall == pytest.approx((3.6 + 1.0) / (4.0 + 1.5))
    assert result.precision == pytest.approx((3.6 + 1.0) / (4 + 2))
    assert result.interval == pytest.approx((result.recall, result.recall))  # no sampling error


def test_the_recall_interval_comes_from_the_sampled_pairs() -> None:
    scored = Estimates(scored=10, matched=4, precision=0.9, inside=3.6, total=4.0)
    # half of the stratum sampled: one pair of 0.5 in one person, one of 0.4 not
    stratum = Stratum(0.5, 0.9, 0.41, inside=0.5, inside_squares=0.25, inside_pairs=1)
    result = cluster_estimates(scored, Unproposed(1.8, 100, 0.5, strata=(stratum,)))
    recall = (3.6 + 1.0) / (4.0 + 1.8)
    assert result.recall == pytest.approx(recall)
    variance = 0.5 / 0.25 * ((1 - recall) ** 2 * 0.25 + recall**2 * 0.16) / 5.8**2
    low, high = result.interval or (0.0, 0.0)
    assert low == pytest.approx(recall - 1.96 * math.sqrt(variance))
    assert high == pytest.approx(recall + 1.96 * math.sqrt(variance))
    assert low < recall < high
