# SPDX-License-Identifier: EUPL-1.2
"""Line numbers in the partner's own file, carried from pseudonymise to ingest (issue 13.5).

A delivery row is not a line of the partner's export: a header, title rows, skipped blank lines
and several files feeding one record type all shift the count, so ingest's "Rij N" did not match
pseudonymise's "Regel N". Pseudonymise therefore stores, in the Parquet schema metadata (so the
manifest contract is untouched and the checksum covers it), runs of
``[first delivery row, file name, first line, count]``; ingest stages them as ``_regel`` and
``_bestand``, uses ``_regel`` in its messages and keeps both in the quarantine table. A delivery
without them (an older one, or one re-keyed) falls back to the delivery row number.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:  # the partner's pseudonymise imports this module and must not load DuckDB
    import duckdb

METADATA_KEY = b"ketenmonitor.bronregels"

Run = tuple[int, str, int, int]  # first delivery row (1-based), file name, first line, count


def runs_of(parts: Sequence[tuple[str, Sequence[int] | None, int]]) -> list[Run]:
    """Runs for the files of one delivery in order: (file name, line per row or None, rows)."""
    runs: list[Run] = []
    row = 1
    for name, lines, count in parts:
        if lines is not None and len(lines) == count and count:
            numbers = np.asarray(lines, dtype=np.int64)
            # a run starts where the line does not follow the one before
            starts = np.flatnonzero(np.diff(numbers) != 1) + 1
            bounds = [0, *starts.tolist(), count]
            firsts = numbers[bounds[:-1]].tolist()
            for (begin, end), line in zip(itertools.pairwise(bounds), firsts, strict=True):
                last = runs[-1] if runs else None
                if last and last[1] == name and last[0] + last[3] == row + begin and \
                        last[2] + last[3] == line:
                    runs[-1] = (last[0], name, last[2], last[3] + end - begin)
                else:
                    runs.append((row + begin, name, int(line), end - begin))
        row += count
    return runs


def with_runs(table: pa.Table, runs: list[Run]) -> pa.Table:
    if not runs:
        return table
    metadata = dict(table.schema.metadata or {})
    metadata[METADATA_KEY] = json.dumps(runs, ensure_ascii=False).encode("utf-8")
    return table.replace_schema_metadata(metadata)


def read_runs(path: Path) -> list[Run]:
    try:
        raw = (pq.read_schema(path).metadata or {}).get(METADATA_KEY)
        data: Any = json.loads(raw) if raw else []
        return [(int(a), str(b), int(c), int(d)) for a, b, c, d in data]
    except (ValueError, TypeError, OSError, pa.ArrowException):
        return []  # unusable line numbers never refuse a delivery: rows are numbered instead


def stage_lines(con: duckdb.DuckDBPyConnection, stage: str, path: Path) -> None:
    """Add ``_regel`` and ``_bestand`` to a staged delivery (NULL when unknown)."""
    con.execute(f"ALTER TABLE {stage} ADD COLUMN _regel BIGINT")
    con.execute(f"ALTER TABLE {stage} ADD COLUMN _bestand VARCHAR")
    runs = read_runs(path)
    if not runs:
        return
    ranges = stage + "_regels"
    con.execute(f"CREATE TEMP TABLE {ranges} (van BIGINT, bestand VARCHAR, regel BIGINT, "
                "aantal BIGINT)")
    con.executemany(f"INSERT INTO {ranges} VALUES (?, ?, ?, ?)", [list(r) for r in runs])
    con.execute(f"UPDATE {stage} s SET _regel = r.regel + (s._rij - r.van), _bestand = r.bestand "
                f"FROM {ranges} r WHERE s._rij BETWEEN r.van AND r.van + r.aantal - 1")
    con.execute(f"DROP TABLE {ranges}")


def ensure_columns(con: duckdb.DuckDBPyConnection) -> None:
    """The quarantine's source columns (outside any loading transaction)."""
    con.execute("ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS source_file VARCHAR")
    con.execute("ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS source_line BIGINT")
