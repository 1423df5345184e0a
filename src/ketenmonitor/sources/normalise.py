# SPDX-License-Identifier: EUPL-1.2
"""Turns a partner table into delivery fields: names, codes, ISO dates, decimal points, booleans.

Values are normalised where possible and otherwise passed on unchanged, so that ingest - not the
reader - decides per row and quarantines it with a reason: an unparseable date or an unknown label
stays as the partner wrote it. Empty cells become null. All work is columnar (pyarrow); labels are
mapped once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.codes import all_gemeenten
from ketenmonitor.delivery.schema import MULTI_SEPARATOR, RECORD_TYPES, FieldType
from ketenmonitor.sources.dates import map_distinct, normalise_dates
from ketenmonitor.sources.mapping import DERIVED_FIELDS, IDENTITY_FIELDS, TOKEN_FIELDS, FileMapping

__all__ = ["BOOLEAN_LABELS", "map_distinct", "normalise_dates", "output_fields", "to_delivery"]

BOOLEAN_LABELS = {"ja": "true", "nee": "false", "j": "true", "n": "false", "1": "true",
                  "0": "false", "true": "true", "false": "false", "waar": "true",
                  "onwaar": "false", "y": "true", "yes": "true", "no": "false"}


def output_fields(record_type: str) -> list[str]:
    """Column names of a source table: delivery fields, with raw identity instead of tokens.

    For betrokkene the leeftijdsklasse is left out: pseudonymise derives it from the date of birth.
    """
    names = RECORD_TYPES[record_type].field_names
    if record_type != "betrokkene":
        return names
    result: list[str] = []
    for name in names:
        if name == "bsn_token":
            result.extend(IDENTITY_FIELDS)
        elif name not in TOKEN_FIELDS and name not in DERIVED_FIELDS:
            result.append(name)
    return result


def _clean(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    trimmed = pc.utf8_trim_whitespace(array)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _name_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


# Names in daily use that differ from the CBS name.
_GEMEENTE_ALIASES = {"denhaag": "GM0518", "denbosch": "GM0796"}


@cache
def gemeente_names() -> dict[str, str]:
    """Name (case, spaces and punctuation ignored) -> CBS code; a name used by more than one
    gemeente over the years goes to the one that still exists or ended last."""
    ordered = sorted(all_gemeenten(), key=lambda g: (g.geldig_tot is None,
                                                     g.geldig_tot or g.geldig_van))
    names = {_name_key(g.naam): g.code for g in ordered}
    known = {g.code for g in ordered}
    names.update({k: v for k, v in _GEMEENTE_ALIASES.items() if v in known and k not in names})
    return names


def _gemeente_by_name(value: str) -> str:
    return gemeente_names().get(_name_key(value), value)


def _lookup(table: dict[str, str], defaults: dict[str, str] | None = None) -> Callable[[str], str]:
    lowered = {k.lower(): v for k, v in (defaults or {}).items()}
    lowered.update({k.lower(): v for k, v in table.items()})

    def find(value: str) -> str:
        return table.get(value, lowered.get(value.lower(), value))

    return find


def _normalise(array: pa.Array, kind: FieldType, spec: FileMapping, field: str) -> pa.Array:
    values = spec.values.get(field, {})
    if kind == FieldType.GEMEENTE and spec.gemeente_names:
        find = _lookup(values)
        return map_distinct(array, lambda v: _gemeente_by_name(find(v)))
    if kind in (FieldType.CODE, FieldType.GEMEENTE):
        return map_distinct(array, _lookup(values)) if values else array
    if kind == FieldType.BOOL:
        return map_distinct(array, _lookup(values, BOOLEAN_LABELS))
    if kind == FieldType.CODES:
        find = _lookup(values)
        separator = spec.multi_separator

        def split(cell: str) -> str | None:
            parts = [find(p.strip()) for p in cell.split(separator) if p.strip()]
            return MULTI_SEPARATOR.join(parts) or None

        return map_distinct(array, split)
    if kind == FieldType.DATE:
        return normalise_dates(array, spec.date_format_for(field))
    if kind == FieldType.DECIMAL and spec.decimal_separator != ".":
        return pc.replace_substring(array, pattern=spec.decimal_separator, replacement=".")
    return array


def to_delivery(raw: pa.Table, spec: FileMapping) -> pa.Table:
    """Rename and normalise the partner columns into the source table of ``spec.record_type``."""
    record = RECORD_TYPES[spec.record_type]
    columns: dict[str, pa.Array] = {}
    for name in output_fields(spec.record_type):
        header = spec.header_of(name)
        if header is None:
            columns[name] = pa.nulls(raw.num_rows, type=pa.string())
            continue
        array = _clean(raw.column(header))
        if name in IDENTITY_FIELDS:
            kind = FieldType.DATE if name == "geboortedatum" else FieldType.TEXT
        else:
            kind = record.field(name).type
        columns[name] = _normalise(array, kind, spec, name)
    return pa.table(columns)
