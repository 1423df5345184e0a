# SPDX-License-Identifier: EUPL-1.2
"""The linear programme of one connected component of the attack, solved with HiGHS.

One model per component (the counts and the rows the publication states) is passed to HiGHS
once; every further solve only changes the objective, so HiGHS restarts from the previous
optimal basis: a few simplex iterations instead of a fresh solve.

A target is reached in one direction when some feasible point puts it at its goal. One solve
that pushes all open targets at once (the sum of their expressions) certifies every target its
optimum reaches, in either direction; this repeats while it certifies new ones, the batch is
halved when a solve certifies nothing, and a solve of a single target decides it exactly. The
counts are boxed to the truth ± 10,000 so that the summed objective stays bounded; a goal is at
most a few counts away, so the box does not decide anything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

import highspy
import numpy as np
from highspy._core import _Highs  # the public ``Highs`` prints a banner on stdout when created
from scipy.sparse import csc_matrix, csr_matrix

from ketenmonitor.indicators.attack_model import INF, Arrays, Row

_EPS = 1e-6
_INF = highspy.kHighsInf
_BOX = 10_000.0  # keeps a summed objective bounded; far beyond any goal
# Below this many variables in all components together one thread does it (tests, small tables).
PARALLEL_FROM = 5_000


class Target(Protocol):
    @property
    def row(self) -> Row: ...
    @property
    def goal_lo(self) -> float: ...
    @property
    def goal_hi(self) -> float: ...


@dataclass(frozen=True)
class Spec:
    """One component's LP as plain arrays."""

    matrix: csc_matrix  # the stated rows over the component's variables
    row_lo: np.ndarray
    row_hi: np.ndarray
    col_lo: np.ndarray
    col_hi: np.ndarray
    exprs: csr_matrix  # one row per target over the component's variables
    goal_lo: np.ndarray
    goal_hi: np.ndarray

    @property
    def n(self) -> int:
        return int(self.matrix.shape[1])


def make_spec(
    arrays: Arrays, row_ids: np.ndarray, lower: np.ndarray, upper: np.ndarray,
    truth: np.ndarray, targets: Sequence[Target],
) -> Spec:
    """The LP of one component: its rows, the variables they and the targets hold.

    A row that the variable bounds alone already satisfy (its activity range lies within its
    own) is left out: it cuts nothing off, and after bound propagation about a third of the
    rows are such (measured on the demo: 13 % less LP time)."""
    rows = arrays.matrix[row_ids]
    t_vars = np.fromiter((v for t in targets for v in t.row), np.int64)
    used = np.union1d(rows.indices, t_vars)
    col = np.full(arrays.matrix.shape[1], -1, dtype=np.int64)
    col[used] = np.arange(len(used))
    col_lo, col_hi = lower[used], np.minimum(upper[used], truth[used] + _BOX)
    matrix = csr_matrix((rows.data, col[rows.indices], rows.indptr),
                        shape=(len(row_ids), len(used)))
    row_lo, row_hi = arrays.lo[row_ids], arrays.hi[row_ids]
    keep = ~_redundant(matrix, row_lo, row_hi, col_lo, col_hi)
    exprs = csr_matrix(
        (np.fromiter((c for t in targets for c in t.row.values()), np.float64),
         (np.fromiter((k for k, t in enumerate(targets) for _c in t.row), np.int64),
          col[t_vars])),
        shape=(len(targets), len(used)),
    )
    return Spec(
        matrix[keep].tocsc(), _highs_inf(row_lo[keep]), _highs_inf(row_hi[keep]), col_lo, col_hi,
        exprs, np.array([t.goal_lo for t in targets]), np.array([t.goal_hi for t in targets]),
    )


def _redundant(
    matrix: csr_matrix, row_lo: np.ndarray, row_hi: np.ndarray, col_lo: np.ndarray,
    col_hi: np.ndarray,
) -> np.ndarray:
    """Rows whose activity over the column bounds stays within the row's bounds (a row with an
    unbounded column is kept)."""
    positive, negative = matrix.maximum(0), matrix.minimum(0)
    with np.errstate(invalid="ignore"):
        lowest = positive @ col_lo + negative @ col_hi
        highest = positive @ col_hi + negative @ col_lo
    redundant: np.ndarray = (lowest >= row_lo) & (highest <= row_hi)  # exact: never a near miss
    return redundant


def _highs_inf(values: np.ndarray) -> np.ndarray:
    return np.where(values == INF, _INF, np.where(values == -INF, -_INF, values))


def default_workers(specs: Sequence[Spec]) -> int:
    """The usable cores when the components are large enough to gain from threads, else 1."""
    big = sum(s.n for s in specs) >= PARALLEL_FROM
    return len(os.sched_getaffinity(0)) if big else 1


