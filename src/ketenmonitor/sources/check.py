# SPDX-License-Identifier: EUPL-1.2
"""Check at the source: the row rules of ingest, run on the partner's machine before delivery.

Ingest validates a delivery with SQL in DuckDB (:mod:`ketenmonitor.ingest.rules`); the partner's
install has no DuckDB, so the same rules are written here once more over the pyarrow tables that
:func:`~ketenmonitor.sources.read_export` returns. ``tests/sources/test_check.py`` runs both on the
same rows and requires the same (rule, field, row) triples, so the two cannot drift apart.

Added at the source, where the identity is still readable: a BSN that is not 9 digits passing the
elfproef, and a date of birth that is not a date; and a betrokkene whose event is not in the
export (ingest holds such persons back). The outcome names rules, fields, the partner's
own column names and line numbers of the partner's file - never a value, so it can be shown and
mailed without exposing anyone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.codes import all_gemeenten, code_list
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import EVENT_RECORD_TYPE, RECORD_TYPES, Field, FieldType, RecordType
from ketenmonitor.sources.mapping import DERIVED_FIELDS
from ketenmonitor.sources.reader import SourceTable

# The same limits as ingest (ketenmonitor.ingest.rules); the parity test compares them.
DECIMAL_LIMIT = Decimal("9999999.99")
INT_PATTERN = "-?[0-9]{1,9}"
DECIMAL_PATTERN = "-?[0-9]{1,7}([.][0-9]+)?"
SHOWN_LINES = 5
# Rules whose failures make a date or an identity unreadable (for the thresholds of pseudonymise).
UNREADABLE = ("datum_ongeldig", "geboortedatum_ongeldig", "bsn_ongeldig")
# Rules on identifying fields: the row is still loaded (without that token) but links worse.
IDENTITY = ("geboortedatum_ongeldig", "bsn_ongeldig")


def event_keys() -> dict[str, str]:
    """The key field of every event record type of the catalogue (read when used)."""
    return {rt.name: rt.key[0] for rt in EVENT_RECORD_TYPE.values()}


@dataclass(frozen=True)
class RuleFailure:
    """The rows of one file that fail one rule on one field."""

    file: str
    record_type: str
    reason: str
    field: str
    column: str  # the partner's column name(s)
    lines: tuple[int, ...]  # line numbers in the partner's file, ascending
    filled: int  # rows with a value in the field (the base of a fraction)

    @property
    def rows(self) -> int:
        return len(self.lines)

    @property
    def fraction(self) -> float:
        return self.rows / self.filled if self.filled else 0.0


@dataclass(frozen=True)
class SourceCheck:
    """All rule failures of an export, plus the rows read per file and record type."""

    rows: dict[tuple[str, str], int]
    failures: list[RuleFailure] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return len({(f.file, f.record_type, line) for f in self.failures for line in f.lines})

    @property
    def quarantined_rows(self) -> int:
        """Rows that ingest will not load (a failure outside the identity rules)."""
        return len({(f.file, f.record_type, line) for f in self.failures
                    if f.reason not in IDENTITY for line in f.lines})

    def unreadable(self) -> list[RuleFailure]:
        """Failures that mean a date or an identity cannot be read."""
        return [f for f in self.failures if f.reason in UNREADABLE]


def _valid_date(array: pa.Array) -> pa.Array:
    """Which values are a real date written jjjj-mm-dd (computed once per distinct value)."""
    encoded = array.dictionary_encode()
    values = encoded.dictionary
    shaped = pc.fill_null(pc.match_substring_regex(values, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), False)
    text = pc.if_else(shaped, values, pa.scalar(None, pa.string()))
    parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    valid = pc.fill_null(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), text), False)
    return pc.fill_null(pc.take(valid, encoded.indices), False)


def _matches(array: pa.Array, pattern: str) -> pa.Array:
    return pc.fill_null(pc.match_substring_regex(array, f"^(?:{pattern})$"), False)


@cache
def _codes(name: str) -> pa.Array:
    return pa.array(code_list(name).codes, pa.string())


@cache
def _gemeenten() -> dict[str, list[tuple[date, date | None]]]:
    found: dict[str, list[tuple[date, date | None]]] = {}
    for g in all_gemeenten():
        found.setdefault(g.code, []).append((g.geldig_van, g.geldig_tot))
    return found


class _Rows:
    """Collects the failing row positions of one table, rule by rule, in ingest's order."""

    def __init__(self, source: SourceTable, today: date, period: Period | None) -> None:
        self.source = source
        self.table = source.table
        self.today = today
        self.period = period
        self.found: list[tuple[str, str, list[int]]] = []

    def column(self, name: str) -> pa.Array:
        return self.table.column(name).combine_chunks()

    def add(self, reason: str, name: str, mask: Any) -> None:
        positions = pc.indices_nonzero(pc.fill_null(mask, False)).to_pylist()
        if positions:
            self.found.append((reason, name, positions))

    @cached_property
    def reference_dates(self) -> pa.Array:
        """The record's reference date as date32 (null where not a valid date); today for a
        record type without one, as in ingest."""
        name = self.source_type.reference_date
        if name is None:
            return pa.array([self.today] * self.table.num_rows, pa.date32())
        values = self.column(name)
        valid = pc.if_else(_valid_date(values), values, pa.scalar(None, pa.string()))
        return pc.cast(valid, pa.date32())

    @property
    def source_type(self) -> RecordType:
        return RECORD_TYPES[self.source.record_type]


