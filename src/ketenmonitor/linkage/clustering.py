# SPDX-License-Identifier: EUPL-1.2
"""Records → persons: must-links on the BSN token, then scored pairs with cannot-link constraints.

Plain connected components over all pairs above the threshold chain whole families together:
a police record with only an initial and no date of birth matches the mother and the daughter
alike (same surname, same address), and one such pair merges two persons with dozens of records.
So clustering is greedy and constrained (as in constrained agglomerative entity resolution):

1. records with the same BSN token are one person (must-link, as in the deterministic linkage);
2. the other pairs at or above the match threshold are merged in order of decreasing match
   probability, unless the merge would put two different BSN tokens or only different birth
   years in one person (cannot-link: then the pair is the weaker explanation and is skipped).
   Different birth years do not block a merge when they are exactly the years of the two records
   of the pair itself and the pair looks like a typo in the year (the caller says which pairs:
   the same day and month, see ``ketenmonitor.linkage.scoring``): the model compared that very
   difference and still scored a match. Two wholly different dates with different years (a
   brother, a parent) and years the pair did not see, such as a mother's reached through a record
   without a date, still block it.

The order is fixed (probability, then record ids), so the same scores give the same persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Groups:
    """Must-linked groups (BSN clusters or single records) with their constraint values."""

    ids: IntArray  # group id (the smallest record id in the group)
    bsn: list[frozenset[int]]  # distinct BSN codes per group (at most one)
    years: list[frozenset[int]]  # distinct birth-year codes per group


@dataclass(frozen=True)
class ClusterResult:
    root: dict[int, int]  # group id → person root (only groups that merged)
    merged_pairs: int
    refused_pairs: int


class _UnionFind:
    def __init__(self, groups: Groups) -> None:
        self.parent: dict[int, int] = {}
        self.bsn: dict[int, frozenset[int]] = {}
        self.years: dict[int, frozenset[int]] = {}
        self._groups = {int(g): i for i, g in enumerate(groups.ids.tolist())}
        self._source = groups

    def _touch(self, node: int) -> None:
        if node not in self.parent:
            self.parent[node] = node
            index = self._groups.get(node)
            self.bsn[node] = self._source.bsn[index] if index is not None else frozenset()
            self.years[node] = self._source.years[index] if index is not None else frozenset()

    def find(self, node: int) -> int:
        """The root of ``node`` (with path compression). Runs once or twice per scored pair:
        nationally millions of times, so it touches the dictionaries as little as it can."""
        parent = self.parent
        up = parent.get(node)
        if up is None:
            self._touch(node)
            return node
        if up == node:
            return node
        root = up
        while (above := parent[root]) != root:
            root = above
        while (above := parent[node]) != root:
            parent[node], node = root, above
        return root

    def own_years(self, node: int) -> frozenset[int]:
        index = self._groups.get(node)
        return self._source.years[index] if index is not None else frozenset()

    def conflicts(self, a: int, b: int, ra: int, rb: int, year_typo: bool = True) -> bool:
        """Whether merging the persons ``ra`` and ``rb`` along the pair (``a``, ``b``) breaks a
        constraint. Different birth years do not when the pair looks like a typo in the year
        (``year_typo``) and they are exactly the years of the pair's own groups: the model scored
        that very difference and still found a match."""
        if self.bsn[ra] and self.bsn[rb] and not self.bsn[ra] & self.bsn[rb]:
            return True
        if not (self.years[ra] and self.years[rb]) or self.years[ra] & self.years[rb]:
            return False
        return not (year_typo and self.years[ra] == self.own_years(a)
                    and self.years[rb] == self.own_years(b))

    def union(self, a: int, b: int, year_typo: bool = True) -> bool | None:
        """True when merged, False when refused by a constraint, None when already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if self.conflicts(a, b, ra, rb, year_typo):
            return False
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        self.bsn[keep] = self.bsn[keep] | self.bsn.pop(drop)
        self.years[keep] = self.years[keep] | self.years.pop(drop)
        return True


def constrained_clusters(groups: Groups, left: IntArray, right: IntArray,
                         year_typo: BoolArray | None = None) -> ClusterResult:
    """Merge groups along the pairs (``left[i]``, ``right[i]``), already sorted strongest first.
    ``year_typo[i]``: the pair may differ in the birth year (a typo); None allows it for every
    pair."""
    uf = _UnionFind(groups)
    merged = refused = 0
    typos = [True] * len(left) if year_typo is None else year_typo.tolist()
    for a, b, typo in zip(left.tolist(), right.tolist(), typos, strict=True):
        outcome = uf.union(a, b, bool(typo))
        if outcome is True:
            merged += 1
        elif outcome is False:
            refused += 1
    root = {node: uf.find(node) for node in list(uf.parent)}
    return ClusterResult(root={k: v for k, v in root.items() if k != v}, merged_pairs=merged,
                         refused_pairs=refused)


def groups_from_columns(columns: dict[str, Any]) -> Groups:
    """From numpy columns ``grp`` (int), ``bsn`` (list of int) and ``years`` (list of int)."""
    return Groups(
        ids=np.asarray(columns["grp"], dtype=np.int64),
        bsn=[frozenset(v or ()) for v in columns["bsn"]],
        years=[frozenset(v or ()) for v in columns["years"]],
    )
