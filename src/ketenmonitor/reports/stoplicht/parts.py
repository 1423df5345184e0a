# SPDX-License-Identifier: EUPL-1.2
"""Small pieces every builder module uses: lights, cells, numbering, Dutch money and periods."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ketenmonitor.core.formatting import format_amount, format_percent
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.publish.signs import ONTHULLING, short_label
from ketenmonitor.regiovisie.lights import LichtStatus
from ketenmonitor.regiovisie.result import Cijfer, EvaluatedLight
from ketenmonitor.reports.formatting import MISSING, SUPPRESSED, format_count
from ketenmonitor.reports.formatting import period_label as cbs_period_label
from ketenmonitor.reports.stoplicht.document import Cell, CellKind, Colour, Column, Light, Row, Table

_COLOURS: dict[LichtStatus, Colour] = {
    LichtStatus.GROEN: "groen",
    LichtStatus.ORANJE: "oranje",
    LichtStatus.ROOD: "rood",
    LichtStatus.GEEN_OORDEEL: "grijs",
}

#: Spreadsheet kind and decimals of a publication unit.
UNIT_KINDS: dict[str, tuple[CellKind, int]] = {
    "percentage": ("percent", 1),
    "per_1000_inwoners": ("number", 1),
    "per_10000_inwoners": ("number", 1),
    "per_10000_vrouwen": ("number", 1),
    "mediaan_dagen": ("number", 1),
    "gemiddelde": ("number", 1),
    "aantal": ("count", 0),
}


def badge(status: LichtStatus, deel: str = "") -> Light:
    """The badge of a status: colour, symbol and the Dutch label (never colour alone)."""
    return Light(_COLOURS[status], status.symbol, status.label, deel)


def light_cell(status: LichtStatus, deel: str = "") -> Cell:
    light = badge(status, deel)
    return Cell(light.text, light.text, "light", light=light)


def shown_badge(light: EvaluatedLight) -> Light:
    """The badge of the light as the report shows it. An overridden light says so in its own
    label, with the computed light beside it, so every format (HTML, PDF, DOCX, XLSX) that
    shows the badge shows the mark too (issue 15)."""
    shown = badge(light.status)
    computed = light.berekende_status
    if not light.overschreven or computed is None:
        return shown
    return replace(shown, label=overridden_label(light.status, computed))


def overridden_label(chosen: LichtStatus, computed: LichtStatus) -> str:
    return _("{gekozen} (overschreven; berekend: {berekend})").format(
        gekozen=chosen.label, berekend=computed.label)


def shown_light_cell(light: EvaluatedLight) -> Cell:
    shown = shown_badge(light)
    return Cell(shown.text, shown.text, "light", light=shown)


def empty_hint(cijfer: Cijfer) -> str:
    """What a screen reader says after the sign of a figure that is not there."""
    return short_label(cijfer.reden or ONTHULLING)


def text_cell(text: str) -> Cell:
    return Cell(text, text)


def figure_cell(cijfer: Cijfer | None, eenheid: str) -> Cell:
    """A published figure as published ('12,3', '12,3*', or a sign x, … or .), its raw value
    kept for Excel."""
    kind, _decimals = UNIT_KINDS.get(eenheid, ("number", 1))
    if cijfer is None:
        return Cell(MISSING, None, kind, _("geen cijfer"))
    if cijfer.onderdrukt or cijfer.waarde is None:
        return Cell(cijfer.weergave or SUPPRESSED, None, kind, empty_hint(cijfer))
    hint = _("voorlopig") if cijfer.voorlopig else ""
    return Cell(cijfer.weergave, cijfer.waarde, kind, hint)


def count_cell(value: int | None) -> Cell:
    if value is None:
        return Cell(MISSING, None, "count", _("geen cijfer"))
    return Cell(format_count(value), value, "count")


def money_text(value: Decimal | None, decimals: int = 2) -> str:
    """``Decimal('8310.5')`` → ``'€ 8.310,50'``; None → the sign for 'geen cijfer'."""
    if value is None:
        return MISSING
    return format_amount(value, decimals)


def money_cell(value: Decimal | None, decimals: int = 2) -> Cell:
    if value is None:
        return Cell(MISSING, None, "money", _("geen cijfer"))
    return Cell(money_text(value, decimals), value, "money")


def percent_cell(value: Decimal | float | None, decimals: int = 1) -> Cell:
    if value is None:
        return Cell(MISSING, None, "percent", _("geen cijfer"))
    return Cell(format_percent(float(value), decimals), float(value), "percent")


def period_key(code: str) -> tuple[int, int]:
    """Sort key of a period code: half-years before the year they belong to."""
    period = Period.parse(code)
    return (period.year, period.half or 3)


def period_label(code: str) -> str:
    """'2025' → '2025'; '2025-H1' → '1e halfjaar 2025' (CBS label)."""
    return cbs_period_label(code)


@dataclass
class Numbering:
    """Running numbers for tables and figures, and unique readable anchors."""

    tables: int = 0
    figures: int = 0
    anchors: set[str] = field(default_factory=set)

    def anchor(self, *parts: str) -> str:
        base = "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts if p)
        base = base or "sectie"
        candidate, n = base, 2
        while candidate in self.anchors:
            candidate, n = f"{base}-{n}", n + 1
        self.anchors.add(candidate)
        return candidate

    def table(
        self,
        caption: str,
        columns: tuple[Column, ...],
        rows: list[Row],
        *,
        source: str = "",
        sheet: str | None = None,
        context: tuple[tuple[str, str], ...] = (),
        anchor: str = "",
    ) -> Table:
        self.tables += 1
        return Table(
            self.anchor("tabel", anchor or str(self.tables)),
            self.tables,
            caption,
            columns,
            tuple(rows),
            source,
            sheet,
            context,
        )

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures
