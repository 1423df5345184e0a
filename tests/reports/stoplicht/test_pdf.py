# SPDX-License-Identifier: EUPL-1.2
"""The PDF: tagged (PDF/UA-1), A4 with page numbers, text extractable, every page drawn."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from pypdf import PdfReader

from ketenmonitor.reports.stoplicht.document import Document

A4 = (595.0, 842.0)  # points


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
