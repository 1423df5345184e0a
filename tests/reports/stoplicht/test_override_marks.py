# SPDX-License-Identifier: EUPL-1.2
"""Every overridden light is marked as overridden, with the computed light beside it, in all
four formats (issue 15): each rendered file is opened and searched for the mark.

The fixture regiovisie overrides one computed light (Delft: computed Oranje, chosen Rood).
Text is compared without white space, because a PDF or a narrow table cell may wrap the label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from pypdf import PdfReader

from ketenmonitor.regiovisie.result import EvaluatedReport

MARK = "overschreven;berekend:"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _overridden(report: EvaluatedReport) -> list[str]:
    """'Rood(overschreven;berekend:Oranje)' for every overridden light, without white space."""
    found = [
        _squeeze(f"{light.status.label} (overschreven; berekend: {light.berekende_status.label})")
        for _o, _r, light in report.lichten()
        if light.overschreven and light.berekende_status is not None
    ]
    assert found, "the fixture has an overridden light"
    return found


def _count(text: str, marks: list[str]) -> dict[str, int]:
    squeezed = _squeeze(text)
    return {mark: squeezed.count(mark) for mark in marks}


def test_html_marks_every_overridden_light(render: Callable[[str], Path],
                                           report: EvaluatedReport) -> None:
    html = render("html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    counts = _count(text, _overridden(report))
    # overview, chapter heading and the appendix table each show it
    assert all(n >= 3 for n in counts.values()), counts


def test_pdf_marks_every_overridden_light(render: Callable[[str], Path],
                                          report: EvaluatedReport) -> None:
    reader = PdfReader(render("pdf"))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    counts = _count(text, _overridden(report))
    assert all(n >= 3 for n in counts.values()), counts


def test_docx_marks_every_overridden_light(render: Callable[[str], Path],
                                           report: EvaluatedReport) -> None:
    document = docx.Document(str(render("docx")))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    counts = _count(" ".join(parts), _overridden(report))
    assert all(n >= 3 for n in counts.values()), counts


def test_xlsx_marks_every_overridden_light(render: Callable[[str], Path],
                                           report: EvaluatedReport) -> None:
    book = openpyxl.load_workbook(render("xlsx"), read_only=True)
    values = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for v in row if v is not None]
    counts = _count(" ".join(values), _overridden(report))
    # the overview sheet and the sheet of the figures behind the lights
    assert all(n >= 2 for n in counts.values()), counts
    assert MARK in _squeeze(" ".join(values))
