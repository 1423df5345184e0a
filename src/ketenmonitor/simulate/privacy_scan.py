# SPDX-License-Identifier: EUPL-1.2
"""Scan the monitor's own files for the simulator's plain identifiers and for the key.

Only possible on synthetic data, where the ground truth lists every identity as the partners
wrote it. Structured data (DuckDB tables, Parquet files) is compared cell by cell; text files
(metadata, reports) are searched for BSNs, full names and address forms; every file's raw
bytes are searched for the key (raw and hex). A single hit is a privacy defect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

TEXT_SUFFIXES = {".json", ".html", ".md", ".txt", ".csv", ".yaml", ".yml"}
_BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")
_WORD_SPLIT = re.compile(r"[\s<>\"(),;:=/]+")
MAX_NGRAM = 5


def public_vocabulary() -> set[str]:
    """Words the product itself publishes (gemeente names, code labels): never a hit.

    A surname such as 'Delft' or 'Westland' is also a gemeente; seeing the gemeente in a
    publication is not a leak.
    """
    from ketenmonitor.codes import all_gemeenten, code_list, code_list_names

    words = {g.naam for g in all_gemeenten()} | {"Haaglanden", "Hollands Midden"}
    for name in code_list_names():
        codes = code_list(name)
        words |= set(codes.codes) | set(codes.labels.values())
    return words


@dataclass(frozen=True)
class Hit:
    path: str
    place: str
    kind: str  # bsn | naam | geboortedatum | adres | sleutel


@dataclass
class Identifiers:
    bsn: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    full_names: set[str] = field(default_factory=set)
    birth_dates: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)

    allowed: set[str] = field(default_factory=set)

    def kind_of(self, value: str) -> str | None:
        text = value.strip()
        if text in self.allowed:
            return None
        for kind, values in (("bsn", self.bsn), ("naam", self.names), ("naam", self.full_names),
                             ("geboortedatum", self.birth_dates), ("adres", self.addresses)):
            if text in values:
                return kind
        return None


def load_identifiers(ground_truth: Path) -> Identifiers:
    """Every identity variant of ``identiteiten.parquet`` and ``personen.parquet``."""
    ids = Identifiers(allowed=public_vocabulary())
    for name in ("identiteiten.parquet", "personen.parquet"):
        for row in pq.read_table(ground_truth / name).to_pylist():
            if row.get("bsn"):
                ids.bsn.add(str(row["bsn"]).strip())
            first, middle, last = row.get("voornamen"), row.get("tussenvoegsel"), row.get("achternaam")
            ids.names.update(str(v).strip() for v in (first, last) if v and len(str(v).strip()) > 2)
            if first and last:
                ids.full_names.add(" ".join(str(p) for p in (first, middle, last) if p))
            if row.get("geboortedatum"):
                day = row["geboortedatum"]
                ids.birth_dates.update({day.isoformat(), day.strftime("%d-%m-%Y")})
            if row.get("postcode") and row.get("huisnummer"):
                pc = re.sub(r"\s", "", str(row["postcode"])).upper()
                nr = str(row["huisnummer"]).strip()
                ids.addresses.update({f"{pc} {nr}", f"{pc}{nr}", f"{pc}|{nr}", f"{pc[:4]} {pc[4:]} {nr}"})
    return ids


def _event_date_columns() -> set[str]:
    """Delivery date fields hold event dates; a birth date equal to one is a coincidence."""
    from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType

    return {f.name for rt in RECORD_TYPES.values() for f in rt.fields if f.type is FieldType.DATE}


def _scan_values(values: Iterable[object], ids: Identifiers, path: str, place: str) -> list[Hit]:
    hits = []
    event_dates = place in _event_date_columns()
    for value in values:
        kind = ids.kind_of(value) if isinstance(value, str) else None
        if kind and not (event_dates and kind == "geboortedatum"):
            hits.append(Hit(path, place, kind))
    return hits


def _scan_arrow(table: pa.Table, ids: Identifiers, key: bytes | None, path: str) -> list[Hit]:
    hits: list[Hit] = []
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            hits += _scan_values(column.unique().to_pylist(), ids, path, name)
        elif (
            key
            and (pa.types.is_binary(column.type) or pa.types.is_fixed_size_binary(column.type))
            and any(v is not None and key in v for v in column.unique().to_pylist())
        ):
            hits.append(Hit(path, name, "sleutel"))
    return hits


def _scan_duckdb(path: Path, ids: Identifiers, key: bytes | None) -> list[Hit]:
    hits: list[Hit] = []
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()]
        for table in tables:
            hits += _scan_arrow(con.sql(f'SELECT * FROM "{table}"').to_arrow_table(), ids, key,
                                f"{path}:{table}")
    finally:
        con.close()
    return hits


def _scan_text(path: Path, ids: Identifiers) -> list[Hit]:
    """BSNs, and word sequences that are a full name or an address ('2511 AB 12')."""
    text = path.read_text(encoding="utf-8", errors="replace")
    hits = [Hit(str(path), "tekst", "bsn") for m in _BSN.finditer(text) if m.group() in ids.bsn]
    words = [w for w in _WORD_SPLIT.split(text) if w]
    for n in range(2, MAX_NGRAM + 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            if phrase in ids.full_names:
                hits.append(Hit(str(path), "tekst", "naam"))
            elif phrase in ids.addresses:
                hits.append(Hit(str(path), "tekst", "adres"))
    return hits


def scan(targets: Iterable[Path], ground_truth: Path, key: bytes | None = None) -> list[Hit]:
    """All hits of plain identifiers or key material in the files under ``targets``."""
    ids = load_identifiers(ground_truth)
    key_forms = [key, key.hex().encode(), key.hex().upper().encode()] if key else []
    hits: list[Hit] = []
    for target in targets:
        files = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
        for path in files:
            raw = path.read_bytes()
            hits += [Hit(str(path), "bytes", "sleutel") for form in key_forms if form in raw]
            if path.suffix == ".duckdb":
                hits += _scan_duckdb(path, ids, key)
            elif path.suffix == ".parquet":
                hits += _scan_arrow(pq.read_table(path), ids, key, str(path))
            elif path.suffix in TEXT_SUFFIXES:
                hits += _scan_text(path, ids)
    return hits
