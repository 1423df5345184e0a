# SPDX-License-Identifier: EUPL-1.2
"""XLSX: one sheet with the figures, one with the definitions.

A real header row (no merged cells, no title rows above it), frozen, with a filter; figures as
numbers with a number format, so Excel in a Dutch locale shows them with a decimal comma and a
dot between thousands; a suppressed figure is the text ``.``, right-aligned like a number; a
provisional ``waarde`` keeps its ``*`` in the number format (12,3*) and stays a number.
"""

from __future__ import annotations

import io

import xlsxwriter

from ketenmonitor.core.i18n import _
from ketenmonitor.exports.cells import EMPTY_SIGNS, ExportTable

DATA_SHEET = "Gegevens"
DEFINITIONS_SHEET = "Definities"
MAX_WIDTH = 60


def _width(values: list[str]) -> int:
    return min(MAX_WIDTH, max([len(v) for v in values] + [8]) + 2)


def write_xlsx(table: ExportTable, definitions: list[tuple[str, str]]) -> bytes:
    """The workbook as bytes (also used by the portal's download)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    header = book.add_format({"bold": True, "bottom": 1, "text_wrap": False})
    integer = book.add_format({"num_format": "#,##0"})
    decimal = {d: book.add_format({"num_format": "#,##0." + "0" * d}) for d in range(1, 5)}
    # A provisional figure stays a number and shows its * (CBS sign), as 'weergave' does.
    provisional = {d: book.add_format({"num_format": "#,##0." + "0" * d + '"*"'})
                   for d in range(1, 5)}
    flagged = table.columns.index("voorlopig") if "voorlopig" in table.columns else None
    sign = book.add_format({"align": "right"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    bold = book.add_format({"bold": True, "valign": "top"})

    sheet = book.add_worksheet(DATA_SHEET)
    sheet.write_row(0, 0, table.columns, header)
    for r, row in enumerate(table.rows, start=1):
        for c, (value, kind) in enumerate(zip(row, table.kinds, strict=True)):
            if value is None:
                continue
            if isinstance(value, str) and value in EMPTY_SIGNS and kind != "tekst":
                sheet.write_string(r, c, value, sign)
            elif kind == "geheel" and isinstance(value, int):
                sheet.write_number(r, c, value, integer)
            elif kind == "decimaal" and isinstance(value, (int, float)):
                marked = flagged is not None and row[flagged] == "ja" and table.columns[c] == "waarde"
                formats = provisional if marked else decimal
                sheet.write_number(r, c, float(value), formats[max(1, table.decimals[c])])
            else:
                sheet.write_string(r, c, str(value))
    for c, column in enumerate(table.columns):
        sample = [str(row[c]) for row in table.rows[:200] if row[c] is not None]
        sheet.set_column(c, c, _width([column, *sample]))
    sheet.freeze_panes(1, 0)
    if table.rows:
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)

    defs = book.add_worksheet(DEFINITIONS_SHEET)
    defs.write_row(0, 0, [_("Onderdeel"), _("Toelichting")], header)
    for r, (term, text) in enumerate(definitions, start=1):
        defs.write_string(r, 0, term, bold)
        defs.write_string(r, 1, text, wrap)
    defs.set_column(0, 0, 28)
    defs.set_column(1, 1, 100)
    defs.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
