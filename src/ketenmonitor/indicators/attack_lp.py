# SPDX-License-Identifier: EUPL-1.2
"""The linear programme of one connected component of the attack, solved with HiGHS.

One model per component is passed to HiGHS once; every further solve only changes the
objective, so HiGHS restarts from the previous optimal basis (a few simplex iterations instead of
a fresh solve — this is what keeps the attack inside the publishing time budget of issue 12).

Every target gets two capped copies: ``y_k ≤ e_k·x`` with ``y_k ≤ goal_hi`` and ``z_k ≥ e_k·x``
with ``z_k ≥ goal_lo``. Maximising the sum of the ``y`` (minimising the ``z``) of the open
targets stays bounded, and a solution reaches the goal of target k exactly when ``y_k`` (``z_k``)
sits at its cap, so one solve can certify many targets at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import highspy
import numpy as np
from highspy._core import _Highs  # the public ``Highs`` prints a banner on stdout when created
from scipy.sparse import csc_matrix

from ketenmonitor.indicators.attack_model import INF, Model, Row

_EPS = 1e-6
_INF = highspy.kHighsInf


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
    """The LP of one component: variables, stated rows and the capped target copies."""

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

        def add(row: Mapping[int, float], low: float, high: float) -> None:
            for j, c in row.items():
                data.append(c)
                ri.append(len(row_lo))
                ci.append(j)
            row_lo.append(_inf(low))
            row_hi.append(_inf(high))

        for r in row_ids:
            row, low, high = model.rows[r]
            add({col[v]: c for v, c in row.items()}, low, high)
        for k, target in enumerate(targets):
            mapped = {col[v]: c for v, c in target.row.items()}
            add({**{j: -c for j, c in mapped.items()}, n + k: 1.0}, -INF, 0.0)  # y_k ≤ e_k·x
            add({**mapped, n + k_count + k: -1.0}, -INF, 0.0)  # e_k·x ≤ z_k
        width = n + 2 * k_count
        matrix = csc_matrix((data, (ri, ci)), shape=(len(row_lo), width))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = width, len(row_lo)
        lp.col_cost_ = np.zeros(width)
        lp.col_lower_ = np.array(
            [model.lower[v] for v in used] + [-_INF] * k_count + [t.goal_lo for t in targets]
        )
        lp.col_upper_ = np.array(
            [_inf(model.upper[v]) for v in used] + [t.goal_hi for t in targets] + [_INF] * k_count
        )
        lp.row_lower_, lp.row_upper_ = np.array(row_lo), np.array(row_hi)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data.astype(np.float64)
        self._highs = _Highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.setOptionValue("presolve", "off")  # keep the basis between solves
        self._highs.passModel(lp)
        self.goals = (np.array([t.goal_lo for t in targets]),
                      np.array([t.goal_hi for t in targets]))
        self._exprs = csc_matrix(
            ([c for t in targets for c in t.row.values()],
             ([k for k, t in enumerate(targets) for _c in t.row],
              [col[v] for t in targets for v in t.row])),
            shape=(k_count, width),
        ).tocsr()
        self._cost = np.zeros(width)
        self.lps = 0

    def _solve(self, ks: Sequence[int], sign: float) -> np.ndarray:
        """The value of every target at an optimum for the capped targets ``ks``."""
        self.lps += 1
        cost = np.zeros(self.n + 2 * self.k)
        offset = self.n if sign > 0 else self.n + self.k
        cost[[offset + k for k in ks]] = -sign
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
