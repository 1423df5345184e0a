# SPDX-License-Identifier: EUPL-1.2
"""The Excel workbook: one real header row per sheet, frozen, no merged cells, real numbers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook import Workbook

from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.reports.stoplicht.document import Document
from ketenmonitor.reports.stoplicht.spreadsheet import collect_sheets, sheet_name


@pytest.fixture(scope="module")
def book(render: Callable[[str], Path]) -> Workbook:
    return openpyxl.load_workbook(render("xlsx"))


def _rows(book: Workbook, sheet: str) -> list[dict[str, object]]:
    ws = book[sheet]
    values = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_a_sheet_per_topic_plus_explanation_and_definitions(book: Workbook) -> None:
    assert book.sheetnames[0] == "Toelichting"
    for name in ("Lichten", "Reeksen", "Reeksen gemeente en regio", "Activiteiten", "Output",
                 "Bronnen", "Bijdragen gemeenten", "Begroting", "Berekende lichten", "Definities",
                 "Lichtdefinities"):
        assert name in book.sheetnames
    assert book.sheetnames[-2:] == ["Definities", "Lichtdefinities"]


def test_every_sheet_has_one_frozen_header_row_and_no_merged_cells(book: Workbook) -> None:
    for ws in book.worksheets:
        assert not ws.merged_cells.ranges, ws.title
        assert ws.freeze_panes == "A2", ws.title
        header = [c.value for c in ws[1]]
        assert all(isinstance(h, str) and h for h in header), ws.title
        assert len(set(header)) == len(header), ws.title
        assert all(c.font.b for c in ws[1]), ws.title
        assert len(ws.tables) == 1, ws.title  # a real Excel table with a filter
        table = next(iter(ws.tables.values()))
        assert table.ref.startswith("A1:") and table.headerRowCount in (None, 1)


def test_lights_and_figures_behind_them(book: Workbook, report: EvaluatedReport) -> None:
    lights = _rows(book, "Lichten")
    assert len(lights) == len(report.lichten())
    assert {r["2025"] for r in lights} == {"Groen", "Oranje", "Rood", "Geen oordeel mogelijk",
                                           "Rood (overschreven; berekend: Oranje)"}
    computed = _rows(book, "Berekende lichten")
    delft = next(r for r in computed if r["Gebied"] == "Delft")
    assert delft["Cijfer"] == 69.0 and delft["Eenheid"] == "%"
    assert (delft["Berekend licht"], delft["Gekozen licht"]) == (
        "Oranje", "Rood (overschreven; berekend: Oranje)")
    suppressed = next(r for r in computed if r["Gebied"] == "Midden-Delfland")
    assert suppressed["Cijfer"] == "x" and suppressed["Gekozen licht"] == "Geen oordeel mogelijk"


def test_numbers_are_numbers_with_dutch_readable_formats(book: Workbook,
                                                         report: EvaluatedReport) -> None:
    ws = book["Reeksen"]
    header = [c.value for c in ws[1]]
    col = header.index("Cijfer") + 1
    unit = header.index("Eenheid") + 1
    period = header.index("Periode") + 1
    cells = [(ws.cell(r, col), ws.cell(r, unit).value, ws.cell(r, period).value)
             for r in range(2, ws.max_row + 1)]
    percent = [c for c, u, _p in cells if u == "%"]
    assert percent and all(isinstance(c.value, int | float) and c.value > 1 for c in percent)
    # One format for the whole column, whatever the unit: a percent format made 1,3 per 10.000
    # inwoners read as 130,0 %. Provisional figures (2025) keep their * through the format.
    assert {u for _c, u, _p in cells} > {"%"}
    assert {c.number_format for c, _u, p in cells if p != "2025"} == {"#,##0.0"}
    assert {c.number_format for c, _u, p in cells if p == "2025"} == {'#,##0.0"*"'}
    assert all(isinstance(c.value, int | float) for c, _u, _p in cells)
    assert report.financien is not None
    contributions = _rows(book, "Bijdragen gemeenten")
    assert len(contributions) == len(report.financien.bijdragen[0].rijen) + 1  # + total
    delft = next(r for r in contributions if r["Gemeente"] == "Delft")
    expected = next(b for b in report.financien.bijdragen[0].rijen if b.gemeente_naam == "Delft")
    assert Decimal(str(delft["Bijdrage"])) == expected.bedrag
    ws = book["Bijdragen gemeenten"]
    money = ws.cell(2, [c.value for c in ws[1]].index("Bijdrage") + 1)
    assert money.number_format == "[$€-413] #,##0.00"
    dates = book["Activiteiten"]
    assert dates.cell(2, 2 + 1).is_date and dates.cell(2, 2 + 1).number_format == "[$-413]d mmmm yyyy"


def test_definitions_of_the_indicators(book: Workbook, report: EvaluatedReport) -> None:
    rows = _rows(book, "Definities")
    assert {r["Indicator"] for r in rows} == {i.titel for i in report.indicatoren}
    assert all(r["Definitie"] for r in rows)


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    assert sheet_name("Reeksen", used) == "Reeksen"
    assert sheet_name("reeksen", used) == "reeksen (2)"
    long = sheet_name("Een heel lange naam: met [verboden] tekens/erin", used)
    assert len(long) <= 31 and not set("[]:*?/\\") & set(long)


def test_tables_with_other_columns_get_their_own_sheet(document: Document) -> None:
    from dataclasses import replace

    from ketenmonitor.reports.stoplicht.document import Column, Section

    first = document.tables()[0]
    other = replace(first, id="ander", columns=(*first.columns[:-1], Column("Iets anders")))
    extended = replace(document, sections=(*document.sections, Section("x", "X", (other,))))
    sheets = [s.name for s in collect_sheets(extended)]
    assert sheets.count("Lichten") == 2
