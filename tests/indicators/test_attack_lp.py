# SPDX-License-Identifier: EUPL-1.2
"""The LPs of the attack's components: exact bounds, and the same outcome in threads as serially."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, vstack

from ketenmonitor.indicators.attack_lp import make_spec, solve_all
from ketenmonitor.indicators.attack_model import INF, Arrays, Row


@dataclass(frozen=True)
class _Goal:
    row: Row
    goal_lo: float
    goal_hi: float


def _two_sums() -> tuple[Arrays, np.ndarray, np.ndarray, np.ndarray]:
    """x0 + x1 = x2 (x2 shown as 10 ± 2) and x3 + x4 = x5 (x5 shown as 40 ± 2), truth 3 + 7 = 10
    and 20 + 20 = 40; x1 is shown as 5 ± 2."""
    rows = [[(0, 1.0), (1, 1.0), (2, -1.0)], [(3, 1.0), (4, 1.0), (5, -1.0)]]
    data = [c for row in rows for _v, c in row]
    cols = [v for row in rows for v, _c in row]
    matrix = csr_matrix((data, cols, [0, 3, 6]), shape=(2, 6))
    arrays = Arrays(matrix, np.zeros(2), np.zeros(2))
    lower = np.array([0.0, 5.0, 8.0, 0.0, 0.0, 38.0])
    upper = np.array([INF, 9.0, 12.0, INF, INF, 42.0])
    truth = np.array([3.0, 7.0, 10.0, 20.0, 20.0, 40.0])
    return arrays, lower, upper, truth


def test_bounds_are_the_lp_optimum_and_threads_change_nothing() -> None:
    arrays, lower, upper, truth = _two_sums()
    small = [_Goal({0: 1.0}, 0.0, 8.0)]  # x0 = x2 - x1 lies in [8 - 9, 12 - 5] = [0, 7]
    large = [_Goal({3: 1.0}, 18.0, 22.0), _Goal({4: 1.0}, 18.0, 22.0)]  # free: 0 … 42
    specs = [
        make_spec(arrays, np.array([0]), lower, upper, truth, small),
        make_spec(arrays, np.array([1]), lower, upper, truth, large),
    ] * 3
    serial = solve_all(specs, workers=1)
    assert serial[0][0] == {0: [-INF, 7.0]}  # the upper side falls short of 8: exact optimum
    assert serial[1][0] == {}
    assert solve_all(specs, workers=2) == serial


def test_a_row_the_bounds_already_satisfy_is_left_out() -> None:
    """x1 + x2 ≤ 30 cannot bind with x1 ≤ 9 and x2 ≤ 12; x0 + x1 = x2 can and stays."""
    arrays, lower, upper, truth = _two_sums()
    loose = csr_matrix(([1.0, 1.0], [1, 2], [0, 2]), shape=(1, 6))
    both = Arrays(vstack([arrays.matrix, loose], format="csr"), np.array([0.0, 0.0, -INF]),
                  np.array([0.0, 0.0, 30.0]))
    goal = [_Goal({0: 1.0}, 0.0, 8.0)]
    spec = make_spec(both, np.array([0, 2]), lower, upper, truth, goal)
    assert spec.matrix.shape[0] == 1 and spec.n == 3
    tight = Arrays(both.matrix, both.lo, np.array([0.0, 0.0, 15.0]))  # now it binds: kept
    assert make_spec(tight, np.array([0, 2]), lower, upper, truth, goal).matrix.shape[0] == 2
    assert solve_all([spec])[0][0] == {0: [-INF, 7.0]}
