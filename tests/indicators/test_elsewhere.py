# SPDX-License-Identifier: EUPL-1.2
"""A function run in a forked child gives what it gives here, and runs here when the child
cannot deliver."""

from __future__ import annotations

import os
import time

import pyarrow as pa
import pytest

from ketenmonitor.indicators.elsewhere import Elsewhere, can_fork, cpu_ticks

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


@needs_fork
def test_a_child_that_dies_without_sending_is_not_waited_for() -> None:
    parent = os.getpid()

    def dies_in_child() -> int:
        if os.getpid() != parent:
            os._exit(3)  # no exception, no message: as if killed
        return 5

    assert Elsewhere(dies_in_child, fork=True).result() == 5


@needs_fork
def test_a_hung_child_is_stopped_and_the_work_done_here() -> None:
    parent = os.getpid()

    def hangs_in_child() -> int:
        if os.getpid() != parent:
            time.sleep(60)  # waits without using CPU, like a deadlock
        return 6

    pending = Elsewhere(hangs_in_child, fork=True, stall_seconds=0.3)
    process = pending._process
    assert pending.result() == 6
    assert process is not None and not process.is_alive()


@needs_fork
def test_without_cpu_figures_a_child_past_the_limit_is_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parent = os.getpid()
    monkeypatch.setattr("ketenmonitor.indicators.elsewhere.cpu_ticks", lambda pid: None)

    def busy_in_child() -> int:
        if os.getpid() != parent:
            time.sleep(60)
        return 8

    assert Elsewhere(busy_in_child, fork=True, limit_seconds=0.3).result() == 8


def test_cpu_ticks_of_this_process_or_none() -> None:
    ticks = cpu_ticks(os.getpid())
    if os.path.exists(f"/proc/{os.getpid()}/stat"):
        assert isinstance(ticks, int) and ticks >= 0
    else:
        assert ticks is None
    assert cpu_ticks(-1) is None


def _child_state() -> tuple[int, bool, int]:
    import gc

    return os.getpid(), gc.isenabled(), gc.get_freeze_count()


@needs_fork
def test_the_child_never_collects_what_it_inherited_and_the_parent_is_left_as_it_was() -> None:
    import gc

    pid, collecting, frozen = Elsewhere(_child_state, fork=True).result()
    assert pid != os.getpid()
    assert not collecting and frozen > 0  # the parent's objects were frozen while forking
    assert gc.isenabled() and gc.get_freeze_count() == 0
