# SPDX-License-Identifier: EUPL-1.2
"""Warehouse migrations: an old warehouse is upgraded in place and ends like a new one."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ketenmonitor.delivery.schema import BETROKKENE, RECORD_TYPES
from ketenmonitor.warehouse import connect, ensure_schema
from ketenmonitor.warehouse.schema import MIGRATIONS, added_columns_ddl, record_table_ddl


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()]


def _old_warehouse(path: Path) -> None:
    """A warehouse as the walking skeleton left it: only migration 1, with one 1.0 row."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for statement in MIGRATIONS[0][1]:
        con.execute(statement)
    con.execute("INSERT INTO schema_migrations VALUES (1, now())")
    con.execute("INSERT INTO betrokkene (delivery_id, partner, bron_id, volgnummer, rol, bsn_token)"
                " VALUES ('d1', 'vt', 'VT-1', 1, 'SLACHTOFFER', '\\x01'::BLOB)")
    con.execute("INSERT INTO ledger VALUES ('d1', 'vt', 'veilig_thuis', 'betrokkene', '2024-H1', "
                "'c', '1.0', 'f.parquet', 1, 1, 0, 'geladen', NULL, now())")
    con.close()


def test_new_warehouse_has_every_field_of_the_current_schema() -> None:
    con = connect(":memory:")
    for record_type in RECORD_TYPES.values():
        names = [n for n, _t in _columns(con, record_type.name)]
        assert names == ["delivery_id", "partner", *record_type.field_names]
    types = dict(_columns(con, "betrokkene"))
    assert types["voornaam_token"] == "BLOB" and types["naam_bloom"] == "BLOB"
    assert types["voornaam_bloom"] == types["postcode_bloom"] == "BLOB"  # schema 1.2
    assert _columns(con, "ledger_key") == [("delivery_id", "VARCHAR"), ("key_id", "VARCHAR"),
                                           ("rekeyed", "BOOLEAN")]
    assert len(_columns(con, "ledger")) == 14  # unchanged since migration 1
    assert con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall() == [
        (1,), (2,), (3,), (4,), (5,)]


def test_old_warehouse_is_migrated_in_place_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "oud.duckdb"
    _old_warehouse(path)
    con = connect(path)
    fresh = connect(":memory:")
    for table in [*RECORD_TYPES, "ledger", "ledger_key", "quarantine"]:
        assert _columns(con, table) == _columns(fresh, table), table
    assert con.execute("SELECT bron_id, bsn_token, voornaam_token, naam_bloom FROM betrokkene"
                       ).fetchall() == [("VT-1", b"\x01", None, None)]
    assert con.execute("SELECT delivery_id, status FROM ledger").fetchall() == [("d1", "geladen")]
    assert con.execute("SELECT count(*) FROM ledger_key").fetchall() == [(0,)]
    ensure_schema(con)  # idempotent
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall() == [(5,)]
    con.close()


def test_migration_1_is_frozen_to_schema_1_0_and_migration_2_adds_1_1() -> None:
    ddl = record_table_ddl(BETROKKENE, "1.0")
    assert "bsn_token BLOB" in ddl and "voornaam_token" not in ddl
    added = added_columns_ddl("1.1")
    assert "ALTER TABLE betrokkene ADD COLUMN IF NOT EXISTS naam_bloom BLOB" in added
    assert len(added) == len([f for f in BETROKKENE.fields if f.since == "1.1"])


def test_migration_3_adds_the_bloom_filters_of_1_2() -> None:
    added = added_columns_ddl("1.2")
    assert "ALTER TABLE betrokkene ADD COLUMN IF NOT EXISTS achternaam_bloom BLOB" in added
    assert len(added) == len([f for f in BETROKKENE.fields if f.since == "1.2"]) == 4
    assert MIGRATIONS[2] == (3, added)


def test_migration_4_adds_the_name_pair_token_of_1_3() -> None:
    added = added_columns_ddl("1.3")
    assert added == ["ALTER TABLE betrokkene ADD COLUMN IF NOT EXISTS naampaar_token BLOB"]
    assert MIGRATIONS[3] == (4, added)


def test_migration_5_adds_the_encodings_of_1_4() -> None:
    added = added_columns_ddl("1.4")
    assert "ALTER TABLE betrokkene ADD COLUMN IF NOT EXISTS namen_bloom BLOB" in added
    assert len(added) == len([f for f in BETROKKENE.fields if f.since == "1.4"]) == 8
    assert MIGRATIONS[4] == (5, added)
