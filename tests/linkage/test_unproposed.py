# SPDX-License-Identifier: EUPL-1.2
"""The estimate of the unproposed true pairs carries its sampling error."""

from __future__ import annotations

import pytest

from ketenmonitor.linkage.unproposed import Unproposed


def test_the_interval_is_normal_around_the_estimate() -> None:
    low, high = Unproposed(200.0, 2_000_000, 1e-5, standard_error=30.0).interval()
    assert low == pytest.approx(200.0 - 1.96 * 30.0)
    assert high == pytest.approx(200.0 + 1.96 * 30.0)


def test_the_interval_does_not_go_below_zero_matches() -> None:
    low, high = Unproposed(50.0, 2_000_000, 1e-5, standard_error=100.0).interval()
    assert low == 0.0
    assert high == pytest.approx(246.0)
