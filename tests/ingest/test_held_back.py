# SPDX-License-Identifier: EUPL-1.2
"""Betrokkenen whose event is quarantined or absent are held back and counted, not loaded as
orphans; they are released when their event loads. rows in = loaded + quarantined + held back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.core.errors import ExitCode
from ketenmonitor.ingest import IngestStatus, ingest_paths
from ketenmonitor.ingest.held_back import TABLE

from .conftest import betrokkene_row, flat, run_ingest, vt_row, write


def _counts(warehouse: Path) -> dict[str, tuple[str, int, int, int, int]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT record_type, status, rows_in, rows_loaded, rows_quarantined, rows_held_back "
            "FROM ledger WHERE status <> 'vervangen'").fetchall()
    for _type, _status, rows_in, loaded, quarantined, held in rows:
        assert rows_in == loaded + quarantined + held
    return {str(r[0]): (str(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5])) for r in rows}


def _held(warehouse: Path) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [str(r[0]) for r in con.execute(
            f"SELECT DISTINCT bron_id FROM {TABLE} ORDER BY 1").fetchall()]


def test_persons_without_a_loaded_event_are_held_back_then_released(
        tmp_path: Path, warehouse: Path) -> None:
    first = tmp_path / "eerste"
    write(first, "vt_bericht", [vt_row(0), vt_row(1, datum_ontvangst="2024-02-30"), vt_row(2)])
    # VT-0, VT-1 (event quarantined), VT-2, VT-9 (never delivered): two persons each
    persons = [betrokkene_row(i) for i in range(6)] + [
        betrokkene_row(18, bron_id="VT-9"), betrokkene_row(19, bron_id="VT-9")]
    write(first, "betrokkene", persons)
    result = run_ingest(warehouse, str(first))  # betrokkene comes first: held, then released
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "4 betrokkenen van" in flat(result.output) and "achtergehouden" in result.output
    assert _counts(warehouse) == {"vt_bericht": ("deels_geladen", 3, 2, 1, 0),
                                  "betrokkene": ("geladen", 8, 4, 0, 4)}
    assert _held(warehouse) == ["VT-1", "VT-9"]

    second = tmp_path / "tweede"
    write(second, "vt_bericht", [vt_row(0), vt_row(1), vt_row(2), vt_row(9)])
    assert run_ingest(warehouse, str(second)).exit_code == ExitCode.OK
    assert _counts(warehouse)["betrokkene"] == ("geladen", 8, 8, 0, 0)
    assert _held(warehouse) == []


def test_a_delivery_of_which_nothing_loads_is_never_deels_geladen(
        tmp_path: Path, warehouse: Path) -> None:
    write(tmp_path, "betrokkene", [betrokkene_row(0), betrokkene_row(1, rol="BUURMAN")])
    with duckdb.connect(str(warehouse)) as con:
        from ketenmonitor.warehouse.schema import ensure_schema

        ensure_schema(con)
        (only,) = ingest_paths([tmp_path], con=con, workers=1, today=date(2024, 9, 1)).results
    # one row quarantined, the other held back (no event): nothing loaded
    assert (only.status, only.rows_loaded, only.rows_quarantined, only.rows_held_back) == (
        IngestStatus.NIETS_GELADEN, 0, 1, 1)
    assert _counts(warehouse)["betrokkene"] == ("niets_geladen", 2, 0, 1, 1)


def test_an_event_delivery_that_drops_an_event_holds_its_persons_back(
        tmp_path: Path, warehouse: Path) -> None:
    first = tmp_path / "eerste"
    write(first, "vt_bericht", [vt_row(0), vt_row(1)])
    write(first, "betrokkene", [betrokkene_row(i) for i in range(4)])
    assert run_ingest(warehouse, str(first)).exit_code == ExitCode.OK
    assert _counts(warehouse)["betrokkene"] == ("geladen", 4, 4, 0, 0)

    second = tmp_path / "tweede"  # replaces the first berichten: VT-1 is gone
    write(second, "vt_bericht", [vt_row(0)])
    assert run_ingest(warehouse, str(second)).exit_code == ExitCode.OK
    assert _counts(warehouse)["betrokkene"] == ("geladen", 4, 2, 0, 2)
    assert _held(warehouse) == ["VT-1"]

    third = tmp_path / "derde"  # VT-1 comes back, quarantined this time: still held back
    write(third, "vt_bericht", [vt_row(0), vt_row(1, datum_ontvangst="2024-02-30")])
    assert run_ingest(warehouse, str(third)).exit_code == ExitCode.PARTIAL
    assert _counts(warehouse)["betrokkene"] == ("geladen", 4, 2, 0, 2)

    fourth = tmp_path / "vierde"  # not the first file again (that one is 'al geladen')
    write(fourth, "vt_bericht", [vt_row(0), vt_row(1), vt_row(2)])
    assert run_ingest(warehouse, str(fourth)).exit_code == ExitCode.OK
    assert _counts(warehouse)["betrokkene"] == ("geladen", 4, 4, 0, 0)
    assert _held(warehouse) == []


def test_persons_of_another_partner_or_period_are_left_alone(
        tmp_path: Path, warehouse: Path) -> None:
    """An event delivery changes only its own partner's betrokkenen of its own period; a
    betrokkene delivery finds its events in any period of its partner."""
    write(tmp_path / "berichten", "vt_bericht", [vt_row(0), vt_row(1)])  # vt_haaglanden 2024-H1
    run_ingest(warehouse, str(tmp_path / "berichten"))
    persons = tmp_path / "personen"
    write(persons, "betrokkene", [betrokkene_row(0), betrokkene_row(1)], partner="vt_ander")
    write(persons, "betrokkene", [betrokkene_row(2), betrokkene_row(3)], period="2024-H2")
    run_ingest(warehouse, str(persons))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT partner, period, rows_loaded, rows_held_back FROM ledger "
            "WHERE record_type = 'betrokkene' ORDER BY partner, period").fetchall()
    # vt_ander has no berichten; vt_haaglanden 2024-H2 names VT-1, loaded (in 2024-H1)
    assert rows == [("vt_ander", "2024-H1", 0, 2), ("vt_haaglanden", "2024-H2", 2, 0)]
    assert _held(warehouse) == ["VT-0"]


def test_ingesting_again_changes_nothing(tmp_path: Path, warehouse: Path) -> None:
    write(tmp_path, "vt_bericht", [vt_row(0), vt_row(1, datum_ontvangst="2024-02-30")])
    write(tmp_path, "betrokkene", [betrokkene_row(i) for i in range(4)]
          + [betrokkene_row(5, rol="BUURMAN")])

    def state() -> list[object]:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return [con.execute(f"SELECT * EXCLUDE (loaded_at) FROM {t} ORDER BY ALL").fetchall()
                    if t == "ledger" else
                    con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                    for t in ("ledger", "betrokkene", TABLE, "vt_bericht", "quarantine")]

    run_ingest(warehouse, str(tmp_path))
    before = state()
    assert run_ingest(warehouse, str(tmp_path)).exit_code == ExitCode.OK  # al geladen
    assert state() == before
    assert _counts(warehouse)["betrokkene"] == ("deels_geladen", 5, 2, 1, 2)


def test_a_crash_before_commit_leaves_no_held_back_rows(tmp_path: Path, warehouse: Path) -> None:
    from ketenmonitor.ingest import ingest_delivery
    from ketenmonitor.warehouse import connect

    delivery = write(tmp_path, "betrokkene", [betrokkene_row(0), betrokkene_row(1)])

    def explode() -> None:
        raise RuntimeError("stroom uitgevallen")

    with connect(warehouse) as con:
        with pytest.raises(RuntimeError):
            ingest_delivery(con, delivery.manifest_path, today=date(2024, 9, 1),
                            before_commit=explode)
        for table in (TABLE, "betrokkene", "ledger"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchall() == [(0,)], table
