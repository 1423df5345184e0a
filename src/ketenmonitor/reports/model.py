# SPDX-License-Identifier: EUPL-1.2
"""The report as plain data: sections, figures and tables ready for the templates.

Section builders fill these records; the Jinja2 templates only lay them out. Keeping the content
out of the templates lets the tests check what the report says without parsing HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from ketenmonitor.core.i18n import _
from ketenmonitor.publish.signs import reason_of_sign, short_label
from ketenmonitor.reports.data import Cell
from ketenmonitor.reports.formatting import MISSING, PROVISIONAL
from ketenmonitor.reports.statistics import SMALL_NUMBER, figure_with_interval
from ketenmonitor.reports.trend import TrendLight


@dataclass(frozen=True)
class TableCell:
    """A cell; ``hint`` is read by screen readers only (e.g. 'geheim' after an 'x')."""

    text: str
    hint: str = ""
    light: TrendLight | None = None
    numeric: bool = True
    marker: str = ""  # e.g. 'k' for a small number; explained by ``marker_hint``
    marker_hint: str = ""

    @classmethod
    def figure(cls, weergave: str) -> TableCell:
        """A published figure with the meaning of its CBS sign spelled out for screen readers."""
        reason = reason_of_sign(weergave)
        if reason is not None:
            return cls(weergave, short_label(reason))
        if weergave == MISSING:
            return cls(weergave, _("geen cijfer"))
        if weergave.endswith(PROVISIONAL):
            return cls(weergave, _("voorlopig"))
        return cls(weergave)

    @classmethod
    def cbs_figure(cls, weergave: str) -> TableCell:
        """A CBS figure: there '.' means unknown, not reliable enough or secret (StatLine)."""
        if weergave == ".":
            return cls(weergave, _("onbekend of geheim bij het CBS"))
        return cls.figure(weergave)

    @classmethod
    def statistic(cls, cell: Cell, decimals: int | None) -> TableCell:
        """A figure with its 95% interval (unless ``decimals`` is None) and small-number marker."""
        base = cls.figure(cell.weergave)
        text = cell.weergave if decimals is None else figure_with_interval(cell, decimals)
        if not cell.klein_aantal:
            return replace(base, text=text)
        return replace(base, text=text, marker=SMALL_NUMBER,
                       marker_hint=_("klein aantal, lees het cijfer met het interval"))

    @classmethod
    def judgement(cls, light: TrendLight) -> TableCell:
        return cls(light.label, light=light, numeric=False)

    @classmethod
    def text_cell(cls, text: str) -> TableCell:
        return cls(text, numeric=False)


@dataclass(frozen=True)
class TableRow:
    header: str
    cells: list[TableCell]
    link: str = ""  # anchor the row header links to
    emphasis: bool = False


@dataclass(frozen=True)
class TableView:
    id: str
    number: int
    caption: str
    row_header: str  # heading of the first column
    columns: list[str]
    rows: list[TableRow]
    source: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. a method break in the periods shown

    def numeric_column(self, index: int) -> bool:
        """A column is right-aligned when its cells hold figures (judged from the first row)."""
        if not self.rows or index >= len(self.rows[0].cells):
            return True
        return self.rows[0].cells[index].numeric


@dataclass(frozen=True)
class FigureView:
    id: str
    number: int
    caption: str
    svg: Markup
    source: str


@dataclass(frozen=True)
class Exhibit:
    """A table, preceded by the chart it belongs to when there is one."""

    table: TableView
    figure: FigureView | None = None


@dataclass(frozen=True)
class IndicatorView:
    anchor: str
    titel: str
    definitie: str
    eenheid: str
    exhibits: list[Exhibit]
    definitie_anchor: str = ""
    oordeel: TrendLight | None = None
    oordeel_tekst: str = ""
    trend_tekst: str = ""  # the trend test in words (ADR 0006), '' when there is none
    indicator_id: str = ""


@dataclass(frozen=True)
class ThemaView:
    anchor: str
    titel: str
    indicators: list[IndicatorView]


@dataclass(frozen=True)
class AreaView:
    anchor: str
    titel: str
    niveau: str
    intro: str
    kerncijfers: TableView | None
    themas: list[ThemaView]
    overige: TableView | None = None  # gemeente: the non-core indicators in one table


@dataclass
class Numbering:
    """Running numbers for figures and tables over the whole report."""

    figures: int = 0
    tables: int = 0
    used_anchors: set[str] = field(default_factory=set)

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    def anchor(self, *parts: str) -> str:
        """A unique, readable HTML id from ``parts``."""
        base = "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts if p)
        base = base or "sectie"
        candidate, n = base, 2
        while candidate in self.used_anchors:
            candidate, n = f"{base}-{n}", n + 1
        self.used_anchors.add(candidate)
        return candidate
