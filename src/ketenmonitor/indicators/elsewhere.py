# SPDX-License-Identifier: EUPL-1.2
"""Run one pure, CPU-bound Python function in a forked child while this process works on.

The protection loop starts with two independent pieces of Python work: the first suppression
of all tables and the attacker's model of the truth. Threads do not run Python in parallel
(the GIL), so on a machine with a free core the first goes to a forked child process (which
shares the inputs without copying them) and only its result, a few tables, comes back through
a pipe. The result is that of calling the function here: when fork is not available, the
child fails, dies, hangs or its result cannot be sent, the function simply runs in this
process when the result is asked for.

A fork copies one thread only; a lock another thread held at that moment stays held in the
child. The child's function touches no such lock that we know of, but a hung child must
never hang the publication: ``result`` waits in short polls, and a child that has died or has
used no CPU for ``STALL_SECONDS`` (a deadlock, not slow work) is stopped and the work done
here. Without ``/proc`` to read the child's CPU time, a child still busy after
``LIMIT_SECONDS`` is treated the same way.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)
T = TypeVar("T")
POLL_SECONDS = 0.05
STALL_SECONDS = 30.0  # no CPU used by the child for this long: it waits on something, stop it
LIMIT_SECONDS = 1800.0  # only without /proc: the child's CPU time cannot be watched


def can_fork() -> bool:
    """Fork exists here and a second core is there to use."""
    return "fork" in multiprocessing.get_all_start_methods() and len(os.sched_getaffinity(0)) > 1


def cpu_ticks(pid: int) -> int | None:
    """User + system CPU ticks of process ``pid`` (Linux ``/proc``), None when unreadable."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    try:
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    except (IndexError, ValueError):
        return None


class Elsewhere(Generic[T]):
    """``fn()`` started in a forked child (when ``fork``); ``result()`` waits for it."""

    def __init__(self, fn: Callable[[], T], *, fork: bool, stall_seconds: float = STALL_SECONDS,
                 limit_seconds: float = LIMIT_SECONDS):
        self._fn = fn
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._stall = stall_seconds
        self._limit = limit_seconds
        if fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(fn, send), daemon=True)
            with warnings.catch_warnings():
                # Python 3.12+ warns when forking a process with threads (DuckDB's, the LP
                # pool's): known here, and a child that hangs on that is caught in ``result``.
                warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks",
                                        category=DeprecationWarning)
                # The parent's objects go to the collector's permanent generation while forking:
                # the child never examines or finalises them (a CI run saw a child segfault while
                # collecting objects of other threads' libraries), and their pages stay shared.
                gc.freeze()
                try:
                    self._process.start()
                finally:
                    gc.unfreeze()
            self._started = time.monotonic()
            send.close()
            self._conn = receive

    def cancel(self) -> None:
        """Stop the child (its result is no longer wanted); without one, nothing to do."""
        if self._conn is None or self._process is None:
            return
        self._stop()

    def _stop(self, *, wait: float = 0.0) -> None:
        """Close the pipe and end the child: ``wait`` seconds to exit by itself, then stopped."""
        assert self._conn is not None and self._process is not None
        if wait:
            self._process.join(timeout=wait)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._conn.close()
        self._conn = None

    def _ready(self) -> str:
        """'data' once the result can be read, 'dead' when the child ended without it, 'stalled'
        when it uses no CPU for ``stall_seconds`` (or runs past ``limit_seconds`` without /proc)."""
        assert self._conn is not None and self._process is not None
        ticks, since = cpu_ticks(self._process.pid or 0), time.monotonic()
        while True:
            if self._conn.poll(POLL_SECONDS):
                return "data"
            if not self._process.is_alive():
                return "data" if self._conn.poll(0) else "dead"
            now = time.monotonic()
            current = cpu_ticks(self._process.pid or 0)
            if current is None:
                if now - self._started > self._limit:
                    return "stalled"
            elif current != ticks:
                ticks, since = current, now
            elif now - since > self._stall:
                return "stalled"

    def result(self) -> T:
        if self._conn is None or self._process is None:
            return self._fn()
        state = self._ready()
        ok: bool = False
        value: Any = None
        if state == "data":
            try:
                ok, value = self._conn.recv()
            except (EOFError, OSError):
                ok = False
        self._stop(wait=0.0 if state == "stalled" else 5.0)
        if ok:
            return value  # type: ignore[no-any-return]
        log.warning("elders_mislukt", toestand=state, exitcode=self._process.exitcode)
        return self._fn()  # the child failed: the same work here (raises what it raises)


def _child(fn: Callable[[], object], send: Connection) -> None:
    gc.disable()  # short-lived: no cyclic collection of objects inherited from the parent
    try:
        value = fn()
    except Exception:  # the parent runs it again and raises it there
        send.send((False, None))
    else:
        send.send((True, value))
    finally:
        send.close()
