# SPDX-License-Identifier: EUPL-1.2
"""The linear programme of one connected component of the attack, solved with HiGHS.

One model per component (the counts and the rows the publication states) is passed to HiGHS
once; every further solve only changes the objective, so HiGHS restarts from the previous
optimal basis: a few simplex iterations instead of a fresh solve.

A target is reached in one direction when some feasible point puts it at its goal. One solve
that pushes all open targets at once (the sum of their expressions) certifies every target its
optimum reaches; this repeats while it certifies new ones, and only the rest get a solve of
their own, which then decides them exactly. The counts are boxed to the truth ± 10,000 so that
the summed objective stays bounded; a goal is at most a few counts away, so the box does not
decide anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import highspy
import numpy as np
from highspy._core import _Highs  # the public ``Highs`` prints a banner on stdout when created
from scipy.sparse import csc_matrix

from ketenmonitor.indicators.attack_model import INF, Model, Row

_EPS = 1e-6
_INF = highspy.kHighsInf
_BOX = 10_000.0  # keeps a summed objective bounded; far beyond any goal


class Target(Protocol):
    @property
    def row(self) -> Row: ...
    @property
    def goal_lo(self) -> float: ...
    @property
    def goal_hi(self) -> float: ...


def _inf(value: float) -> float:
    return _INF if value == INF else (-_INF if value == -INF else value)


class Component:
    """The LP of one component: the counts and the stated rows."""

    def __init__(self, model: Model, row_ids: Sequence[int], targets: Sequence[Target]):
        used = sorted({v for r in row_ids for v in model.rows[r][0]}
                      | {v for t in targets for v in t.row})
        col = {v: j for j, v in enumerate(used)}
        n, k_count = len(used), len(targets)
        self.n, self.k = n, k_count
        data: list[float] = []
        ri: list[int] = []
        ci: list[int] = []
        row_lo: list[float] = []
        row_hi: list[float] = []
        for r in row_ids:
            row, low, high = model.rows[r]
            for v, c in row.items():
                data.append(c)
                ri.append(len(row_lo))
                ci.append(col[v])
            row_lo.append(_inf(low))
            row_hi.append(_inf(high))
        matrix = csc_matrix((data, (ri, ci)), shape=(len(row_lo), n))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, len(row_lo)
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.array([model.lower[v] for v in used])
        lp.col_upper_ = np.array(
            [min(model.upper[v], model.truth[v] + _BOX) for v in used]
        )
        lp.row_lower_, lp.row_upper_ = np.array(row_lo), np.array(row_hi)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data.astype(np.float64)
        self._highs = _Highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.passModel(lp)
        self.goals = (np.array([t.goal_lo for t in targets]),
                      np.array([t.goal_hi for t in targets]))
        self._exprs = csc_matrix(
            ([c for t in targets for c in t.row.values()],
             ([k for k, t in enumerate(targets) for _c in t.row],
              [col[v] for t in targets for v in t.row])),
            shape=(k_count, n),
        ).tocsr()
        self._cost = np.zeros(n)
        self.lps = 0

    def _solve(self, ks: Sequence[int], sign: float) -> np.ndarray:
        """The value of every target at an optimum of ``sign`` × the sum of targets ``ks``."""
        self.lps += 1
        cost = -sign * np.asarray(self._exprs[list(ks)].sum(axis=0)).ravel()
        changed = np.flatnonzero(cost != self._cost).astype(np.int32)
        if len(changed):
            self._highs.changeColsCost(len(changed), changed, cost[changed])
            self._cost = cost
        self._highs.run()
        if self._highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"attack LP failed: {self._highs.getModelStatus()}")
        return np.asarray(self._exprs @ np.asarray(self._highs.getSolution().col_value))

    def reach(self, sign: float, open_: list[int]) -> list[tuple[int, float]]:
        """Targets whose goal in direction ``sign`` (+1 up, -1 down) is not reachable."""
        goal = self.goals[1] if sign > 0 else self.goals[0]
        failed: list[tuple[int, float]] = []
        batch = True
        while open_:
            ks = open_ if batch else open_[:1]
            values = self._solve(ks, sign)
            hit = {k for k in open_ if sign * values[k] >= sign * goal[k] - _EPS}
            if not batch and open_[0] not in hit:
                failed.append((open_[0], float(values[open_[0]])))
                hit.add(open_[0])
            batch = bool(hit) and batch
            open_ = [k for k in open_ if k not in hit]
        return failed
