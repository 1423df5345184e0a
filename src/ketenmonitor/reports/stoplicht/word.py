# SPDX-License-Identifier: EUPL-1.2
"""The stoplichtenrapportage as an editable Word document (python-docx).

Real Word headings (so the navigation pane and a table of contents work), real tables with a
repeating header row, a caption and alternative text, lights as a character style (coloured
shading) with a symbol and a text label, charts as PNG images with alternative text followed by
their table. Staff finish the document in Word; styles come from the gemeente's template when one
is given (see :mod:`ketenmonitor.reports.stoplicht.word_styles`).
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from ketenmonitor.core.i18n import _
from ketenmonitor.reports.stoplicht.charts import figure_png
from ketenmonitor.reports.stoplicht.document import (
    Block,
    BulletList,
    Callout,
    DefinitionList,
    Document,
    Figure,
    Inline,
    Light,
    Paragraph,
    Section,
    Table,
    Text,
)
from ketenmonitor.reports.stoplicht.word_layout import TableOfContents, use_a4
from ketenmonitor.reports.stoplicht.word_styles import (
    StyleSet,
    open_template,
    resolve_styles,
    set_language,
)

FIGURE_WIDTH = Cm(16)


class _Writer:
    def __init__(self, word: WordDocument, styles: StyleSet) -> None:
        self.word = word
        self.styles = styles
        self.contents = TableOfContents(word)

    # -- inline -------------------------------------------------------------------------------
    def light(self, paragraph: WordParagraph, light: Light) -> None:
        if light.deel:
            paragraph.add_run(f"{light.deel}: ").bold = True
        run = paragraph.add_run(f"\u00a0{light.icoon}\u00a0{light.label}\u00a0")
        run.style = self.word.styles[self.styles.lights[light.kleur]]

    def inline(self, paragraph: WordParagraph, parts: tuple[Inline, ...]) -> None:
        for part in parts:
            if isinstance(part, Light):
                self.light(paragraph, part)
            else:
                run = paragraph.add_run(part.text)
                if part.strong:
                    run.bold = True

    def paragraph(self, parts: tuple[Inline, ...], style: str | None = None) -> WordParagraph:
        paragraph = self.word.add_paragraph(style=style)
        self.inline(paragraph, parts)
        return paragraph

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, blocks: tuple[Block, ...], level: int, style: str | None = None) -> None:
        for block in blocks:
            if isinstance(block, Section):
                self.section(block, level)
            elif isinstance(block, Paragraph):
                self.paragraph(block.parts, style)
            elif isinstance(block, BulletList):
                list_style = self.styles.number if block.ordered else self.styles.bullet
                for item in block.items:
                    self.paragraph(item, list_style)
            elif isinstance(block, DefinitionList):
                for term, description in block.items:
                    strong = tuple(Text(p.text, True) if isinstance(p, Text) else p for p in term)
                    paragraph = self.paragraph(strong, style)
                    paragraph.add_run(" — ")
                    self.inline(paragraph, description)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Callout):
                self.paragraph((Text(block.title, strong=True),), self.styles.callout)
                self.blocks(block.blocks, level, self.styles.callout)

    def section(self, section: Section, level: int) -> None:
        style = self.styles.headings[min(level, max(self.styles.headings))]
        heading = self.word.add_paragraph(section.title, style=style)
        self.contents.heading(heading, level)
        if section.new_page:
            heading.paragraph_format.page_break_before = True
        self.blocks(section.blocks, level + 1)

    def caption(self, label: str, number: int, text: str) -> WordParagraph:
        paragraph = self.word.add_paragraph(style=self.styles.caption)
        paragraph.add_run(f"{label} {number}. ").bold = True
        paragraph.add_run(text)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def table(self, table: Table) -> WordTable:
        self.caption(_("Tabel"), table.number, table.caption)
        word_table: WordTable = self.word.add_table(rows=1 + len(table.rows),
                                                    cols=len(table.columns))
        if self.styles.table:
            word_table.style = self.word.styles[self.styles.table]
        else:
            _borders(word_table)
        word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _describe(word_table, table.caption, table.source)
        header = word_table.rows[0]
        _repeat_header(header)
        for header_cell, column in zip(header.cells, table.columns, strict=True):
            paragraph = header_cell.paragraphs[0]
            paragraph.add_run(column.title).bold = True
            if column.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row, word_row in zip(table.rows, word_table.rows[1:], strict=True):
            for cell, word_cell in zip(row.cells, word_row.cells, strict=True):
                paragraph = word_cell.paragraphs[0]
                if cell.light is not None:
                    self.light(paragraph, cell.light)
                    continue
                run = paragraph.add_run(cell.text)
                if row.emphasis:
                    run.bold = True
                if cell.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if table.source:
            self.word.add_paragraph(table.source, style=self.styles.caption).runs[0].bold = False
        else:
            self.word.add_paragraph()
        return word_table

    def figure(self, figure: Figure) -> None:
        self.caption(_("Figuur"), figure.number, figure.caption)
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(figure_png(figure)), width=FIGURE_WIDTH)
        doc_pr = shape._inline.docPr
        doc_pr.set("title", figure.caption)
        doc_pr.set("descr", figure.description)
        note = _("De cijfers van figuur {figuur} staan in tabel {tabel}.").format(
            figuur=figure.number, tabel=figure.table.number
        )
        self.word.add_paragraph((figure.source + " " if figure.source else "") + note)
        self.table(figure.table)


def _borders(table: WordTable) -> None:
    """Single borders on every cell, for a template without a table style."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "808080")):
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    # The schema fixes the order inside tblPr: borders come before shading, layout and look.
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                 "w:tblCaption", "w:tblDescription")


