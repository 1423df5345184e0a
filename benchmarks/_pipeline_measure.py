# SPDX-License-Identifier: EUPL-1.2
"""Per-stage wall time, CPU time and peak memory for ``pipeline.py``.

CPU time is the process's own (all its threads, ``time.process_time``): on a shared machine
the wall time grows with the other users' load, the CPU time much less.

Peak memory is sampled, not read from ``ru_maxrss``: the process high-water mark only grows, so
it cannot say which stage needed the memory, and it misses the Spark JVM (a child process). A
thread samples the resident memory of this process and all its descendants every
``INTERVAL`` seconds and keeps the maximum per stage.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 0.1
PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
        except OSError:
            continue
        # the command name (field 2) may hold spaces and parentheses: split after the last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text(encoding="utf-8").split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_bytes(root: int | None = None) -> int:
    """Resident memory of ``root`` (default: this process) and all its descendants."""
    root = root or os.getpid()
    tree = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_bytes(pid)
        todo.extend(tree.get(pid, []))
    return total


@dataclass
class StageResult:
    seconds: float
    peak_rss_mib: float
    rows: int = 0
    cpu_seconds: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)


class StageClock:
    """``with clock.stage("inlezen") as s: ...`` records seconds and sampled peak memory.

    With ``limit_bytes``, ``on_limit(stage, rss_bytes, seconds_in_stage)`` is called (once) when
    the process tree grows beyond it: the benchmark stops there instead of pushing a shared
    machine into the out-of-memory killer.
    """

    def __init__(self, limit_bytes: int | None = None,
                 on_limit: Callable[[str, int, float], None] | None = None) -> None:
        self.stages: dict[str, StageResult] = {}
        self._peak = 0
        self._limit = limit_bytes
        self._on_limit = on_limit
        self._current = ""
        self._started = time.perf_counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(INTERVAL):
            rss = tree_rss_bytes()
            with self._lock:
                self._peak = max(self._peak, rss)
            if self._limit and rss > self._limit and self._on_limit:
                self._on_limit(self._current, rss, time.perf_counter() - self._started)
                self._on_limit = None

    @contextmanager
    def stage(self, name: str) -> Iterator[StageResult]:
        with self._lock:
            self._peak = tree_rss_bytes()
            self._current = name
            self._started = started = time.perf_counter()
        cpu = time.process_time()
        result = StageResult(0.0, 0.0)
        yield result
        result.seconds = time.perf_counter() - started
        result.cpu_seconds = time.process_time() - cpu
        with self._lock:
            self._peak = max(self._peak, tree_rss_bytes())
            result.peak_rss_mib = self._peak / 2**20
        self.stages[name] = result

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
