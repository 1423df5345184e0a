# SPDX-License-Identifier: EUPL-1.2
"""Builders for deliveries (valid and broken) and helpers to run ``ketenmonitor ingest``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from typer.testing import CliRunner, Result

import ketenmonitor.cli.ingest  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import DeliveryFiles, delivery_arrow_schema, write_delivery
from ketenmonitor.delivery.schema import RECORD_TYPES, PartnerType
from ketenmonitor.warehouse import connect

PARTNER_TYPE = {
    "vt_bericht": PartnerType.VEILIG_THUIS,
    "politie_incident": PartnerType.POLITIE,
    "lt_traject": PartnerType.LOKAAL_TEAM,
    "mda_casus": PartnerType.MDA,
    "betrokkene": PartnerType.VEILIG_THUIS,
}


def vt_row(i: int, **changes: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "bericht_id": f"VT-{i}",
        "soort": "MELDING",
        "datum_ontvangst": f"2024-03-{i % 28 + 1:02d}",
        "gemeente": "GM0518",
        "melder_organisatie": "ONDERWIJS",
        "melder_rol": "ONDERWIJS",
        "aard": "KINDERMISHANDELING|PARTNERGEWELD",
        "duur_geweld": None,
        "acute_onveiligheid": "false",
        "datum_afsluiting": "2024-05-01",
    }
    row.update(changes)
    return row


def lt_row(i: int, **changes: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "traject_id": f"LT-{i}",
        "gemeente": "GM0503",
        "datum_aanmelding": "2024-02-01",
        "datum_start": "2024-02-05",
        "verwijzer": "VEILIG_THUIS",
        "sos_intake": "3",
        "sos_afsluiting": "7",
        "uren_inzet": "12.5",
    }
    row.update(changes)
    return row


def token(i: int) -> bytes:
    return hashlib.sha256(f"token-{i}".encode()).digest()


def betrokkene_row(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "bron_id": f"VT-{i // 2}",
        "volgnummer": str(i % 2 + 1),
        "rol": "SLACHTOFFER",
        "bsn_token": token(i),
        "adres_token": token(10_000 + i // 2),
        "geslacht": "V",
        "leeftijdsklasse": "25-44",
    }
    row.update(changes)
    return row


def build_table(record_type: str, rows: list[dict[str, Any]]) -> Any:
    schema = delivery_arrow_schema(record_type)
    return pa.table({name: [r.get(name) for r in rows] for name in schema.names}, schema=schema)


def write(out: Path, record_type: str, rows: list[dict[str, Any]], *, period: str = "2024-H1",
          partner: str = "vt_haaglanden", table: Any = None) -> DeliveryFiles:
    """Write a delivery (manifest consistent with the file) as pseudonymise would."""
    return write_delivery(
        build_table(record_type, rows) if table is None else table,
        partner=partner, partner_type=PARTNER_TYPE[record_type], record_type=record_type,
        period=Period.parse(period), key_id="0123456789abcdef", out_dir=out,
    )


def edit_manifest(delivery: DeliveryFiles, **changes: Any) -> None:
    data = json.loads(delivery.manifest_path.read_text(encoding="utf-8"))
    data.update(changes)
    for name, value in changes.items():
        if value is None:
            del data[name]
    delivery.manifest_path.write_text(json.dumps(data), encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def deliveries(tmp_path: Path) -> Path:
    path = tmp_path / "leveringen"
    path.mkdir()
    return path


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(warehouse)
    yield connection
    connection.close()


def run_ingest(warehouse: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["ingest", "--warehouse", str(warehouse), *args],
                              env={"COLUMNS": "250"})


def ledger(warehouse: Path) -> list[dict[str, Any]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        cursor = connection.execute(
            "SELECT delivery_id, status, rows_in, rows_loaded, rows_quarantined, replaced_by, "
            "file_name, checksum FROM ledger ORDER BY loaded_at")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def quarantine(warehouse: Path, delivery_id: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(
            "SELECT row_number, reason_code, field, message FROM quarantine WHERE delivery_id = ? "
            "ORDER BY row_number, rowid", [delivery_id]).fetchall()


def count(warehouse: Path, table: str) -> int:
    assert table in RECORD_TYPES or table in ("ledger", "quarantine")
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def assert_balanced(warehouse: Path) -> None:
    """rows in = rows loaded + rows quarantined + rows held back for every ledger entry."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        held = {r[0]: r[1] for r in connection.execute(
            "SELECT delivery_id, rows_held_back FROM ledger").fetchall()} if "rows_held_back" in {
            r[0] for r in connection.execute("DESCRIBE ledger").fetchall()} else {}
    for entry in ledger(warehouse):
        assert entry["rows_in"] == (entry["rows_loaded"] + entry["rows_quarantined"]
                                    + (held.get(entry["delivery_id"]) or 0)), entry


def events_for(target: Path | duckdb.DuckDBPyConnection, rows: list[dict[str, Any]],
               partner: str = "vt_haaglanden") -> None:
    """Put the Veilig Thuis berichten that betrokkene ``rows`` refer to in the warehouse (a path
    or an open connection), so that tests about betrokkenen are not about held-back rows (see
    ``ingest.held_back``)."""
    connection = connect(target) if isinstance(target, Path) else target
    try:
        ids = sorted({str(r["bron_id"]) for r in rows if r.get("bron_id")})
        connection.executemany("INSERT INTO vt_bericht (delivery_id, partner, bericht_id) "
                               "VALUES ('test-berichten', ?, ?)", [(partner, i) for i in ids])
    finally:
        if isinstance(target, Path):
            connection.close()