def _describe(table: WordTable, caption: str, description: str) -> None:
    """Alternative text of the table (Word: Tabeleigenschappen → Alternatieve tekst)."""
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description or caption)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value[:255])
        tbl_pr.append(element)


def _repeat_header(row: object) -> None:
    """Mark the first row as header row: repeated on every page and read as column headers."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _field(paragraph: WordParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES): Word fills it in when it lays out the page."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", placeholder), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            run.text = text or ""
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                element.set(qn("w:dirty"), "true")
        run._r.append(element)


def _page_numbers(word: WordDocument) -> None:
    """'Pagina X van Y' in the footer, unless the template already has footer text."""
    footer = word.sections[0].footer
    if any(p.text.strip() for p in footer.paragraphs):
        return
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(_("Pagina") + " ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" " + _("van") + " ")
    _field(paragraph, "NUMPAGES", "1")


def _title_page(writer: _Writer, document: Document) -> None:
    word, styles = writer.word, writer.styles
    status = word.add_paragraph()
    status.add_run(document.status_label.upper()).bold = True
    word.add_paragraph(document.title, style=styles.title)
    word.add_paragraph(document.subtitle, style=styles.subtitle)
    for term, value in document.metadata:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(value)
    if document.legend:
        word.add_paragraph()
        for light, definition in document.legend:
            paragraph = word.add_paragraph()
            writer.light(paragraph, light)
            paragraph.add_run(f" {definition}")
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    word.add_paragraph(_("Inhoudsopgave"), style=styles.headings[1])
    writer.contents.placeholder()


def render_docx(document: Document, target: Path, template: Path | None = None) -> Path:
    """Write ``document`` as ``target`` (.docx), starting from ``template`` when given."""
    word = open_template(template)
    use_a4(word)
    styles = resolve_styles(word, from_template=template is not None)
    set_language(word)
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subtitle
    properties.author = _("Ketenmonitor")
    properties.keywords = ", ".join(document.keywords)
    properties.language = "nl-NL"
    properties.category = document.status_label
    properties.created = properties.modified = datetime.now()
    writer = _Writer(word, styles)
    _title_page(writer, document)
    writer.blocks(document.sections, 1)
    if document.footer:
        word.add_paragraph(document.footer, style=styles.caption)
    writer.contents.fill()
    _page_numbers(word)
    word.save(str(target))
    return target
