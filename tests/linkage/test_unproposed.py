# SPDX-License-Identifier: EUPL-1.2
"""The estimate of the unproposed true pairs: stratified, with its sampling error."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ketenmonitor.linkage.unproposed import Stratum, Unproposed, stratified


def test_the_interval_is_normal_around_the_estimate() -> None:
    low, high = Unproposed(200.0, 2_000_000, 1e-5, standard_error=30.0).interval()
    assert low == pytest.approx(200.0 - 1.96 * 30.0)
    assert high == pytest.approx(200.0 + 1.96 * 30.0)


def test_the_interval_does_not_go_below_zero_matches() -> None:
    low, high = Unproposed(50.0, 2_000_000, 1e-5, standard_error=100.0).interval()
    assert low == 0.0
    assert high == pytest.approx(246.0)


def _population(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Match probabilities of unproposed pairs: two million pairs that agree on no key (nearly all
    near zero) and 20,000 that agree on one, of which 300 are near-certain true pairs."""
    sparse = rng.beta(0.05, 2000.0, size=2_000_000)
    dense = np.concatenate([rng.beta(0.2, 50.0, size=19_700), rng.uniform(0.9, 1.0, size=300)])
    return sparse, dense


def _sample(rng: np.random.Generator, p: np.ndarray, fraction: float) -> Stratum:
    kept = p[rng.random(p.size) < fraction]
    return Stratum(fraction, float(kept.sum()), float((kept**2).sum()))


def test_the_stratified_estimate_holds_where_a_uniform_sample_is_carried_by_one_pair() -> None:
    sparse, dense = _population(np.random.default_rng(7))
    truth = float(sparse.sum() + dense.sum())
    uniform, strata, covered = [], [], 0
    for seed in range(10):
        rng = np.random.default_rng(seed)
        # the same budget, about 2,000 sampled pairs: uniformly, or half of it in the dense stratum
        everything = np.concatenate([sparse, dense])
        uniform.append(stratified([_sample(rng, everything, 2_000 / everything.size)])[0])
        estimate, error = stratified([_sample(rng, sparse, 1_000 / sparse.size),
                                      _sample(rng, dense, 1_000 / dense.size)])
        strata.append(estimate)
        covered += abs(estimate - truth) <= 1.96 * error
    assert covered >= 8  # a 95 % interval: at most a rare miss in ten seeds
    assert abs(float(np.mean(strata)) - truth) < 0.15 * truth
    # uniformly, each sampled near-certain pair stands for a thousand: 0, 1 or 2 of them swing
    # the estimate by thousands around a truth of some 400
    assert float(np.std(uniform)) > 3 * float(np.std(strata))


def test_a_stratum_sampled_fully_adds_no_error() -> None:
    estimate, error = stratified([Stratum(1.0, 12.5, 40.0), Stratum(0.5, 2.0, 1.0)])
    assert estimate == pytest.approx(12.5 + 4.0)
    assert error == pytest.approx(math.sqrt(0.5 * 1.0 / 0.25))
