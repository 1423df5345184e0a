# SPDX-License-Identifier: EUPL-1.2
"""Staging, set-based validation and the one-transaction load of a delivery into the warehouse.

The Parquet file is staged in a temporary table (trimmed strings, empty as NULL, 1-based row
numbers; columns of a newer schema version than the delivery's are NULL). The code lists and
gemeenten are temporary tables too, made once per connection (:class:`Reference`). All rules of
:mod:`ketenmonitor.ingest.rules` run as one ``UNION ALL`` into a temporary
error table. Then, in ONE transaction: rows of a delivery this one replaces are removed and its
ledger entry marked ``vervangen``, the good rows are inserted with their warehouse types, the bad
rows go to ``quarantine`` and the ledger entry (with its key fingerprint in ``ledger_key``) is
written. Any failure rolls all of it back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from ketenmonitor.codes import all_gemeenten, code_list
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.source_lines import Run, read_runs, stage_lines
from ketenmonitor.delivery.checks import CheckedDelivery
from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType, RecordType
from ketenmonitor.ingest.held_back import TABLE as HELD_BACK
from ketenmonitor.ingest.held_back import has_event_sql
from ketenmonitor.ingest.rules import RuleContext, rule_queries, screen_query
from ketenmonitor.ingest.sqltext import ident, literal

_TRIM = "' \t\r\n'"
LOAD_CASTS: dict[FieldType, str] = {
    FieldType.TEXT: "{c}",
    FieldType.DATE: "CAST({c} AS DATE)",
    FieldType.BOOL: "({c} = 'true')",
    FieldType.INT: "CAST({c} AS INTEGER)",
    FieldType.DECIMAL: "CAST({c} AS DECIMAL(9, 2))",
    FieldType.CODE: "{c}",
    FieldType.CODES: "list_transform(string_split({c}, '|'), lambda x: trim(x))",
    FieldType.GEMEENTE: "{c}",
    FieldType.TOKEN: "{c}",
    FieldType.BLOOM: "{c}",
}
BINARY = (FieldType.TOKEN, FieldType.BLOOM)
HELD_BACK_OF = "betrokkene"  # the record type whose rows can be held back
MAX_RUNS_INLINE = 64  # runs of source lines staged as expressions; more take an UPDATE


@dataclass(frozen=True)
class Validation:
    """Outcome of the row rules for one staged delivery."""

    rows_in: int
    rows_quarantined: int
    messages: int

    @property
    def rows_to_load(self) -> int:
        return self.rows_in - self.rows_quarantined


class Reference:
    """The code lists and gemeenten as temporary tables of one connection.

    Made once and shared by every delivery staged on that connection (per delivery they cost as
    much as staging a small file)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        prefix = "_km_ref_" + uuid.uuid4().hex[:10]
        self.codes = prefix + "_codes"
        self.gemeenten = prefix + "_gemeenten"
        con.execute(f"CREATE TEMP TABLE {self.codes} (lijst VARCHAR, code VARCHAR)")
        lists = sorted({f.code_list for t in RECORD_TYPES.values() for f in t.fields
                        if f.code_list})
        self.code_values = {name: tuple(code_list(name).codes) for name in lists}
        rows = [(name, code) for name, codes in self.code_values.items() for code in codes]
        if rows:
            con.executemany(f"INSERT INTO {self.codes} VALUES (?, ?)", rows)
        con.execute(f"CREATE TEMP TABLE {self.gemeenten} "
                    "(code VARCHAR, geldig_van DATE, geldig_tot DATE)")
        self.gemeente_ranges = tuple((g.code, g.geldig_van, g.geldig_tot)
                                     for g in all_gemeenten())
        con.executemany(f"INSERT INTO {self.gemeenten} VALUES (?, ?, ?)",
                        list(self.gemeente_ranges))
        self.con = con

    def drop(self) -> None:
        for table in (self.codes, self.gemeenten):
            self.con.execute(f"DROP TABLE IF EXISTS {table}")


