# SPDX-License-Identifier: EUPL-1.2
"""Page setup and a filled table of contents for the Word version of the stoplichtenrapportage.

python-docx starts from a US Letter page; a Dutch gemeente prints on A4. A table of contents
that is only a field ("update the field to see it") is empty in every viewer that does not
update fields (Word Online, LibreOffice in read mode, a previewer, a screen reader user who does
not know the trick), so the entries are written out: one hyperlink per chapter and paragraph to
a bookmark on its heading. They sit inside a real TOC field, so "Veld bijwerken" in Word adds
page numbers without changing the entries.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph as WordParagraph

#: A4 in EMU, and margins that leave the 16 cm the charts are drawn at.
A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.5), Cm(2.5), Cm(2.5)
US_LETTER = (Emu(7772400), Emu(10058400))
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
TOC_LEVELS = 2


def use_a4(word: WordDocument) -> None:
    """Every section on A4 portrait with 2,5 cm margins, unless a template set its own size.

    A gemeente template made in a Dutch Word is already A4 and keeps its page setup; a page
    size of exactly US Letter is python-docx's (or an American template's) default, never a
    choice, and becomes A4.
    """
    for section in word.sections:
        size = (section.page_width, section.page_height)
        if size != US_LETTER and None not in size:
            continue
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.left_margin = section.right_margin = MARGIN_SIDE
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM


class TableOfContents:
    """Collects the headings as they are written and fills the contents paragraph afterwards."""

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.entries: list[tuple[int, str, str]] = []  # (level, title, bookmark)
        self.anchor: WordParagraph | None = None

    def placeholder(self) -> None:
        """Mark where the contents go (right after the 'Inhoudsopgave' heading)."""
        self.anchor = self.word.add_paragraph()

    def heading(self, paragraph: WordParagraph, level: int) -> None:
        """Give a heading a bookmark; headings up to level 2 become entries."""
        if level > TOC_LEVELS:
            return
        name = f"_Toc{len(self.entries) + 1:06d}"  # Word's own prefix; at most 40 characters
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(len(self.entries) + 1))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(len(self.entries) + 1))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)
        self.entries.append((level, paragraph.text, name))

    def fill(self) -> None:
        """Write one entry per collected heading inside a TOC field, at the placeholder."""
        if self.anchor is None or not self.entries:
            return
        styles = [_toc_style(self.word, level) for level in range(1, TOC_LEVELS + 1)]
        paragraphs: list[WordParagraph] = []
        for level, title, bookmark in self.entries:
            paragraph = self.anchor.insert_paragraph_before(style=styles[level - 1])
            _hyperlink(paragraph, title, bookmark)
            paragraphs.append(paragraph)
        link = paragraphs[0]._p.find(qn("w:hyperlink"))
        for element in (_field_char("begin"), _instruction(TOC_INSTRUCTION),
                        _field_char("separate")):
            link.addprevious(element)  # each lands right before the link: order is kept
        paragraphs[-1]._p.append(_field_char("end"))
        self.anchor._p.getparent().remove(self.anchor._p)


def _toc_style(word: WordDocument, level: int) -> str:
    """Word's built-in 'toc N' paragraph style; added when the document lacks it."""
    name = f"toc {level}"
    for style in word.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and str(style.name).casefold() == name:
            return str(style.name)
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
    style.paragraph_format.space_after = Pt(2 if level > 1 else 4)
    style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT,
                                                  WD_TAB_LEADER.DOTS)
    if level == 1:
        style.font.bold = True
    return str(style.name)


def _hyperlink(paragraph: WordParagraph, text: str, bookmark: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _run_with(element: BaseOxmlElement) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(element)
    return run


def _field_char(kind: str) -> BaseOxmlElement:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return _run_with(char)


def _instruction(instruction: str) -> BaseOxmlElement:
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    return _run_with(text)
