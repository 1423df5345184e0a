# SPDX-License-Identifier: EUPL-1.2
"""Shared by the benchmarks: the reference tools our stages are compared with in the same run,
the machine the figures were measured on, and Dutch number formatting for the result tables.

A figure without its reference and its machine says little; keeping both next to every result
file makes the numbers comparable between runs and machines.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from ketenmonitor import __version__
from ketenmonitor.core.formatting import format_number

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measure:
    """Wall time of one piece of work and the number of rows (or values) it handled."""

    seconds: float
    rows: int

    @property
    def rows_per_second(self) -> float | None:
        return self.rows / self.seconds if self.seconds > 0 and self.rows else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rows_per_second": self.rows_per_second}


# --- reference tools -------------------------------------------------------------------------

def duckdb_ctas(files_by_type: dict[str, list[Path]], database: Path) -> Measure:
    """Plain DuckDB: one ``CREATE TABLE ... AS SELECT * FROM read_parquet([...])`` per record type
    into a new database file; no validation, quarantine or ledger."""
    rows = 0
    start = time.perf_counter()
    con = duckdb.connect(str(database))
    try:
        for record_type, files in sorted(files_by_type.items()):
            listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            con.execute(f'CREATE TABLE "{record_type}" AS SELECT * FROM read_parquet([{listing}])')
            counted = con.execute(f'SELECT count(*) FROM "{record_type}"').fetchall()
            rows += int(counted[0][0])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return Measure(time.perf_counter() - start, rows)


def hmac_loop(values_by_key: Sequence[tuple[bytes, Sequence[bytes]]]) -> Measure:
    """The standard library, one value at a time: ``hmac.new(key, value, sha256).digest()``."""
    count = 0
    start = time.perf_counter()
    for key, values in values_by_key:
        for value in values:
            hmac.new(key, value, hashlib.sha256).digest()
        count += len(values)
    return Measure(time.perf_counter() - start, count)


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return handle.readline().rstrip("\r\n").split(";")


def pyarrow_csv(files: Sequence[Path]) -> Measure:
    """``pyarrow.csv.read_csv`` with ``;``, every column as string, no checks and no mapping."""
    rows = 0
    start = time.perf_counter()
    for path in files:
        names = [n.strip('"') for n in _header(path)]
        table = pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(delimiter=";"),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
        )
        rows += table.num_rows
    return Measure(time.perf_counter() - start, rows)


def startup_seconds() -> float:
    """Interpreter start plus loading the whole CLI (``ketenmonitor --help``): what
    ``ketenmonitor demo`` pays before its first stage."""
    code = "import sys; from ketenmonitor.cli.app import main; sys.argv = ['ketenmonitor', '--help']; main()"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


# --- machine ---------------------------------------------------------------------------------

def _meminfo_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None
    return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                              check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def machine_info() -> dict[str, Any]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    status = _git("status", "--porcelain")
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gib": _meminfo_gib(),
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pyarrow": pa.__version__,
        "ketenmonitor": __version__,
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
    }


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --- Dutch formatting ------------------------------------------------------------------------

def nl(value: float | None, decimals: int = 1) -> str:
    """``12345.6`` → ``12.345,6``; ``None`` → ``–``."""
    return format_number(value, decimals)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                   right: Sequence[bool]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if r else "---" for r in right) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
