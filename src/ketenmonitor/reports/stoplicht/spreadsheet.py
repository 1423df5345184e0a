# SPDX-License-Identifier: EUPL-1.2
"""The tables behind the stoplichtenrapportage as an Excel workbook (xlsxwriter).

One sheet per topic (lights, indicator figures, chart series, activities, budget, ...), each a
single real Excel table: one header row, frozen, with a filter, no merged cells, raw numbers with
a number format (Excel shows them in Dutch notation in a Dutch Excel: 1.234,5 / € 8.310,50); a
provisional figure keeps its ``*`` through the number format (63,0*) and stays a number.
CBS signs (``.`` onderdrukt, ``–`` geen cijfer) stay text. A first sheet explains the workbook and
a last sheet holds the definitions of the indicators and the lights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ketenmonitor.core.i18n import _
from ketenmonitor.reports.stoplicht.document import Cell, Column, Document

#: Number formats; Excel substitutes the user's decimal and thousands separators. A percentage
#: is stored as the figure the report shows (63,0 for 63,0 %), with the number format: a column
#: such as 'Cijfer' holds figures of several units side by side (its 'Eenheid' column says
#: which), so it has one format for all of them — a percent format made 1,3 per 10.000
#: inwoners read as 130,0 % and 27 days as 2.700,0 %.
FORMATS = {
    "count": "#,##0",
    "number": "#,##0.{zeros}",
    "percent": "#,##0.{zeros}",
    "money": "[$€-413] #,##0.{zeros}",
    "date": "[$-413]d mmmm yyyy",
}
#: Appended to the format of a provisional figure: the cell stays a number and shows 63,0*.
PROVISIONAL_SUFFIX = '"*"'
MAX_WIDTH = 60
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    """The rows of every table that goes on one sheet, with the context columns in front."""

    name: str
    context: list[str]
    columns: tuple[Column, ...]
    rows: list[tuple[list[str], tuple[Cell, ...]]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def collect_sheets(document: Document) -> list[Sheet]:
    """Group the document's tables by sheet name, in order of first appearance.

    Tables that share a sheet share their columns; a table whose columns differ from the
    sheet's goes to a sheet of its own ('Naam (2)'), so the workbook never has two header rows
    on one sheet.
    """
    sheets: dict[tuple[str, tuple[str, ...]], Sheet] = {}
    for table in document.tables():
        if table.sheet is None:
            continue
        context = [name for name, _value in table.sheet_context]
        shape = (*context, "|", *(c.title for c in table.columns))
        sheet = sheets.get((table.sheet, shape))
        if sheet is None:
            sheet = sheets[(table.sheet, shape)] = Sheet(table.sheet, context, table.columns)
        values = [value for _name, value in table.sheet_context]
        sheet.rows.extend((values, row.cells) for row in table.rows)
        sheet.captions.append(f"{_('Tabel')} {table.number}. {table.caption}")
        if table.source and table.source not in sheet.sources:
            sheet.sources.append(table.source)
    return list(sheets.values())


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no []:*?/\\)."""
    base = _INVALID_SHEET_CHARS.sub("-", name).strip("'")[:31] or _("Blad")
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


class _Formats:
    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.cache: dict[tuple[str, int, bool], Any] = {}
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.right = book.add_format({"align": "right"})

    def number(self, kind: str, decimals: int, provisional: bool = False) -> Any:
        key = (kind, decimals, provisional)
        if key not in self.cache:
            pattern = FORMATS[kind].format(zeros="0" * decimals)
            if decimals == 0:
                pattern = pattern.replace(".", "")
            if provisional:
                pattern += PROVISIONAL_SUFFIX
            self.cache[key] = self.book.add_format({"num_format": pattern})
        return self.cache[key]


def _value(cell: Cell) -> int | float | date | str | None:
    """The raw value to store: a number or date when there is one, else the display text."""
    value = cell.value
    if cell.light is not None:
        return cell.light.text
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return cell.text
    if isinstance(value, int | float | date):
        return value
    return cell.text