class Staging:
    """Temporary tables of one delivery; dropped again by :meth:`drop`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, record_type: RecordType,
                 reference: Reference) -> None:
        self.con = con
        self.record_type = record_type
        prefix = "_km_" + uuid.uuid4().hex[:10]
        self.stage = prefix + "_rijen"
        self.errors = prefix + "_fouten"
        self.reference = reference

    def load_file(self, checked: CheckedDelivery) -> None:
        """Stage the file; fields newer than the delivery's schema version are staged as NULL."""
        present = {f.name for f in self.record_type.fields_in(checked.manifest.schema_version)}
        columns = ["file_row_number + 1 AS _rij"]
        for f in self.record_type.fields:
            c = ident(f.name)
            if f.name not in present:
                columns.append(f"CAST(NULL AS {'BLOB' if f.type in BINARY else 'VARCHAR'}) AS {c}")
            else:
                columns.append(f"{c}" if f.type in BINARY
                               else f"NULLIF(trim({c}, {_TRIM}), '') AS {c}")
        runs = read_runs(checked.parquet_path)
        if len(runs) <= MAX_RUNS_INLINE:
            columns += _line_columns(runs)
        try:
            self.con.execute(
                f"CREATE TEMP TABLE {self.stage} AS SELECT {', '.join(columns)} "
                "FROM read_parquet(?, file_row_number = true)",
                [str(checked.parquet_path)],
            )
            if len(runs) > MAX_RUNS_INLINE:
                stage_lines(self.con, self.stage, checked.parquet_path)
        except duckdb.Error:
            raise InputRefused(
                "parquet_onleesbaar",
                _("Het Parquet-bestand {bestand} is onleesbaar of afgebroken.").format(
                    bestand=checked.parquet_path.name),
                _("Het bestand is waarschijnlijk niet volledig gekopieerd. Kopieer de levering "
                  "opnieuw of maak haar opnieuw met 'ketenmonitor pseudonymise'."),
            ) from None

    def validate(self, checked: CheckedDelivery, today: date) -> Validation:
        """Run the row rules into the error table; a delivery that passes the screen
        (:func:`ketenmonitor.ingest.rules.screen_query`) has no errors and gets no table."""
        ref = self.reference
        ctx = RuleContext(self.record_type, self.stage, ref.codes, ref.gemeenten,
                          checked.manifest.period, today, ref.code_values, ref.gemeente_ranges)
        screen = screen_query(ctx)
        if screen is not None:
            rows_in, suspect = _one(self.con, screen)
            if not suspect:
                return Validation(rows_in=rows_in, rows_quarantined=0, messages=0)
        keys = ", ".join(ident(k) for k in self.record_type.key)
        self.con.execute(
            f"CREATE TEMP TABLE {self.errors} AS SELECT f.*, concat_ws('/', {keys}) AS sleutel, "
            "s._bestand AS bestand, s._regel AS regel "
            f"FROM ({' UNION ALL '.join(rule_queries(ctx))}) f "
            f"JOIN {self.stage} s ON s._rij = f.rij"
        )
        rows_in, bad, messages = _one(self.con, (
            f"SELECT (SELECT count(*) FROM {self.stage}), "
            f"(SELECT count(DISTINCT rij) FROM {self.errors}), (SELECT count(*) FROM {self.errors})"
        ))
        return Validation(rows_in=rows_in, rows_quarantined=bad, messages=messages)

    def drop(self) -> None:
        for table in (self.stage, self.errors):
            self.con.execute(f"DROP TABLE IF EXISTS {table}")


def _line_columns(runs: list[Run]) -> list[str]:
    """``_regel`` and ``_bestand`` of :func:`ketenmonitor.core.source_lines.stage_lines` as
    expressions of the row number, so that staging is one statement (no UPDATE of the stage)."""
    if not runs:
        return ["CAST(NULL AS BIGINT) AS _regel", "CAST(NULL AS VARCHAR) AS _bestand"]
    row = "file_row_number + 1"
    within = [f"WHEN {row} BETWEEN {van} AND {van + count - 1}" for van, _f, _l, count in runs]
    regel = " ".join(f"{w} THEN {row} - {van} + {line}"
                     for w, (van, _f, line, _c) in zip(within, runs, strict=True))
    bestand = " ".join(f"{w} THEN {literal(name)}"
                       for w, (_v, name, _l, _c) in zip(within, runs, strict=True))
    return [f"CAST(CASE {regel} END AS BIGINT) AS _regel",
            f"CAST(CASE {bestand} END AS VARCHAR) AS _bestand"]


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
         ) -> tuple[int, ...]:
    row = con.execute(sql, params or []).fetchall()[0]
    return tuple(int(v) for v in row)


def check_balance(rows_in: int, loaded: int, quarantined: int, held_back: int = 0) -> None:
    """rows in = loaded + quarantined + held back, always; anything else is a bug, never data."""
    if rows_in != loaded + quarantined + held_back:
        raise AssertionError(
            f"rijen in ({rows_in}) != geladen ({loaded}) + quarantaine ({quarantined}) "
            f"+ achtergehouden ({held_back})")


