# SPDX-License-Identifier: EUPL-1.2
"""Quarantine messages name the line in the partner's own file (the same number pseudonymise
reports as "Regel N"), and the quarantine keeps that file and line with the record key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.core.source_lines import runs_of
from ketenmonitor.ingest import ingest_paths, quarantine_rows
from ketenmonitor.pseudonymise import PseudonymKey, pseudonymise_tables
from ketenmonitor.warehouse import connect

from .conftest import flat, run_ingest


@dataclass(frozen=True)
class Source:
    record_type: str
    file: Path
    table: Any
    row_numbers: list[int] | None


def test_runs_compress_consecutive_lines_per_file() -> None:
    assert runs_of([("a.csv", [2, 3, 4, 6], 4), ("b.csv", None, 2), ("c.csv", [2, 3], 2)]) == [
        (1, "a.csv", 2, 3), (4, "a.csv", 6, 1), (7, "c.csv", 2, 2)]


def test_quarantine_names_the_partner_file_and_line(tmp_path: Path) -> None:
    berichten = pa.table({
        "bericht_id": ["VT-10", "VT-11", "VT-12"], "soort": ["MELDING"] * 3,
        "datum_ontvangst": ["2024-01-03", "2024-05-20", "2024-02-30"],
        "gemeente": ["GM0629"] * 3, "melder_organisatie": ["ONDERWIJS"] * 3,
        "melder_rol": ["ONDERWIJS"] * 3, "aard": ["KINDERMISHANDELING"] * 3,
    })
    out = tmp_path / "leveringen"
    # a title row and the header (lines 1-2), then a blank line 5 that the reader skipped
    (written,) = pseudonymise_tables(
        [Source("vt_bericht", Path("berichten.csv"), berichten, [3, 4, 6])],
        key=PseudonymKey(secret=bytes(range(32))), partner="vt_haaglanden",
        period=Period.parse("2024-H1"), out_dir=out).deliveries
    warehouse = tmp_path / "wh.duckdb"
    con = connect(warehouse)
    try:
        ingest_paths([out], con=con, workers=1, today=date(2025, 1, 1))
        (row,) = quarantine_rows(con, written.delivery_id)
    finally:
        con.close()
    assert (row.row_number, row.source_file, row.source_line, row.record_key) == (
        3, "berichten.csv", 6, "VT-12")
    assert row.message.startswith("Rij 6: de datum '2024-02-30' in kolom datum_ontvangst")
    listed = run_ingest(warehouse, "--quarantaine", written.delivery_id)
    assert listed.exit_code == 0
    assert "regel 6 van berichten.csv" in flat(listed.output)


def test_lines_are_the_same_with_few_and_with_many_runs(tmp_path: Path) -> None:
    """Staging puts up to MAX_RUNS_INLINE runs in the staging query, more with an UPDATE."""
    from ketenmonitor.ingest.staging import MAX_RUNS_INLINE

    def quarantined_lines(name: str, lines: list[int]) -> list[tuple[int, int | None]]:
        count = len(lines)
        berichten = pa.table({
            "bericht_id": [f"VT-{i}" for i in range(count)], "soort": ["MELDING"] * count,
            "datum_ontvangst": ["2024-01-03"] * (count - 2) + ["2024-02-30"] * 2,
            "gemeente": ["GM0629"] * count, "melder_organisatie": ["ONDERWIJS"] * count,
            "melder_rol": ["ONDERWIJS"] * count, "aard": ["KINDERMISHANDELING"] * count,
        })
        out = tmp_path / name
        (written,) = pseudonymise_tables(
            [Source("vt_bericht", Path("berichten.csv"), berichten, lines)],
            key=PseudonymKey(secret=bytes(range(32))), partner="vt_haaglanden",
            period=Period.parse("2024-H1"), out_dir=out).deliveries
        con = connect(tmp_path / f"{name}.duckdb")
        try:
            ingest_paths([out], con=con, workers=1, today=date(2025, 1, 1))
            return [(r.row_number, r.source_line) for r in quarantine_rows(con, written.delivery_id)]
        finally:
            con.close()

    few = [2, 3, 4, 8, 9, 20]  # three runs
    many = [2 + 2 * i for i in range(MAX_RUNS_INLINE + 6)]  # every other line: one run each
    assert quarantined_lines("weinig", few) == [(5, 9), (6, 20)]
    assert quarantined_lines("veel", many) == [(len(many) - 1, many[-2]), (len(many), many[-1])]
