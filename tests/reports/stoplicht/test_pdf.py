# SPDX-License-Identifier: EUPL-1.2
"""The PDF: tagged (PDF/UA-1), A4 with page numbers, text extractable, every page drawn, and
nothing — no table, no chart label, no hidden screen-reader text — outside the page or beside the
text column, checked from the PDF's own geometry (pypdfium2 character and object boxes)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from pypdf import PdfReader

from ketenmonitor.reports.stoplicht.document import Cell, Column, Document, Figure, Row, Section, Table
from ketenmonitor.reports.stoplicht.html import render_html
from ketenmonitor.reports.stoplicht.pdf import render_pdf

A4 = (595.0, 842.0)  # points
SIDE_MARGIN = 18 / 25.4 * 72  # stoplicht.css: @page margin 20mm 18mm 22mm
TOLERANCE = 1.0  # points: anti-aliasing of a border line


def outside(pdf: Path) -> list[str]:
    """Every character and drawn object that lies outside its page box, or left or right of the
    text column (the side margins), as 'page N: what (left-right)'."""
    found: list[str] = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            low, high = SIDE_MARGIN - TOLERANCE, width - SIDE_MARGIN + TOLERANCE
            text = page.get_textpage()
            for c in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(c)
                char = text.get_text_range(c, 1)
                if not char.strip():
                    continue
                if left < low or right > high or bottom < -TOLERANCE or top > height + TOLERANCE:
                    found.append(f"pagina {index + 1}: teken {char!r} ({left:.0f}-{right:.0f})")
            for item in page.get_objects(max_depth=1):
                left, bottom, right, top = item.get_bounds()
                if left < low or right > high or bottom < -TOLERANCE or top > height + TOLERANCE:
                    found.append(f"pagina {index + 1}: object {item.type} ({left:.0f}-{right:.0f})")
    finally:
        document.close()
    return found


@pytest.fixture(scope="module")
def pdf(render: Callable[[str], Path]) -> Path:
    return render("pdf")


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(str(pdf))


def test_text_is_extractable(reader: PdfReader, document: Document) -> None:
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for section in document.sections:
        assert section.title in text
    for label in ("Groen", "Oranje", "Rood", "Geen oordeel mogelijk"):
        assert label in text
    assert "Pagina 2 van" in text
    assert "groen bij 80,0 of hoger" in text


def test_tagged_pdf_ua_with_language_and_title(reader: PdfReader, document: Document) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "nl"
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]) in ("true", "True")
    assert reader.metadata is not None and reader.metadata.title.startswith(document.title)
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), xmp  # PDF/UA-1 identification


def test_a4_pages_and_landscape_appendices(reader: PdfReader) -> None:
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes[0] == (595, 842)
    assert set(sizes) <= {(595, 842), (842, 595)}
    assert (842, 595) in sizes  # the wide appendix tables
    assert len(sizes) >= 12


def test_every_page_renders_and_is_not_blank(pdf: Path, tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=0.6).to_pil().convert("L")
            spread = ImageStat.Stat(image).stddev[0]
            inked = sum(image.histogram()[:128])  # dark pixels: text, lines, lights
            assert spread > 2 and inked > 500, f"pagina {index + 1} lijkt leeg ({spread:.1f}, {inked})"
            if index == 0:
                image.save(tmp_path / "pagina-1.png")
    finally:
        document.close()
    assert (tmp_path / "pagina-1.png").stat().st_size > 5_000


def test_nothing_outside_the_page_or_the_text_column(pdf: Path) -> None:
    assert outside(pdf) == []


def test_a_wide_activities_table_and_long_norm_labels_fit(document: Document,
                                                           tmp_path: Path) -> None:
    """The demo's activity table (long Dutch compounds, seven columns, a '–' with hidden text
    in the last column) ran 26 pt past the right margin and its hidden text off the page."""
    words = ("Gezondheidszorg", "Centrumgemeente, Veilig Thuis, politie",
             "praktijkondersteuners", "Pijnacker-Nootdorp", "Inwoners (niet beroepsmatig)")
    columns = (Column("Activiteit"), Column("Datum", "date"), Column("Soort"), Column("Sector"),
               Column("Gemeenten"), Column("Organisaties"), Column("Deelnemers", "count"))
    rows = tuple(
        Row((Cell(f"Scholing {w} en {words[(i + 2) % 5]}"), Cell("16 september 2025"),
             Cell("Bijeenkomst"), Cell(w), Cell(words[(i + 3) % 5]), Cell(words[(i + 1) % 5]),
             Cell("–", None, "count", "geen cijfer") if i % 2 else Cell("1.210", 1210, "count")))
        for i, w in enumerate(words))
    table = Table("t-breed", 1, "Activiteiten van het uitvoeringsprogramma", columns, rows)
    figure = next(b for b in document.walk() if isinstance(b, Figure) and "grens" in str(b.spec))
    wide = dataclasses.replace(document, sections=(
        Section("s-breed", "Uitvoeringsprogramma", (table, figure)),))
    target = tmp_path / "breed.pdf"
    render_pdf(render_html(wide), target, tmp_path)
    assert outside(target) == []
