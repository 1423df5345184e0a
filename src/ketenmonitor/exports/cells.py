# SPDX-License-Identifier: EUPL-1.2
"""A publication table as rows of export cells, with disclosure control applied once more.

The table comes from a validated publication, so its figures are already rounded and suppressed.
The export still blanks every figure of a row marked ``onderdrukt`` itself, whatever columns the
published schema grows (confidence intervals, flags): a figure behind a suppressed cell can never
reach a spreadsheet. The blanked figures show the sign of the row's reason (format 1.2, ADR
0021): ``x`` geheim, ``…`` nog niet waarneembaar, ``.`` geen gegevens; ``x`` when a table has
no reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pyarrow as pa

from ketenmonitor.publish.signs import ONTHULLING, REASON_COLUMN, SIGNS

SUPPRESSED = SIGNS[ONTHULLING]
EMPTY_SIGNS = frozenset(SIGNS.values())  # written as text, never as a number
MAX_DECIMALS = 4
Kind = Literal["tekst", "geheel", "decimaal", "ja_nee"]
Cell = str | int | float | None


@dataclass(frozen=True)
class ExportTable:
    name: str
    columns: list[str]
    kinds: list[Kind]
    rows: list[list[Cell]]
    decimals: list[int]  # per column: decimals the published values carry (0 for non-decimals)


def _kind(data_type: pa.DataType) -> Kind:
    if pa.types.is_boolean(data_type):
        return "ja_nee"
    if pa.types.is_integer(data_type):
        return "geheel"
    if pa.types.is_floating(data_type) or pa.types.is_decimal(data_type):
        return "decimaal"
    return "tekst"


def _decimals(values: list[object], kind: Kind) -> int:
    """The fewest decimals (1 to 4) that show every published value of a column exactly."""
    if kind != "decimaal":
        return 0
    numbers = [float(v) for v in values if isinstance(v, (int, float))]
    for decimals in range(1, MAX_DECIMALS):
        if all(abs(round(v, decimals) - v) < 1e-9 for v in numbers):
            return decimals
    return MAX_DECIMALS


def export_table(name: str, table: pa.Table) -> ExportTable:
    """The cells of ``table`` in schema order; figures of a row without a figure become the
    sign of its reason."""
    columns = list(table.column_names)
    kinds = [_kind(f.type) for f in table.schema]
    hidden_flags = (
        table.column("onderdrukt").to_pylist() if "onderdrukt" in columns else [False] * len(table)
    )
    reasons = (table.column(REASON_COLUMN).to_pylist() if REASON_COLUMN in columns
               else [None] * len(table))
    rows: list[list[Cell]] = []
    for values, hidden, reason in zip(table.to_pylist(), hidden_flags, reasons, strict=True):
        row: list[Cell] = []
        sign = SIGNS.get(str(reason), SUPPRESSED)
        for column, kind in zip(columns, kinds, strict=True):
            value = values[column]
            if (hidden or reason) and (kind in ("geheel", "decimaal") or column == "weergave"):
                row.append(sign)
            elif kind == "ja_nee":
                row.append(None if value is None else ("ja" if value else "nee"))
            else:
                row.append(value)
        rows.append(row)
    decimals = [
        _decimals(table.column(c).to_pylist(), k) for c, k in zip(columns, kinds, strict=True)
    ]
    return ExportTable(name, columns, kinds, rows, decimals)
