# SPDX-License-Identifier: EUPL-1.2
"""Warehouse tables, generated from the delivery schema so the two cannot drift apart.

Every record type becomes one table with typed columns plus ``delivery_id`` and ``partner``.
``ledger`` records each delivery, ``quarantine`` each refused row with its reason. Linkage,
derivations and indicators own the tables they create (``link_*``, ``afgeleid_*``).
Migrations are numbered; ``schema_migrations`` records which ran.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.core.delivery import RECORD_TYPES, FieldType, RecordType

SQL_TYPES: dict[FieldType, str] = {
    FieldType.TEXT: "VARCHAR",
    FieldType.DATE: "DATE",
    FieldType.BOOL: "BOOLEAN",
    FieldType.INT: "INTEGER",
    FieldType.DECIMAL: "DECIMAL(9, 2)",
    FieldType.CODE: "VARCHAR",
    FieldType.CODES: "VARCHAR[]",
    FieldType.GEMEENTE: "VARCHAR",
    FieldType.TOKEN: "BLOB",
}


def record_table_ddl(record_type: RecordType) -> str:
    columns = ["delivery_id VARCHAR NOT NULL", "partner VARCHAR NOT NULL"]
    columns += [f"{f.name} {SQL_TYPES[f.type]}" for f in record_type.fields]
    return f"CREATE TABLE IF NOT EXISTS {record_type.name} (\n  " + ",\n  ".join(columns) + "\n)"


LEDGER_DDL = """
CREATE TABLE IF NOT EXISTS ledger (
  delivery_id VARCHAR PRIMARY KEY,
  partner VARCHAR NOT NULL,
  partner_type VARCHAR NOT NULL,
  record_type VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  checksum VARCHAR NOT NULL,
  schema_version VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  rows_in BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  status VARCHAR NOT NULL,          -- geladen | deels_geladen | vervangen
  replaced_by VARCHAR,
  loaded_at TIMESTAMP NOT NULL
)"""

QUARANTINE_DDL = """
CREATE TABLE IF NOT EXISTS quarantine (
  delivery_id VARCHAR NOT NULL,
  row_number BIGINT NOT NULL,       -- 1-based row number in the delivery
  reason_code VARCHAR NOT NULL,
  field VARCHAR,
  message VARCHAR NOT NULL,         -- Dutch, says what is wrong and how to fix it
  record_key VARCHAR                -- partner's record id (never an identifier of a person)
)"""

MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [LEDGER_DDL, QUARANTINE_DDL] + [record_table_ddl(rt) for rt in RECORD_TYPES.values()],
    ),
]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create or upgrade the warehouse schema (idempotent)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    for version, statements in MIGRATIONS:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
