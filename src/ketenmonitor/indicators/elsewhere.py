# SPDX-License-Identifier: EUPL-1.2
"""Run one pure, CPU-bound Python function in a forked child while this process works on.

The protection loop starts with two independent pieces of Python work: the first suppression
of all tables and the attacker's model of the truth. Threads do not run Python in parallel
(the GIL), so on a machine with a free core the first goes to a forked child process (which
shares the inputs without copying them) and only its result, a few tables, comes back through
a pipe. The result is that of calling the function here: when fork is not available, the
child fails or its result cannot be sent, the function simply runs in this process when the
result is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)
T = TypeVar("T")


def can_fork() -> bool:
    """Fork exists here and a second core is there to use."""
    return "fork" in multiprocessing.get_all_start_methods() and len(os.sched_getaffinity(0)) > 1


class Elsewhere(Generic[T]):
    """``fn()`` started in a forked child (when ``fork``); ``result()`` waits for it."""

    def __init__(self, fn: Callable[[], T], *, fork: bool):
        self._fn = fn
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(fn, send), daemon=True)
            self._process.start()
            send.close()
            self._conn = receive

    def cancel(self) -> None:
        """Stop the child (its result is no longer wanted); without one, nothing to do."""
        if self._conn is None or self._process is None:
            return
        self._process.terminate()
        self._process.join()
        self._conn.close()
        self._conn = None

    def result(self) -> T:
        if self._conn is None or self._process is None:
            return self._fn()
        try:
            ok, value = self._conn.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            self._conn.close()
            self._process.join()
        if ok:
            return value  # type: ignore[no-any-return]
        log.warning("elders_mislukt", exitcode=self._process.exitcode)
        return self._fn()  # the child failed: the same work here (raises what it raises)


def _child(fn: Callable[[], object], send: Connection) -> None:
    try:
        value = fn()
    except Exception:  # the parent runs it again and raises it there
        send.send((False, None))
    else:
        send.send((True, value))
    finally:
        send.close()
