# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import numpy as np

from ketenmonitor.linkage.clustering import Groups, IntArray, constrained_clusters, groups_from_columns


def _groups(rows: list[tuple[int, list[int], list[int]]]) -> Groups:
    return groups_from_columns({"grp": [r[0] for r in rows], "bsn": [r[1] for r in rows],
                                "years": [r[2] for r in rows]})


def _pairs(*pairs: tuple[int, int]) -> tuple[IntArray, IntArray]:
    return (np.array([a for a, _b in pairs], dtype=np.int64),
            np.array([b for _a, b in pairs], dtype=np.int64))


def test_a_record_without_bsn_cannot_chain_two_bsn_persons() -> None:
    # 1 = mother (BSN 100), 2 = daughter (BSN 200), 3 = police record 'J. Jansen', no BSN/date.
    groups = _groups([(1, [100], [1980]), (2, [200], [2005]), (3, [], [])])
    result = constrained_clusters(groups, *_pairs((1, 3), (2, 3)))  # strongest first
    assert result.root == {3: 1}
    assert (result.merged_pairs, result.refused_pairs) == (1, 1)


def test_a_shared_year_joins_persons_known_under_two_years() -> None:
    groups = _groups([(1, [], [1980]), (2, [], [1981]), (3, [], [1980, 1981])])
    # Via a person known under both years (a typo in one record), all three are one.
    result = constrained_clusters(groups, *_pairs((1, 3), (2, 3)))
    assert set(result.root.values()) == {1} and result.refused_pairs == 0


def test_a_pair_scored_with_its_own_different_years_may_merge() -> None:
    # FEBRL-style typo in the year: the model compared exactly these two records, saw 1980
    # against 1981 and still scored a match; nothing else in either person disagrees.
    groups = _groups([(1, [], [1980]), (2, [], [1981])])
    result = constrained_clusters(groups, *_pairs((1, 2)))
    assert result.root == {2: 1} and result.refused_pairs == 0


def test_different_years_the_pair_did_not_see_are_refused() -> None:
    # Mother (1, born 1980) and daughter (2, born 2005) share surname and address; record 3 has no
    # year and joins the mother first. Merging the daughter into that person would put 2005
    # against 1980, which the pair (2, 3) never compared: refused. Likewise a record born 1981
    # that matches the mother's 1980 record does not join a person that also holds 2005.
    groups = _groups([(1, [], [1980]), (2, [], [2005]), (3, [], []), (4, [], [1981])])
    result = constrained_clusters(groups, *_pairs((1, 3), (2, 3)))
    assert result.root == {3: 1} and result.refused_pairs == 1
    result = constrained_clusters(groups, *_pairs((1, 3), (2, 3), (1, 4)))
    assert result.root == {3: 1, 4: 1}  # 1981 against 1980 only: the pair (1, 4) saw it
    groups = _groups([(1, [], [1980]), (2, [], [2005]), (4, [], [1981])])
    result = constrained_clusters(groups, *_pairs((2, 4), (1, 4)))
    assert result.root == {4: 2} and result.refused_pairs == 1


def test_the_order_of_pairs_decides_which_merge_wins() -> None:
    groups = _groups([(1, [100], []), (2, [200], []), (3, [], [])])
    assert constrained_clusters(groups, *_pairs((2, 3), (1, 3))).root == {3: 2}
    assert constrained_clusters(groups, *_pairs((1, 3), (2, 3))).root == {3: 1}


def test_groups_not_listed_have_no_constraints() -> None:
    groups = _groups([(1, [100], [1980])])
    result = constrained_clusters(groups, *_pairs((1, 7), (7, 8)))
    assert result.root == {7: 1, 8: 1}


def test_wholly_different_dates_do_not_merge_unless_the_pair_looks_like_a_year_typo() -> None:
    # Two brothers 'Tim' and 'Tom' (1, 2) share surname and address; the scorer marks whether a
    # pair may differ in the year (same day and month, or the same given name: issue 16).
    groups = _groups([(1, [], [2005]), (2, [], [2009])])
    refused = constrained_clusters(groups, *_pairs((1, 2)), np.array([False]))
    assert refused.root == {} and refused.refused_pairs == 1
    allowed = constrained_clusters(groups, *_pairs((1, 2)), np.array([True]))
    assert allowed.root == {2: 1}
