# SPDX-License-Identifier: EUPL-1.2
"""A function run in a forked child gives what it gives here, and runs here when the child
cannot deliver."""

from __future__ import annotations

import os
import time

import pyarrow as pa
import pytest

from ketenmonitor.indicators.elsewhere import Elsewhere, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="fork or a second core is missing")


def _table() -> dict[str, pa.Table]:
    return {"a": pa.table({"x": [1, 2, None], "pid": [os.getpid()] * 3})}


@needs_fork
def test_the_child_computes_it_and_sends_it_back() -> None:
    got = Elsewhere(_table, fork=True).result()
    assert got["a"].column("x").to_pylist() == [1, 2, None]
    assert got["a"].column("pid")[0].as_py() != os.getpid()  # it ran in the child


def test_without_fork_it_runs_here_when_asked() -> None:
    calls: list[int] = []

    def counted() -> dict[str, pa.Table]:
        calls.append(1)
        return _table()

    pending = Elsewhere(counted, fork=False)
    assert calls == []
    assert pending.result()["a"].column("pid")[0].as_py() == os.getpid() and calls == [1]


@needs_fork
def test_a_failing_child_runs_it_again_here_and_raises_here() -> None:
    parent = os.getpid()

    def fails_in_child() -> int:
        if os.getpid() != parent:
            raise RuntimeError("child")
        return 7

    assert Elsewhere(fails_in_child, fork=True).result() == 7

    def always_fails() -> int:
        raise ValueError("overal")

    with pytest.raises(ValueError, match="overal"):
        Elsewhere(always_fails, fork=True).result()


@needs_fork
def test_a_result_that_cannot_be_sent_is_computed_here() -> None:
    parent = os.getpid()
    got = Elsewhere(lambda: (lambda: 3) if os.getpid() != parent else 4, fork=True).result()
    assert got == 4  # a lambda does not pickle: the child's result never arrives


@needs_fork
def test_a_cancelled_child_is_stopped() -> None:
    pending = Elsewhere(lambda: time.sleep(60), fork=True)
    process = pending._process
    pending.cancel()
    assert process is not None and not process.is_alive()