def _number_rules(rows: _Rows, f: Field, values: pa.Array) -> None:
    if f.type is FieldType.INT:
        pattern, reason = INT_PATTERN, "geheel_getal_ongeldig"
        lower: Decimal | None = Decimal(f.minimum) if f.minimum is not None else None
        upper: Decimal | None = Decimal(f.maximum) if f.maximum is not None else None
    else:
        pattern, reason = DECIMAL_PATTERN, "decimaal_ongeldig"
        lower = Decimal(f.minimum) if f.minimum is not None else None
        upper = min(Decimal(f.maximum), DECIMAL_LIMIT) if f.maximum is not None else DECIMAL_LIMIT
    well_formed = _matches(values, pattern)
    rows.add(reason, f.name, pc.and_(pc.is_valid(values), pc.invert(well_formed)))
    if lower is None and upper is None:
        return
    # at most 9 integer digits and 7 before the point: exact enough in a double for the bounds
    number = pc.cast(pc.if_else(well_formed, values, pa.scalar(None, pa.string())), pa.float64())
    outside = pa.array([False] * len(values), pa.bool_())
    if lower is not None:
        outside = pc.or_(outside, pc.fill_null(pc.less(number, float(lower)), False))
    if upper is not None:
        outside = pc.or_(outside, pc.fill_null(pc.greater(number, float(upper)), False))
    rows.add("buiten_bereik", f.name, outside)


def _gemeente_rules(rows: _Rows, f: Field, values: pa.Array) -> None:
    known = _gemeenten()
    is_known = pc.is_in(values, pa.array(list(known), pa.string()))
    rows.add("gemeente_onbekend", f.name, pc.and_(pc.is_valid(values), pc.invert(is_known)))
    day = rows.reference_dates
    invalid = pa.array([False] * len(values), pa.bool_())
    for code in pc.unique(pc.filter(values, is_known)).to_pylist():
        valid_then = pa.array([False] * len(values), pa.bool_())
        for start, end in known[code]:
            inside = pc.greater_equal(day, pa.scalar(start, pa.date32()))
            if end is not None:
                inside = pc.and_(inside, pc.less_equal(day, pa.scalar(end, pa.date32())))
            valid_then = pc.or_(valid_then, pc.fill_null(inside, False))
        wrong = pc.and_(pc.and_(pc.equal(values, code), pc.is_valid(day)), pc.invert(valid_then))
        invalid = pc.or_(invalid, pc.fill_null(wrong, False))
    rows.add("gemeente_ongeldig", f.name, invalid)


def _field_rules(rows: _Rows, f: Field) -> None:
    values = rows.column(f.name)
    if f.required:
        rows.add("verplicht_leeg", f.name, pc.is_null(values))
    if f.type is FieldType.DATE:
        valid = _valid_date(values)
        rows.add("datum_ongeldig", f.name, pc.and_(pc.is_valid(values), pc.invert(valid)))
        later = pc.greater(values, pa.scalar(rows.today.isoformat()))
        rows.add("datum_toekomst", f.name, pc.and_(valid, later))
    elif f.type is FieldType.BOOL:
        rows.add("ja_nee_ongeldig", f.name, pc.and_(pc.is_valid(values), pc.invert(
            pc.is_in(values, pa.array(["true", "false"])))))
    elif f.type in (FieldType.INT, FieldType.DECIMAL):
        _number_rules(rows, f, values)
    elif f.type is FieldType.CODE:
        rows.add("code_onbekend", f.name, pc.and_(pc.is_valid(values), pc.invert(
            pc.is_in(values, _codes(f.code_list or "")))))
    elif f.type is FieldType.CODES:
        parts = pc.split_pattern(values, "|")
        elements = pc.utf8_trim_whitespace(pc.list_flatten(parts))
        bad = pc.invert(pc.is_in(elements, _codes(f.code_list or "")))
        parents = pc.filter(pc.list_parent_indices(parts), bad).to_pylist()
        mask = [False] * len(values)
        for parent in parents:
            mask[parent] = True
        rows.add("code_onbekend", f.name, pa.array(mask, pa.bool_()))
    elif f.type is FieldType.GEMEENTE:
        _gemeente_rules(rows, f, values)


