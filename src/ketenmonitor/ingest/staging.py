# SPDX-License-Identifier: EUPL-1.2
"""Staging and set-based validation of one delivery, on temporary tables of one connection.

The Parquet file is staged in a temporary table in one statement (trimmed strings, empty as
NULL, 1-based row numbers, the partner's file and line; columns of a newer schema version than
the delivery's are NULL). The code lists and gemeenten are temporary tables too, made once per
connection (:class:`Reference`). A screening pass (:func:`ketenmonitor.ingest.rules.screen_query`)
decides whether the rules of :mod:`ketenmonitor.ingest.rules` must run; if so they run as one
``UNION ALL`` into a temporary error table. No warehouse table is touched here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import duckdb

from ketenmonitor.codes import all_gemeenten, code_list
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.source_lines import Run, read_runs, stage_lines
from ketenmonitor.delivery.checks import CheckedDelivery
from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType, RecordType
from ketenmonitor.ingest.authenticity import registered_key
from ketenmonitor.ingest.rules import RuleContext, rule_queries, screen_query
from ketenmonitor.ingest.sqltext import ident, literal

_TRIM = "' \t\r\n'"
BINARY = (FieldType.TOKEN, FieldType.BLOOM)
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
    """The code lists and gemeenten as temporary tables of one connection, and the region's
    registered verification key (:mod:`ketenmonitor.ingest.authenticity`).

    Made once and shared by every delivery staged on that connection (per delivery they cost as
    much as staging a small file). Made after the key is registered, if it is."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.public_key = registered_key(con)
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
        self._made: list[str] = []  # the temporary tables made so far (to drop)

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
        self._made.append(self.stage)
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
            rows_in, suspect = one_row(self.con, screen)
            if not suspect:
                return Validation(rows_in=rows_in, rows_quarantined=0, messages=0)
        keys = ", ".join(ident(k) for k in self.record_type.key)
        self._made.append(self.errors)
        self.con.execute(
            f"CREATE TEMP TABLE {self.errors} AS SELECT f.*, concat_ws('/', {keys}) AS sleutel, "
            "s._bestand AS bestand, s._regel AS regel "
            f"FROM ({' UNION ALL '.join(rule_queries(ctx))}) f "
            f"JOIN {self.stage} s ON s._rij = f.rij"
        )
        rows_in, bad, messages = one_row(self.con, (
            f"SELECT (SELECT count(*) FROM {self.stage}), "
            f"(SELECT count(DISTINCT rij) FROM {self.errors}), (SELECT count(*) FROM {self.errors})"
        ))
        return Validation(rows_in=rows_in, rows_quarantined=bad, messages=messages)

    def drop(self) -> None:
        """Drop the temporary tables made (a clean delivery never makes the error table)."""
        for table in self._made:
            self.con.execute(f"DROP TABLE IF EXISTS {table}")
        self._made = []


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


def one_row(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
         ) -> tuple[int, ...]:
    row = con.execute(sql, params or []).fetchall()[0]
    return tuple(int(v) for v in row)
