# SPDX-License-Identifier: EUPL-1.2
"""Warehouse tables, generated from the delivery schema so the two cannot drift apart.

Every record type becomes one table with typed columns plus ``delivery_id`` and ``partner``.
``ledger`` records each delivery, ``quarantine`` each refused row with its reason. Linkage,
derivations and indicators own the tables they create (``link_*``, ``afgeleid_*``).
Migrations are numbered; ``schema_migrations`` records which ran. A migration is frozen once
released: migration 1 creates the tables of delivery schema 1.0, migration 2 adds the fields of
schema 1.1 (``ALTER TABLE ... ADD COLUMN``) and ``ledger_key`` (the key fingerprint of each
delivery, and whether a trusted third party re-keyed it), migration 3 the Bloom filters of schema
1.2, so an old warehouse and a new one end
with the same columns in the same order.

Migrations cover the record types the package had when they were written
(``FROZEN_RECORD_TYPES``). The record types of the source catalogue that came later (ADR 0023),
the package's and a region's own, get their tables when the warehouse is opened
(:func:`ensure_catalogue_tables`): created with every field of the current schema version, and
a field a definition gained later is added as a column.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.delivery.schema import (
    BUILTIN_RECORD_TYPES,
    FROZEN_RECORD_TYPES,
    RECORD_TYPES,
    SCHEMA_VERSION,
    FieldType,
    RecordType,
    version_key,
)

_FROZEN = [BUILTIN_RECORD_TYPES[name] for name in FROZEN_RECORD_TYPES]

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
    FieldType.BLOOM: "BLOB",
}


def record_table_ddl(record_type: RecordType, version: str = "1.0") -> str:
    """CREATE TABLE with the fields of delivery schema ``version``."""
    columns = ["delivery_id VARCHAR NOT NULL", "partner VARCHAR NOT NULL"]
    columns += [f"{f.name} {SQL_TYPES[f.type]}" for f in record_type.fields_in(version)]
    return f"CREATE TABLE IF NOT EXISTS {record_type.name} (\n  " + ",\n  ".join(columns) + "\n)"


def added_columns_ddl(version: str) -> list[str]:
    """ALTER TABLE statements for the fields that delivery schema ``version`` introduced."""
    return [
        f"ALTER TABLE {rt.name} ADD COLUMN IF NOT EXISTS {f.name} {SQL_TYPES[f.type]}"
        for rt in _FROZEN
        for f in rt.fields
        if version_key(f.since) == version_key(version)
    ]


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

LEDGER_KEY_DDL = """
CREATE TABLE IF NOT EXISTS ledger_key (
  delivery_id VARCHAR PRIMARY KEY,  -- as in ledger
  key_id VARCHAR NOT NULL,          -- fingerprint of the key the tokens are under (manifest)
  rekeyed BOOLEAN NOT NULL          -- tokens re-keyed by a trusted third party
)"""

MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [LEDGER_DDL, QUARANTINE_DDL]
        + [record_table_ddl(rt, "1.0") for rt in _FROZEN],
    ),
    (
        2,
        [*added_columns_ddl("1.1"), LEDGER_KEY_DDL],
    ),
    (3, added_columns_ddl("1.2")),
    (4, added_columns_ddl("1.3")),
    (5, added_columns_ddl("1.4")),
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
    ensure_catalogue_tables(con)


def catalogue_tables_ddl(existing: dict[str, set[str]] | None = None) -> list[str]:
    """CREATE TABLE and ADD COLUMN statements for the catalogue's record types outside the
    migrations; ``existing`` (table → columns) leaves out what is already there."""
    existing = existing or {}
    statements: list[str] = []
    for rt in RECORD_TYPES.values():
        if rt.name in FROZEN_RECORD_TYPES:
            continue
        columns = existing.get(rt.name)
        if columns is None:
            statements.append(record_table_ddl(rt, SCHEMA_VERSION))
            continue
        statements += [f"ALTER TABLE {rt.name} ADD COLUMN {f.name} {SQL_TYPES[f.type]}"
                       for f in rt.fields if f.name not in columns]
    return statements


def ensure_catalogue_tables(con: duckdb.DuckDBPyConnection) -> None:
    existing: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main'").fetchall():
        existing.setdefault(str(table), set()).add(str(column))
    for statement in catalogue_tables_ddl(existing):
        con.execute(statement)
