# SPDX-License-Identifier: EUPL-1.2
"""Warehouse tables of the CBS benchmark, owned by this stage (``cbs_*``), like ``link_*``.

``cbs_import`` is the ledger: one row per imported file with its checksum, so importing the same
file again changes nothing. ``cbs_benchmark`` holds every figure of the StatLine tables for the
areas in the code lists (gemeenten, Veilig Thuis regions, Nederland); ``cbs_bevolking`` the
inhabitants per area and date from the population tables. A newer export of a table replaces the
figures with the same key (provisional figures become final); all files of one import are
written in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

IMPORT_TABLE = "cbs_import"
BENCHMARK_TABLE = "cbs_benchmark"
POPULATION_TABLE = "cbs_bevolking"

DDL = (
    f"""CREATE TABLE IF NOT EXISTS {IMPORT_TABLE} (
  import_id VARCHAR PRIMARY KEY,      -- sha256 of the file
  bestand VARCHAR NOT NULL,
  tabel VARCHAR NOT NULL,
  titel VARCHAR NOT NULL,
  soort VARCHAR NOT NULL,             -- benchmark | bevolking
  rijen_gelezen BIGINT NOT NULL,
  waarden_geladen BIGINT NOT NULL,
  waarden_vervangen BIGINT NOT NULL,
  gebieden_overgeslagen BIGINT NOT NULL,
  geimporteerd_op TIMESTAMP NOT NULL
)""",
    f"""CREATE TABLE IF NOT EXISTS {BENCHMARK_TABLE} (
  tabel VARCHAR NOT NULL,
  onderwerp VARCHAR NOT NULL,         -- topic path, levels joined by ' | '
  eenheid VARCHAR NOT NULL,
  gebied_code VARCHAR NOT NULL,
  gebied_naam VARCHAR NOT NULL,
  gebied_niveau VARCHAR NOT NULL,     -- gemeente | vt_regio | nederland
  periode VARCHAR NOT NULL,           -- 2024-H1 | 2024
  periode_type VARCHAR NOT NULL,      -- halfjaar | jaar
  dimensie VARCHAR NOT NULL,          -- totaal or the name of a dimension in koppeling.yaml
  categorie VARCHAR,                  -- code or group of the code list; NULL when unknown
  categorie_label VARCHAR NOT NULL,   -- the label as CBS wrote it
  waarde DOUBLE,
  voorlopig BOOLEAN NOT NULL,
  onderdrukt BOOLEAN NOT NULL,
  import_id VARCHAR NOT NULL,
  bron_bestand VARCHAR NOT NULL,
  geimporteerd_op TIMESTAMP NOT NULL
)""",
    f"""CREATE TABLE IF NOT EXISTS {POPULATION_TABLE} (
  tabel VARCHAR NOT NULL,
  gebied_code VARCHAR NOT NULL,
  gebied_naam VARCHAR NOT NULL,
  gebied_niveau VARCHAR NOT NULL,
  peildatum DATE NOT NULL,
  inwoners BIGINT NOT NULL,
  voorlopig BOOLEAN NOT NULL,
  import_id VARCHAR NOT NULL,
  bron_bestand VARCHAR NOT NULL,
  geimporteerd_op TIMESTAMP NOT NULL
)""",
)

BENCHMARK_SCHEMA = pa.schema([
    ("tabel", pa.string()), ("onderwerp", pa.string()), ("eenheid", pa.string()),
    ("gebied_code", pa.string()), ("gebied_naam", pa.string()), ("gebied_niveau", pa.string()),
    ("periode", pa.string()), ("periode_type", pa.string()), ("dimensie", pa.string()),
    ("categorie", pa.string()), ("categorie_label", pa.string()), ("waarde", pa.float64()),
    ("voorlopig", pa.bool_()), ("onderdrukt", pa.bool_()),
])
POPULATION_SCHEMA = pa.schema([
    ("tabel", pa.string()), ("gebied_code", pa.string()), ("gebied_naam", pa.string()),
    ("gebied_niveau", pa.string()), ("peildatum", pa.date32()), ("inwoners", pa.int64()),
    ("voorlopig", pa.bool_()),
])
BENCHMARK_KEY = ("tabel", "onderwerp", "gebied_code", "periode", "dimensie", "categorie_label")
POPULATION_KEY = ("gebied_code", "peildatum")


@dataclass
class ParsedImport:
    """One file, parsed and mapped, ready to be stored."""

    import_id: str
    bestand: str
    tabel: str
    titel: str
    soort: str
    rijen_gelezen: int
    rows: pa.Table
    gebieden_overgeslagen: list[str] = field(default_factory=list)
    onbekende_categorieen: list[str] = field(default_factory=list)
    rijen_overgeslagen: int = 0


@dataclass(frozen=True)
class StoredImport:
    parsed: ParsedImport
    status: str  # geladen | al_geimporteerd
    waarden_vervangen: int


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in DDL:
        con.execute(statement)


def has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN (?, ?)",
        [BENCHMARK_TABLE, POPULATION_TABLE],
    ).fetchall()
    return bool(rows[0][0])


def _already(con: duckdb.DuckDBPyConnection, import_id: str) -> bool:
    rows = con.execute(
        f"SELECT count(*) FROM {IMPORT_TABLE} WHERE import_id = ?", [import_id]
    ).fetchall()
    return bool(rows[0][0])


def _replace(con: duckdb.DuckDBPyConnection, target: str, key: Sequence[str],
             rows: pa.Table, parsed: ParsedImport, now: datetime) -> int:
    extra = pa.table({
        "import_id": pa.array([parsed.import_id] * rows.num_rows, pa.string()),
        "bron_bestand": pa.array([parsed.bestand] * rows.num_rows, pa.string()),
        "geimporteerd_op": pa.array([now] * rows.num_rows, pa.timestamp("us")),
    })
    full = pa.table({**{n: rows.column(n) for n in rows.column_names},
                     **{n: extra.column(n) for n in extra.column_names}})
    con.register("cbs_nieuw", full)
    try:
        match = " AND ".join(f"t.{k} = n.{k}" for k in key)
        replaced = con.execute(
            f"SELECT count(*) FROM {target} t WHERE EXISTS "
            f"(SELECT 1 FROM cbs_nieuw n WHERE {match})"
        ).fetchall()[0][0]
        con.execute(f"DELETE FROM {target} t WHERE EXISTS (SELECT 1 FROM cbs_nieuw n WHERE {match})")
        con.execute(f"INSERT INTO {target} BY NAME SELECT * FROM cbs_nieuw")
    finally:
        con.unregister("cbs_nieuw")
    return int(replaced)


def store_imports(con: duckdb.DuckDBPyConnection,
                  parsed: Sequence[ParsedImport]) -> list[StoredImport]:
    """Store all files in one transaction; a file whose checksum is known changes nothing."""
    ensure_tables(con)
    now = datetime.now().replace(microsecond=0)
    results: list[StoredImport] = []
    con.execute("BEGIN TRANSACTION")
    try:
        for item in parsed:
            if _already(con, item.import_id) or any(
                r.parsed.import_id == item.import_id for r in results
            ):
                results.append(StoredImport(item, "al_geimporteerd", 0))
                continue
            if item.soort == "bevolking":
                replaced = _replace(con, POPULATION_TABLE, POPULATION_KEY, item.rows, item, now)
            else:
                replaced = _replace(con, BENCHMARK_TABLE, BENCHMARK_KEY, item.rows, item, now)
            con.execute(
                f"INSERT INTO {IMPORT_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [item.import_id, item.bestand, item.tabel, item.titel, item.soort,
                 item.rijen_gelezen, item.rows.num_rows, replaced,
                 len(item.gebieden_overgeslagen), now],
            )
            results.append(StoredImport(item, "geladen", replaced))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return results
