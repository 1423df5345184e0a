# SPDX-License-Identifier: EUPL-1.2
"""Parallel ingest: two workers load exactly what one does, in the same order, and stop cleanly."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.ingest import IngestStatus, ingest_paths
from ketenmonitor.ingest import service as ingest_service
from ketenmonitor.ingest.pipeline import bulk_checkpoints, events_first
from ketenmonitor.warehouse import connect

from .conftest import betrokkene_row, lt_row, vt_row, write

TODAY = date(2025, 1, 15)


def _deliveries(tmp_path: Path) -> list[Path]:
    """Two folders: a partial, a clean and a refused delivery, then one that replaces the first."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write(first, "vt_bericht", [vt_row(1), vt_row(2, soort="X")])
    write(first, "lt_traject", [lt_row(1), lt_row(2)], partner="lt_delft")
    (first / "los.parquet").write_bytes(b"geen parquet")  # no manifest: refused
    write(second, "vt_bericht", [vt_row(3), vt_row(4)])  # same partner, type and period
    return [first, second]


def _state(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "ledger": con.execute("SELECT * EXCLUDE (loaded_at) FROM ledger ORDER BY ALL").fetchall(),
        "vt_bericht": con.execute("SELECT * FROM vt_bericht ORDER BY ALL").fetchall(),
        "lt_traject": con.execute("SELECT * FROM lt_traject ORDER BY ALL").fetchall(),
        "quarantine": con.execute("SELECT * FROM quarantine ORDER BY ALL").fetchall(),
    }


def test_two_workers_load_exactly_what_one_worker_loads(tmp_path: Path) -> None:
    folders = _deliveries(tmp_path)
    outcomes = {}
    for workers in (1, 2):
        con = connect(tmp_path / f"warehouse-{workers}.duckdb")
        report = ingest_paths(folders, con=con, today=TODAY, workers=workers)
        outcomes[workers] = ([(r.source.name, r.delivery_id, r.status, r.rows_loaded, r.replaced)
                              for r in report.results], _state(con))
        con.close()
    assert outcomes[1] == outcomes[2]
    results, state = outcomes[2]
    assert sorted(str(r[2]) for r in results) == sorted(
        ["geweigerd", "geladen", "deels_geladen", "geladen"])
    *_, (_name, last_id, status, _rows, replaced) = results
    assert status is IngestStatus.GELADEN and len(replaced) == 1  # the later one replaced it
    assert {row[0] for row in state["vt_bericht"]} == {last_id}


def test_after_an_unexpected_error_no_later_delivery_is_committed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folders = _deliveries(tmp_path)
    real = ingest_service.commit_delivery
    calls: list[str] = []

    def fail_second(staging: Any, checked: Any, *args: Any) -> int:
        calls.append(checked.manifest.record_type)
        if len(calls) == 2:
            raise RuntimeError("schijf vol")
        return real(staging, checked, *args)

    monkeypatch.setattr(ingest_service, "commit_delivery", fail_second)
    con = connect(tmp_path / "warehouse.duckdb")
    with pytest.raises(RuntimeError, match="schijf vol"):
        ingest_paths(folders, con=con, today=TODAY, workers=2)
    assert len(calls) == 2  # the fourth delivery was prepared but never committed
    assert [r[0] for r in con.execute("SELECT record_type FROM ledger").fetchall()] == [calls[0]]
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchall() == [(0,)]
    con.close()


def test_bulk_checkpoints_restore_the_threshold_and_checkpoint(tmp_path: Path) -> None:
    con = connect(tmp_path / "warehouse.duckdb")
    before = con.execute("SELECT current_setting('checkpoint_threshold')").fetchall()
    with bulk_checkpoints(con):
        assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchall() != before
        con.execute("CREATE TABLE t AS SELECT range AS i FROM range(1000)")
    assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchall() == before
    with pytest.raises(ZeroDivisionError), bulk_checkpoints(con):
        raise ZeroDivisionError
    assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchall() == before
    con.close()


def test_betrokkenen_are_committed_after_the_events_of_their_partner_and_period(
        tmp_path: Path) -> None:
    persons = write(tmp_path / "a", "betrokkene", [betrokkene_row(0)])
    other = write(tmp_path / "b", "betrokkene", [betrokkene_row(1)], period="2024-H2")
    events = write(tmp_path / "c", "vt_bericht", [vt_row(0)])
    later = write(tmp_path / "d", "vt_bericht", [vt_row(1)], partner="vt_ander")
    found = [d.manifest_path for d in (persons, other, events, later)]
    assert events_first(found) == [other.manifest_path, events.manifest_path,
                                    persons.manifest_path, later.manifest_path]