def _write_sheet(book: Workbook, formats: _Formats, sheet: Sheet, name: str) -> Worksheet:
    ws = book.add_worksheet(name)
    headers = sheet.context + [c.title for c in sheet.columns]
    kinds = ["text"] * len(sheet.context) + [c.kind for c in sheet.columns]
    decimals = [0] * len(sheet.context) + [c.decimals for c in sheet.columns]
    widths = [len(h) for h in headers]
    for r, (context, cells) in enumerate(sheet.rows, start=1):
        for c, text in enumerate(context):
            ws.write_string(r, c, text)
            widths[c] = max(widths[c], len(text))
        for offset, cell in enumerate(cells):
            c = len(context) + offset
            value = _value(cell)
            if isinstance(value, str):
                ws.write_string(r, c, value, formats.right if cell.numeric else None)
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, formats.number("date", 0))
            elif value is None:
                ws.write_string(r, c, cell.text)
            else:
                kind = kinds[c] if kinds[c] in FORMATS else "number"
                provisional = cell.text.rstrip().endswith("*")
                ws.write_number(r, c, value, formats.number(kind, decimals[c], provisional))
            widths[c] = max(widths[c], len(cell.text))
    last_row = max(len(sheet.rows), 1)
    ws.add_table(
        0, 0, last_row, len(headers) - 1,
        {
            "name": "T_" + re.sub(r"\W", "_", name)[:200],
            "columns": [{"header": h, "header_format": formats.header} for h in headers],
            "style": "Table Style Light 9",
            "autofilter": True,
        },
    )
    ws.freeze_panes(1, 0)
    for c, width in enumerate(widths):
        ws.set_column(c, c, min(MAX_WIDTH, max(10, width + 2)))
    return ws


def _about_sheet(book: Workbook, formats: _Formats, document: Document,
                 sheets: list[tuple[str, Sheet]]) -> None:
    ws = book.add_worksheet(_("Toelichting"))
    rows: list[tuple[str, str]] = [(term, value) for term, value in document.metadata]
    rows.append((_("Status"), document.status_label))
    for name, sheet in sheets:
        rows.append((_("Blad {naam}").format(naam=name), "; ".join(sheet.captions)))
        for source in sheet.sources:
            rows.append((_("Bron op blad {naam}").format(naam=name), source))
    rows.append((_("Tekens"), _("x = geheim (beveiligd tegen onthulling); … = nog niet "
                               "waarneembaar; . = geen gegevens; * = voorlopig cijfer; – = geen "
                               "cijfer")))
    rows.append((_("Getallen"), _("Getallen staan als getal in de cellen, met een getalnotatie: "
                                  "een cijfer zoals in het rapport (63,0 bij een percentage; de "
                                  "kolom Eenheid zegt welke eenheid), bedragen in euro. Een "
                                  "voorlopig cijfer blijft een getal en toont zijn * (63,0*).")))
    ws.add_table(
        0, 0, len(rows), 1,
        {
            "name": "T_Toelichting",
            "columns": [{"header": _("Onderwerp"), "header_format": formats.header},
                        {"header": _("Toelichting"), "header_format": formats.header}],
            "data": [list(r) for r in rows],
            "style": "Table Style Light 9",
        },
    )
    ws.freeze_panes(1, 0)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 100, formats.wrap)


def render_xlsx(document: Document, target: Path) -> Path:
    """Write the document's sheet tables as ``target`` (.xlsx)."""
    sheets = collect_sheets(document)
    book = xlsxwriter.Workbook(str(target), {"strings_to_numbers": False})
    book.set_properties({
        "title": document.title,
        "subject": document.subtitle,
        "author": _("Ketenmonitor"),
        "keywords": ", ".join(document.keywords),
        "comments": document.footer,
        "status": document.status_label,
    })
    formats = _Formats(book)
    used: set[str] = {_("Toelichting").casefold()}
    named = [(sheet_name(s.name, used), s) for s in sheets]
    _about_sheet(book, formats, document, named)
    for name, sheet in named:
        _write_sheet(book, formats, sheet, name)
    book.close()
    return target