def _repeated(table: pa.Table, keys: Sequence[str]) -> pa.Array:
    """Rows whose complete key occurred in an earlier row (sorted, then neighbours compared)."""
    count = table.num_rows
    if count < 2:
        return pa.array([False] * count, pa.bool_())
    numbered = table.select(list(keys)).append_column("_i", pa.array(range(count), pa.int64()))
    order = pc.sort_indices(numbered, sort_keys=[*((k, "ascending") for k in keys),
                                                 ("_i", "ascending")])
    ordered = numbered.take(order)
    same = pa.array([True] * (count - 1), pa.bool_())
    for key in keys:
        column = ordered.column(key).combine_chunks()
        same = pc.and_(same, pc.fill_null(pc.equal(column.slice(1), column.slice(0, count - 1)),
                                          False))
    later = pc.filter(ordered.column("_i").combine_chunks().slice(1), same)
    mask = pa.array([False] * count, pa.bool_())
    return pc.is_in(pa.array(range(count), pa.int64()), later) if len(later) else mask


def _record_rules(rows: _Rows) -> None:
    rt = rows.source_type
    rows.add("dubbel", ", ".join(rt.key), _repeated(rows.table, rt.key))
    if rt.reference_date is None or rows.period is None:
        return
    day = rows.reference_dates
    start = pa.scalar(rows.period.start, pa.date32())
    end = pa.scalar(rows.period.end, pa.date32())
    rows.add("buiten_periode", rt.reference_date,
             pc.or_(pc.fill_null(pc.less(day, start), False),
                    pc.fill_null(pc.greater(day, end), False)))


def _identity_rules(rows: _Rows) -> None:
    from ketenmonitor.pseudonymise.normalise import normalise_bsn

    if "bsn" in rows.table.column_names:
        raw = rows.column("bsn")
        usable = normalise_bsn(raw).values
        rows.add("bsn_ongeldig", "bsn", pc.and_(pc.is_valid(raw), pc.is_null(usable)))
    if "geboortedatum" in rows.table.column_names:
        values = rows.column("geboortedatum")
        rows.add("geboortedatum_ongeldig", "geboortedatum",
                 pc.and_(pc.is_valid(values), pc.invert(_valid_date(values))))


def _checked_fields(record_type: RecordType) -> Iterator[Field]:
    for f in record_type.fields:
        if f.type in (FieldType.TOKEN, FieldType.BLOOM) or (
                record_type.name == "betrokkene" and f.name in DERIVED_FIELDS):
            continue
        yield f


def check_table(source: SourceTable, *, today: date,
                period: Period | None = None) -> list[tuple[str, str, list[int]]]:
    """(rule, field, failing row positions) of one source table, in ingest's order."""
    rows = _Rows(source, today, period)
    for f in _checked_fields(rows.source_type):
        _field_rules(rows, f)
    if source.record_type == "betrokkene":
        _identity_rules(rows)
    _record_rules(rows)
    return rows.found


def _orphans(source: SourceTable, tables: Sequence[SourceTable]) -> list[tuple[str, str, list[int]]]:
    """Betrokkenen whose bron_id is the key of no event record in the same export (ingest holds
    them back rather than loading persons without an event). Only when events were read."""
    event_key = event_keys()
    events = [t for t in tables if t.record_type in event_key]
    if source.record_type != "betrokkene" or not events:
        return []
    keys = pa.chunked_array([t.table.column(event_key[t.record_type]).combine_chunks()
                             for t in events], pa.string()).combine_chunks()
    bron = source.table.column("bron_id").combine_chunks()
    mask = pc.and_(pc.is_valid(bron), pc.invert(pc.is_in(bron, keys)))
    positions = pc.indices_nonzero(mask).to_pylist()
    return [("bron_ontbreekt", "bron_id", positions)] if positions else []


def check_export(tables: Sequence[SourceTable], *, today: date | None = None,
                 period: Period | None = None) -> SourceCheck:
    """Every row rule of ingest (and the identity rules) over an export as read by its mapping."""
    day = today or date.today()
    result = SourceCheck(rows={})
    for source in tables:
        key = (source.file.name, source.record_type)
        result.rows[key] = result.rows.get(key, 0) + source.table.num_rows
        numbers = source.row_numbers or list(range(2, source.table.num_rows + 2))
        found = [*check_table(source, today=day, period=period), *_orphans(source, tables)]
        for reason, name, positions in found:
            columns = [source.spec.header_of(n) if source.spec else n for n in name.split(", ")]
            filled = source.table.num_rows
            if name in source.table.column_names:
                filled -= source.table.column(name).null_count
            result.failures.append(RuleFailure(
                file=source.file.name, record_type=source.record_type, reason=reason, field=name,
                column=", ".join(c or n for c, n in zip(columns, name.split(", "), strict=True)),
                lines=tuple(sorted(numbers[p] for p in positions)), filled=filled))
    return result
