# SPDX-License-Identifier: EUPL-1.2
"""Loading: typed columns, idempotence, replacement of a delivery, and no half batch on a crash."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.ingest import IngestStatus, ingest_delivery, ingest_paths, quarantine_rows
from ketenmonitor.ingest.loader import check_balance

from .conftest import (
    assert_balanced,
    betrokkene_row,
    events_for,
    flat,
    ledger,
    lt_row,
    run_ingest,
    token,
    vt_row,
    write,
)

TODAY = date(2025, 1, 15)


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_good_rows_are_loaded_with_warehouse_types(deliveries: Path,
                                                   con: duckdb.DuckDBPyConnection) -> None:
    delivery = write(deliveries, "vt_bericht", [
        vt_row(1, aard="KINDERMISHANDELING | PARTNERGEWELD", acute_onveiligheid="true"),
        vt_row(2, aard="PARTNERGEWELD", datum_afsluiting=None),
    ])
    result = ingest_delivery(con, delivery.manifest_path, today=TODAY)
    assert (result.status, result.rows_in, result.rows_loaded, result.rows_quarantined) == (
        IngestStatus.GELADEN, 2, 2, 0)
    row = con.execute(
        "SELECT delivery_id, partner, datum_ontvangst, aard, acute_onveiligheid, datum_afsluiting "
        "FROM vt_bericht ORDER BY bericht_id").fetchall()
    assert row == [
        (delivery.delivery_id, "vt_haaglanden", date(2024, 3, 2),
         ["KINDERMISHANDELING", "PARTNERGEWELD"], True, date(2024, 5, 1)),
        (delivery.delivery_id, "vt_haaglanden", date(2024, 3, 3), ["PARTNERGEWELD"], False, None),
    ]
    lt = write(deliveries, "lt_traject", [lt_row(1, uren_inzet="3.456")], partner="lt_delft")
    ingest_delivery(con, lt.manifest_path, today=TODAY)
    assert con.execute("SELECT sos_intake, sos_afsluiting, uren_inzet FROM lt_traject"
                       ).fetchall() == [(3, 7, Decimal("3.46"))]
    events_for(con, [betrokkene_row(0)])
    b = write(deliveries, "betrokkene", [betrokkene_row(0), betrokkene_row(1, bsn_token=None)])
    ingest_delivery(con, b.manifest_path, today=TODAY)
    assert con.execute("SELECT volgnummer, bsn_token FROM betrokkene ORDER BY volgnummer"
                       ).fetchall() == [(1, token(0)), (2, None)]


def test_loading_the_same_delivery_twice_changes_nothing(deliveries: Path,
                                                         warehouse: Path) -> None:
    write(deliveries, "vt_bericht", [vt_row(1), vt_row(2, soort="X"), vt_row(3)])
    first = run_ingest(warehouse, str(deliveries))
    assert first.exit_code == 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        before = (_rows(con, "vt_bericht"), _rows(con, "quarantine"),
                  con.execute("SELECT * FROM ledger").fetchall())
    second = run_ingest(warehouse, str(deliveries))
    assert second.exit_code == 0, second.output
    assert "al geladen" in flat(second.output)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        after = (_rows(con, "vt_bericht"), _rows(con, "quarantine"),
                 con.execute("SELECT * FROM ledger").fetchall())
    assert after == before
    assert len(ledger(warehouse)) == 1


def test_new_delivery_for_the_same_period_replaces_the_old_one(
        deliveries: Path, tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    old = write(tmp_path / "v1", "vt_bericht", [vt_row(1), vt_row(2), vt_row(3)])
    new = write(tmp_path / "v2", "vt_bericht", [vt_row(1), vt_row(4)])
    other_period = write(tmp_path / "h2", "vt_bericht", [vt_row(9, datum_ontvangst="2024-09-01")],
                         period="2024-H2")
    for d in (old, other_period):
        ingest_delivery(con, d.manifest_path, today=TODAY)
    result = ingest_delivery(con, new.manifest_path, today=TODAY)
    assert result.replaced == (old.delivery_id,)
    ids = con.execute("SELECT bericht_id FROM vt_bericht ORDER BY bericht_id").fetchall()
    assert ids == [("VT-1",), ("VT-4",), ("VT-9",)]
    status = dict(con.execute("SELECT delivery_id, status FROM ledger").fetchall())
    assert status == {old.delivery_id: "vervangen", new.delivery_id: "geladen",
                      other_period.delivery_id: "geladen"}
    assert con.execute("SELECT replaced_by FROM ledger WHERE delivery_id = ?",
                       [old.delivery_id]).fetchall() == [(new.delivery_id,)]
    again = ingest_delivery(con, old.manifest_path, today=TODAY)
    assert again.status is IngestStatus.AL_GELADEN and again.replaced_by == new.delivery_id
    assert con.execute("SELECT count(*) FROM vt_bericht").fetchall() == [(3,)]


class Boom(RuntimeError):
    pass


def _explode() -> None:
    raise Boom("stroom uitgevallen")


def test_a_crash_before_commit_leaves_no_half_batch(deliveries: Path,
                                                    con: duckdb.DuckDBPyConnection) -> None:
    delivery = write(deliveries, "vt_bericht", [vt_row(1), vt_row(2, soort="X"), vt_row(3)])
    with pytest.raises(Boom):
        ingest_delivery(con, delivery.manifest_path, today=TODAY, before_commit=_explode)
    for table in ("vt_bericht", "quarantine", "ledger"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchall() == [(0,)], table
    assert [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() "
                                      "WHERE temporary").fetchall()] == []
    result = ingest_delivery(con, delivery.manifest_path, today=TODAY)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1)


def test_a_crash_while_replacing_keeps_the_old_delivery(tmp_path: Path,
                                                        con: duckdb.DuckDBPyConnection) -> None:
    old = write(tmp_path / "v1", "vt_bericht", [vt_row(1), vt_row(2)])
    new = write(tmp_path / "v2", "vt_bericht", [vt_row(5)])
    ingest_delivery(con, old.manifest_path, today=TODAY)
    before = (_rows(con, "vt_bericht"), con.execute("SELECT * FROM ledger").fetchall())
    with pytest.raises(Boom):
        ingest_delivery(con, new.manifest_path, today=TODAY, before_commit=_explode)
    assert (_rows(con, "vt_bericht"), con.execute("SELECT * FROM ledger").fetchall()) == before


def test_ingest_paths_reports_each_delivery_and_the_worst_exit_code(
        deliveries: Path, warehouse: Path) -> None:
    write(deliveries, "vt_bericht", [vt_row(1)])
    write(deliveries, "betrokkene", [betrokkene_row(2), betrokkene_row(3, rol="BUURMAN")])
    report = ingest_paths([deliveries], warehouse=warehouse, today=TODAY)
    assert [r.status for r in report.results] == [IngestStatus.DEELS_GELADEN, IngestStatus.GELADEN]
    assert int(report.exit_code) == 1
    for r in report.results:
        assert r.rows_in == r.rows_loaded + r.rows_quarantined
    assert_balanced(warehouse)


def test_quarantine_listing(deliveries: Path, con: duckdb.DuckDBPyConnection) -> None:
    delivery = write(deliveries, "vt_bericht", [vt_row(1, soort="X", gemeente="GM1")])
    ingest_delivery(con, delivery.manifest_path, today=TODAY)
    rows = quarantine_rows(con, delivery.delivery_id)
    assert [(r.row_number, r.reason_code, r.record_key) for r in rows] == [
        (1, "code_onbekend", "VT-1"), (1, "gemeente_onbekend", "VT-1")]


def test_quarantine_listing_of_unknown_delivery(warehouse: Path, con: duckdb.DuckDBPyConnection
                                                ) -> None:
    con.close()
    result = run_ingest(warehouse, "--quarantaine", "bestaat.niet")
    assert result.exit_code == 2
    assert "Levering bestaat.niet staat niet in het logboek van de warehouse." in flat(
        result.output)


def test_no_deliveries_found(tmp_path: Path, warehouse: Path) -> None:
    (tmp_path / "leeg").mkdir()
    result = run_ingest(warehouse, str(tmp_path / "leeg"))
    assert result.exit_code == 2
    assert f"Geen leveringen gevonden in {tmp_path / 'leeg'}." in flat(result.output)


def test_balance_check_refuses_a_mismatch() -> None:
    check_balance(10, 7, 3)
    with pytest.raises(AssertionError):
        check_balance(10, 7, 2)


def test_long_values_are_cut_off_in_messages(deliveries: Path,
                                             con: duckdb.DuckDBPyConnection) -> None:
    delivery = write(deliveries, "vt_bericht", [vt_row(1, soort="X" * 200)])
    ingest_delivery(con, delivery.manifest_path, today=TODAY)
    [row] = quarantine_rows(con, delivery.delivery_id)
    assert row.message.startswith("Rij 1: de waarde '" + "X" * 57 + "...' in kolom soort")


def test_quotes_in_values_do_not_break_the_sql(deliveries: Path,
                                               con: duckdb.DuckDBPyConnection) -> None:
    delivery = write(deliveries, "vt_bericht", [vt_row(1, soort="x'); DROP TABLE ledger; --")])
    ingest_delivery(con, delivery.manifest_path, today=TODAY)
    [row] = quarantine_rows(con, delivery.delivery_id)
    assert "'x'); DROP TABLE ledger; --'" in row.message
