# SPDX-License-Identifier: EUPL-1.2
"""The Word document: real headings and tables, every light with its label, the gemeente's styles."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from structlog.testing import capture_logs

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.reports.stoplicht.document import Document, Figure
from ketenmonitor.reports.stoplicht.word import render_docx

LABELS = ("Groen", "Oranje", "Rood", "Geen oordeel mogelijk")


@pytest.fixture(scope="module")
def word(render: Callable[[str], Path]) -> docx.document.Document:
    return docx.Document(str(render("docx")))


def _light_runs(word: docx.document.Document) -> list[tuple[str, str]]:
    runs = [r for p in word.paragraphs for r in p.runs]
    runs += [r for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs
             for r in p.runs]
    return [(r.style.name, r.text) for r in runs if r.style is not None and
            r.style.name.startswith("Licht ")]


def test_real_headings_in_order(word: docx.document.Document, document: Document) -> None:
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    titles = [t for _s, t in headings]
    for section in document.sections:
        assert section.title in titles
    assert ("Heading 1", "In één oogopslag") in headings
    assert ("Heading 2", "2.1 Veiligheidsbeoordeling binnen de termijn") in headings
    assert word.paragraphs[1].style.name == "Title"
    assert word.core_properties.title == document.title
    assert word.core_properties.language == "nl-NL"


def test_real_tables_with_header_row_and_caption(word: docx.document.Document,
                                                 document: Document) -> None:
    tables = document.tables()
    assert len(word.tables) == len(tables)
    for word_table, table in zip(word.tables, tables, strict=True):
        header = word_table.rows[0]
        assert [c.text for c in header.cells] == [c.title for c in table.columns]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert word_table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == table.caption[:255]
        assert len(word_table.rows) == 1 + len(table.rows)
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert f"Tabel 1. {tables[0].caption}" in captions


def test_every_light_has_its_text_label_and_symbol(word: docx.document.Document,
                                                   document: Document) -> None:
    runs = _light_runs(word)
    assert len(runs) == len(document.lights()) + len(document.legend)
    for style, text in runs:
        label = text.strip("\u00a0 ")
        # an overridden light names the computed one after its own label (issue 15)
        label_only = label.split(" (overschreven; berekend: ")[0]
        assert any(label_only.endswith(x) for x in LABELS), text
        assert label[0] in "✓!✗?"
        kleur = {"✓": "groen", "!": "oranje", "✗": "rood", "?": "geen oordeel"}[label[0]]
        assert style == f"Licht {kleur}"
    shading = word.styles["Licht rood"].element.rPr.find(qn("w:shd"))
    assert shading is not None and shading.get(qn("w:fill")) == "B3261E"


def test_charts_are_images_with_alt_text_followed_by_their_table(
    word: docx.document.Document, document: Document
) -> None:
    figures = [b for b in document.walk() if isinstance(b, Figure)]
    pictures = word.inline_shapes
    assert len(pictures) == len(figures)
    for shape, figure in zip(pictures, figures, strict=True):
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr") == figure.description and doc_pr.get("title") == figure.caption


def test_page_numbers_and_dutch_language(word: docx.document.Document) -> None:
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Pagina" in footer
    lang = word.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-NL"


def test_gemeente_template_styles_are_used(document: Document, word_template: Callable[..., Path],
                                           template_marks: tuple[str, str], tmp_path: Path) -> None:
    font, red_fill = template_marks
    template = word_template()
    target = tmp_path / "rapport.docx"
    with capture_logs() as logs:
        render_docx(document, target, template)
    assert not [e for e in logs if e["event"] == "sjabloonstijl_ontbreekt"]
    word = docx.Document(str(target))
    assert word.styles["Heading 1"].font.name == font  # the template's own heading style
    assert {t.style.name for t in word.tables} == {"Tabel stoplicht"}
    red = word.styles["Licht rood"].element.rPr.find(qn("w:shd"))
    assert red.get(qn("w:fill")) == red_fill  # the template's shading, not ours
    assert ("Licht rood", "\u00a0✗\u00a0Rood\u00a0") in _light_runs(word)
    texts = [p.text for p in word.paragraphs]
    assert "Voorbeeldtekst die niet in het rapport mag komen." not in texts
    footer = [p.text for p in word.sections[0].footer.paragraphs]
    assert footer == ["Gemeente Voorbeeldstad – huisstijl"]  # kept, no page numbers added


def test_missing_template_style_falls_back_with_a_dutch_warning(
    document: Document, word_template: Callable[..., Path], tmp_path: Path
) -> None:
    template = word_template(with_orange=False)
    target = tmp_path / "rapport.docx"
    with capture_logs() as logs:
        render_docx(document, target, template)
    warnings = [e for e in logs if e["event"] == "sjabloonstijl_ontbreekt"]
    assert [e["stijl"] for e in warnings] == ["Licht oranje"]
    assert warnings[0]["log_level"] == "warning"
    assert "Het Word-sjabloon heeft geen stijl 'Licht oranje'" in warnings[0]["melding"]
    word = docx.Document(str(target))
    fallback = word.styles["Licht oranje"].element.rPr.find(qn("w:shd"))
    assert fallback.get(qn("w:fill")) == "A34700"
    assert any(style == "Licht oranje" for style, _t in _light_runs(word))


def test_a_dotx_template_is_accepted(document: Document, word_template: Callable[..., Path],
                                     template_marks: tuple[str, str], tmp_path: Path) -> None:
    source = word_template()
    dotx = tmp_path / "huisstijl.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    target = render_docx(document, tmp_path / "uit.docx", dotx)
    assert docx.Document(str(target)).styles["Heading 1"].font.name == template_marks[0]


def test_a_broken_template_is_refused_in_dutch(document: Document, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"geen word-bestand")
    with pytest.raises(InputRefused) as refused:
        render_docx(document, tmp_path / "uit.docx", broken)
    assert refused.value.message == (
        f"Het Word-sjabloon {broken} is geen geldig Word-bestand (.docx of .dotx).")
    assert "Sla het sjabloon in Word op" in refused.value.hint


def test_a4_pages_and_a_filled_table_of_contents(word: docx.document.Document,
                                                 document: Document) -> None:
    """A4, not python-docx's US Letter; the contents are written out (readable without Word
    updating a field), each entry a link to a bookmark on its heading, inside a TOC field."""
    for section in word.sections:
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    entries = [p for p in word.paragraphs if p.style.name.casefold().startswith("toc ")]
    texts = [p.text for p in entries]
    for section in document.sections:
        assert section.title in texts
    assert len(texts) > len(document.sections)  # level-2 headings too
    body = word.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = [h.get(qn("w:anchor")) for p in entries for h in p._p.iter(qn("w:hyperlink"))]
    assert len(anchors) == len(entries) and set(anchors) <= bookmarks
    instructions = "".join(t.text for t in entries[0]._p.iter(qn("w:instrText")))
    assert instructions.startswith("TOC ")
    kinds = [c.get(qn("w:fldCharType")) for p in entries for c in p._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