Solved = tuple[dict[int, list[float]], int]


def submit_all(specs: Sequence[Spec], pool: Executor | None) -> list[Future[Solved]]:
    """``solve_all`` without waiting: every component submitted to ``pool`` (largest first),
    or solved at once in this thread without one. The caller can work on while they run."""
    futures = {i: submit(specs[i], pool) for i in sorted(range(len(specs)),
                                                      key=lambda i: -specs[i].n)}
    return [futures[i] for i in range(len(specs))]


def submit(spec: Spec, pool: Executor | None) -> Future[Solved]:
    """One component's LPs submitted to ``pool``, or solved at once without one."""
    if pool is not None:
        return pool.submit(_solve_spec, spec)
    done: Future[Solved] = Future()
    done.set_result(_solve_spec(spec))
    return done


def solve_all(specs: Sequence[Spec], workers: int | None = None) -> list[Solved]:
    """``Component(spec).unreached()`` and its LP count for every spec, in order.

    Components are independent: with ``workers`` > 1 (default: ``default_workers``) they are
    solved in that many threads, largest first; HiGHS releases the GIL while it solves, and
    every component has its own ``Highs`` instance. Each result depends on its own component
    only, so the outcome is the same whatever the number of workers or the order in which
    they finish."""
    workers = default_workers(specs) if workers is None else workers
    if workers <= 1 or len(specs) < 2:
        return [f.result() for f in submit_all(specs, None)]
    with ThreadPoolExecutor(workers) as pool:
        return [f.result() for f in submit_all(specs, pool)]


def _solve_spec(spec: Spec) -> Solved:
    component = Component(spec)
    return component.unreached(), component.lps


class Component:
    """The LP of one component: the counts and the stated rows."""

    def __init__(self, spec: Spec):
        matrix = spec.matrix
        self.n, self.k = spec.n, spec.exprs.shape[0]
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.n, matrix.shape[0]
        lp.col_cost_ = np.zeros(self.n)
        lp.col_lower_ = np.asarray(spec.col_lo, dtype=np.float64)
        lp.col_upper_ = np.asarray(spec.col_hi, dtype=np.float64)
        lp.row_lower_ = np.asarray(spec.row_lo, dtype=np.float64)
        lp.row_upper_ = np.asarray(spec.row_hi, dtype=np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data.astype(np.float64)
        self._highs = _Highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.setOptionValue("threads", 1)  # serial simplex; parallelism is per component
        # The first solve starts from nothing: dual simplex (5 % less LP time on the demo).
        # After it only the objective changes, so the last basis stays primal feasible: primal
        # simplex restarts from it (measured on the demo: 17 % less CPU than dual).
        self._highs.setOptionValue("simplex_strategy", 1)
        self._highs.passModel(lp)
        self.goals = (spec.goal_lo, spec.goal_hi)
        self._exprs = spec.exprs
        self._cost = np.zeros(self.n)
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
        if self.lps == 1:
            self._highs.setOptionValue("simplex_strategy", 4)
        if self._highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"attack LP failed: {self._highs.getModelStatus()}")
        return np.asarray(self._exprs @ np.asarray(self._highs.getSolution().col_value))

    def unreached(self) -> dict[int, list[float]]:
        """Targets whose goal is not reachable in some direction: ``{k: [lowest, highest]}``
        with ``-INF`` / ``INF`` on a side where the goal is reached.

        Every solution certifies targets in both directions (a sum with a known total that
        pushes one hidden count up pushes another down), so the directions alternate and
        share what each solve shows."""
        low, high = self.goals
        open_ = {1.0: np.ones(self.k, dtype=bool), -1.0: np.ones(self.k, dtype=bool)}
        size = {1.0: self.k, -1.0: self.k}  # halved whenever a solve certifies nothing
        found: dict[int, list[float]] = {}

        def certify(values: np.ndarray) -> None:
            open_[1.0] &= values < high - _EPS
            open_[-1.0] &= values > low + _EPS

        while open_[1.0].any() or open_[-1.0].any():
            for sign in (1.0, -1.0):
                ks = np.flatnonzero(open_[sign])[: size[sign]]
                if not len(ks):
                    continue
                before = int(open_[sign].sum())
                values = self._solve(ks.tolist(), sign)
                certify(values)
                if len(ks) == 1 and open_[sign][ks[0]]:  # its own optimum falls short: decided
                    k = int(ks[0])
                    found.setdefault(k, [-INF, INF])[0 if sign < 0 else 1] = float(values[k])
                    open_[sign][k] = False
                elif int(open_[sign].sum()) == before:
                    size[sign] = max(1, len(ks) // 2)
        return found