@dataclass(frozen=True)
class Committed:
    """Rows of a committed delivery in its record table and, for betrokkenen, held back."""

    loaded: int
    held_back: int


def commit_delivery(
    staging: Staging,
    checked: CheckedDelivery,
    validation: Validation,
    replaces: list[str],
    before_commit: Callable[[], None] | None = None,
    restoring: bool = False,
) -> Committed:
    """Load good rows, quarantine and ledger entry in one transaction.

    Good betrokkene rows whose event is not loaded go to the held-back table instead
    (:mod:`ketenmonitor.ingest.held_back`). ``restoring``: the delivery was loaded before and
    replaced; its old ledger entry, key and quarantine rows make way for the new ones (the
    history is in ``ledger_event``)."""
    con = staging.con
    manifest = checked.manifest
    record_type = RECORD_TYPES[manifest.record_type]
    table = ident(record_type.name)
    names = ", ".join(ident(f.name) for f in record_type.fields)
    casts = ", ".join(LOAD_CASTS[f.type].format(c=ident(f.name)) for f in record_type.fields)
    con.begin()
    try:
        if restoring:
            for dependent in ("quarantine", "ledger_key", "ledger"):
                con.execute(f"DELETE FROM {dependent} WHERE delivery_id = ?",
                            [manifest.delivery_id])
        for old in replaces:
            con.execute(f"DELETE FROM {table} WHERE delivery_id = ?", [old])
            if record_type.name == HELD_BACK_OF:
                con.execute(f"DELETE FROM {HELD_BACK} WHERE delivery_id = ?", [old])
            con.execute("UPDATE ledger SET status = 'vervangen', replaced_by = ? "
                        "WHERE delivery_id = ?", [manifest.delivery_id, old])
        clean = validation.messages == 0  # no error table (see Staging.validate)
        good = f"FROM {staging.stage} s WHERE " + (
            "true" if clean else
            f"NOT EXISTS (SELECT 1 FROM {staging.errors} e WHERE e.rij = s._rij)")
        has_event = "true"
        if record_type.name == HELD_BACK_OF:
            bron_id = next(f for f in record_type.fields if f.name == "bron_id")
            has_event = has_event_sql(manifest.partner, str(manifest.partner_type),
                                      LOAD_CASTS[bron_id.type].format(c="s.bron_id"))
            (missing,) = _one(con, f"SELECT count(*) {good} AND NOT {has_event}")
            if not missing:  # the usual case: no join while inserting the wide rows
                has_event = "true"
        # a plain scan of the stage keeps its (row) order; a join or anti-join may not
        order = "" if clean and has_event == "true" else "ORDER BY s._rij"
        (loaded,) = _one(con, (
            f"INSERT INTO {table} (delivery_id, partner, {names}) SELECT ?, ?, {casts} "
            f"{good} AND {has_event} {order}"
        ), [manifest.delivery_id, manifest.partner])
        held = 0
        if has_event != "true":
            (held,) = _one(con, (
                f"INSERT INTO {HELD_BACK} (delivery_id, partner, {names}) SELECT ?, ?, {casts} "
                f"{good} AND NOT {has_event} ORDER BY s._rij"
            ), [manifest.delivery_id, manifest.partner])
        if not clean:
            con.execute(
                "INSERT INTO quarantine (delivery_id, row_number, reason_code, field, message, "
                "record_key, source_file, source_line) SELECT ?, rij, reden, veld, bericht, "
                f"sleutel, bestand, regel FROM {staging.errors} ORDER BY rij, volgorde",
                [manifest.delivery_id])
        check_balance(validation.rows_in, loaded, validation.rows_quarantined, held)
        status = ("geladen" if validation.rows_quarantined == 0
                  else "deels_geladen" if loaded else "niets_geladen")
        con.execute(
            "INSERT INTO ledger (delivery_id, partner, partner_type, record_type, period, "
            "checksum, schema_version, file_name, rows_in, rows_loaded, rows_quarantined, "
            "rows_held_back, status, replaced_by, loaded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
            [manifest.delivery_id, manifest.partner, str(manifest.partner_type),
             manifest.record_type, manifest.period.code, manifest.checksum,
             manifest.schema_version, checked.parquet_path.name, validation.rows_in, loaded,
             validation.rows_quarantined, held, status, datetime.now(UTC).replace(tzinfo=None)],
        )
        con.execute("INSERT INTO ledger_key (delivery_id, key_id, rekeyed) VALUES (?, ?, ?)",
                    [manifest.delivery_id, manifest.key_id, manifest.rekeyed])
        if before_commit is not None:
            before_commit()
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return Committed(loaded, held)
