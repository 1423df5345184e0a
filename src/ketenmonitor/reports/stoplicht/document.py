# SPDX-License-Identifier: EUPL-1.2
"""The stoplichtenrapportage as a format-neutral document: built once, rendered four times.

The builder turns an evaluated regiovisie into a :class:`Document`; the HTML, DOCX, PDF and XLSX
renderers only lay it out. Because no renderer computes or words anything itself, the four formats
cannot disagree on content. Table cells keep their raw value next to the Dutch display text, so the
spreadsheet gets real numbers and the text formats get the same figures as CBS would print them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

#: groen / oranje / rood as the regions use them; grijs = geen oordeel (mogelijk).
Colour = Literal["groen", "oranje", "rood", "grijs"]
#: How a cell's raw value is written to a spreadsheet (and aligned in text formats).
CellKind = Literal["text", "count", "number", "percent", "money", "date", "light"]
CalloutKind = Literal["uitleg", "let_op", "overschreven", "verhaal", "reflectie"]


@dataclass(frozen=True)
class Light:
    """A light badge: never colour alone — an icon with its own shape and a text label."""

    kleur: Colour
    icoon: str  # a glyph: ✓ ! ✕ ?
    label: str  # "groen", "oranje", "rood", "geen oordeel mogelijk"
    deel: str = ""  # the part of a split light this badge is about ("" = the whole resultaat)

    @property
    def text(self) -> str:
        """The badge as plain text, e.g. for a spreadsheet cell or a screen reader."""
        return f"{self.deel}: {self.label}" if self.deel else self.label


@dataclass(frozen=True)
class Text:
    """A run of text inside a paragraph."""

    text: str
    strong: bool = False


Inline = Text | Light


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]
    role: str = ""  # "lead" (intro), "meta" (source line), "" (body)

    @classmethod
    def of(cls, text: str, role: str = "") -> Paragraph:
        return cls((Text(text),), role)

    @property
    def plain(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class DefinitionList:
    """Term → description pairs (metadata on the title page, the light legend, definitions)."""

    items: tuple[tuple[tuple[Inline, ...], tuple[Inline, ...]], ...]


@dataclass(frozen=True)
class Cell:
    """A table cell: display ``text`` in Dutch notation plus the raw ``value`` for spreadsheets.

    ``hint`` is read by screen readers only (e.g. 'onderdrukt' after a '.'); ``light`` makes the
    cell a badge (its text is the label).
    """

    text: str
    value: int | float | Decimal | date | str | None = None
    kind: CellKind = "text"
    hint: str = ""
    light: Light | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in ("count", "number", "percent", "money")


@dataclass(frozen=True)
class Column:
    title: str
    kind: CellKind = "text"
    decimals: int = 0  # for spreadsheets: number format of number/percent/money columns
    wide: bool = False  # long text (a norm, a definition): give it room in wide tables
    weight: int = 0  # relative width in a table with a wide column; 0 = by kind

    @property
    def share(self) -> int:
        """Relative width: long text 7, short figures 2, other text and lights 3."""
        if self.weight:
            return self.weight
        if self.wide:
            return 7
        return 2 if self.numeric or self.kind == "date" else 3

    @property
    def numeric(self) -> bool:
        return self.kind in ("count", "number", "percent", "money")


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]  # the first cell is the row header
    emphasis: bool = False  # a total row


@dataclass(frozen=True)
class Table:
    """A table with one header row; the first column holds row headers.

    ``sheet`` names the spreadsheet sheet the rows belong to (None = not in the spreadsheet) and
    ``sheet_context`` the leading columns that tell, on that sheet, which part of the report a
    row comes from (e.g. the resultaat). Tables on one sheet share their columns.
    """

    id: str
    number: int
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    source: str = ""
    sheet: str | None = None
    sheet_context: tuple[tuple[str, str], ...] = ()

    def widths(self) -> list[float]:
        """Column widths in percent when a column is marked wide (else empty: automatic)."""
        if not any(c.wide for c in self.columns):
            return []
        total = sum(c.share for c in self.columns)
        return [round(100 * c.share / total, 1) for c in self.columns]


@dataclass(frozen=True)
class Figure:
    """A chart (Vega-Lite spec, rendered to SVG or PNG by the renderer) with its data table."""

    id: str
    number: int
    caption: str
    description: str  # accessible description of what the chart shows
    spec: dict[str, Any]
    table: Table
    source: str = ""


@dataclass(frozen=True)
class Callout:
    """A framed block: an explanation, an override, a practice story, a reflection."""

    kind: CalloutKind
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    """A heading with its content; nesting gives the heading level."""

    id: str
    title: str
    blocks: tuple[Block, ...] = ()
    role: str = ""  # "overzicht", "hoofdstuk", "financien", "vervolg", "bijlage"
    new_page: bool = False


Block = Paragraph | BulletList | DefinitionList | Table | Figure | Callout | Section


@dataclass(frozen=True)
class Document:
    """The whole report: title page data plus the sections in reading order."""

    title: str
    subtitle: str
    status: str  # "concept" | "vastgesteld"
    status_label: str
    metadata: tuple[tuple[str, str], ...]  # (term, value) on the title page
    sections: tuple[Section, ...]
    legend: tuple[tuple[Light, str], ...] = ()  # light → published definition
    footer: str = ""
    lang: str = "nl"
    keywords: tuple[str, ...] = field(default=())

    def walk(self) -> Iterator[Block]:
        """Every block in reading order, depth first (sections before their content)."""

        def visit(blocks: tuple[Block, ...]) -> Iterator[Block]:
            for block in blocks:
                yield block
                if isinstance(block, (Section, Callout)):
                    yield from visit(block.blocks)

        yield from visit(self.sections)

    def tables(self) -> list[Table]:
        """All tables, including those behind figures, in reading order."""
        found: list[Table] = []
        for block in self.walk():
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Figure):
                found.append(block.table)
        return found

    def lights(self) -> list[Light]:
        """Every light badge in the document (paragraphs, lists and table cells)."""
        found: list[Light] = []

        def inline(parts: tuple[Inline, ...]) -> None:
            found.extend(p for p in parts if isinstance(p, Light))

        for block in self.walk():
            if isinstance(block, Paragraph):
                inline(block.parts)
            elif isinstance(block, BulletList):
                for item in block.items:
                    inline(item)
            elif isinstance(block, DefinitionList):
                for term, description in block.items:
                    inline(term)
                    inline(description)
        for table in self.tables():
            found.extend(c.light for r in table.rows for c in r.cells if c.light is not None)
        return found
