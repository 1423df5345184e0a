# SPDX-License-Identifier: EUPL-1.2
"""The figures a dashboard shows, as plain records: value, comparison and trend light.

Only published cells are used (value, display text with the CBS signs ``.`` and ``*``): the
portal never recomputes or unrounds a figure. Lights reuse the report's trend judgement, so a
figure is judged the same in the report and in the portal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.portal.dashboards.cells import CellIndex
from ketenmonitor.portal.dashboards.loading import LoadedPublication
from ketenmonitor.publish.signs import reason_of_sign, short_label
from ketenmonitor.reports.data import Area, Cell
from ketenmonitor.reports.formatting import PROVISIONAL, period_label, unit_label
from ketenmonitor.reports.source import IndicatorMeta
from ketenmonitor.reports.trend import TrendLight, judge_change


@dataclass(frozen=True)
class Figure:
    """A published figure with what a screen reader should hear for its CBS sign."""

    text: str
    hint: str = ""

    @classmethod
    def of(cls, cell: Cell | None) -> Figure:
        if cell is None:
            return cls("–", _("geen cijfer"))
        text = cell.weergave
        reason = reason_of_sign(text)
        if reason is not None:
            return cls(text, short_label(reason))
        if text in ("", "–"):
            return cls("–", _("geen cijfer"))
        if text.endswith(PROVISIONAL):
            return cls(text, _("voorlopig"))
        return cls(text)


@dataclass(frozen=True)
class FigureRow:
    meta: IndicatorMeta
    eenheid: str
    distribution: bool
    own: Figure
    region: Figure
    national: Figure | None
    previous: Figure
    light: TrendLight
    previous_period: str


def previous_period(code: str) -> str | None:
    """The same period one year earlier: 2024 → 2023, 2024-H1 → 2023-H1."""
    try:
        period = Period.parse(code)
    except KetenmonitorError:
        return None
    return Period(period.year - 1, period.half).code


def period_choice_label(pub: LoadedPublication, code: str) -> str:
    return period_label(code, pub.is_provisional(code))


def figure_row(
    pub: LoadedPublication, meta: IndicatorMeta, area: Area, periode: str
) -> FigureRow:
    table = pub.table(meta.id)
    before = previous_period(periode) or ""
    own = table.total(area.code, periode)
    prev = table.total(area.code, before) if before else Cell.missing()
    national_table = pub.national(meta.id)
    return FigureRow(
        meta=meta,
        eenheid=unit_label(meta.eenheid),
        distribution=table.is_distribution(),
        own=Figure.of(own),
        region=Figure.of(table.total(pub.region.code, periode)),
        national=(Figure.of(national_table.total("NL01", periode))
                  if national_table is not None else None),
        previous=Figure.of(prev),
        light=judge_change(prev, own, meta.richting),
        previous_period=period_label(before, pub.is_provisional(before)) if before else "",
    )


def theme_rows(
    pub: LoadedPublication, area: Area, periode: str
) -> list[tuple[str, list[FigureRow]]]:
    return [
        (theme, [figure_row(pub, meta, area, periode) for meta in metas])
        for theme, metas in pub.themes()
    ]


@dataclass(frozen=True)
class TrendRow:
    periode: str
    label: str
    own: Figure
    region: Figure
    national: Figure | None
    light: TrendLight | None


def trend_rows(
    pub: LoadedPublication, meta: IndicatorMeta, area: Area, kind: str
) -> list[TrendRow]:
    """Every period of one kind for the area, with the region (and Nederland) beside it."""
    table = pub.table(meta.id)
    national = pub.national(meta.id)
    rows: list[TrendRow] = []
    previous: Cell | None = None
    for code in pub.periods(kind):
        own = table.cell(area.code, code)
        rows.append(TrendRow(
            periode=code,
            label=period_choice_label(pub, code),
            own=Figure.of(own),
            region=Figure.of(table.cell(pub.region.code, code)),
            national=Figure.of(national.cell("NL01", code)) if national is not None else None,
            light=(judge_change(previous, own, meta.richting)
                   if previous is not None and area.niveau == "gemeente" else None),
        ))
        previous = own
    return rows


@dataclass(frozen=True)
class BreakdownRow:
    code: str
    label: str
    own: Figure
    region: Figure
    national: Figure | None


@dataclass(frozen=True)
class Breakdown:
    dimensie: str
    titel: str
    rows: list[BreakdownRow]


def breakdowns(
    pub: LoadedPublication, meta: IndicatorMeta, area: Area, periode: str
) -> list[Breakdown]:
    table = pub.table(meta.id)
    national = pub.national(meta.id)
    found: list[Breakdown] = []
    for dimensie in table.dimensions():
        rows = [
            BreakdownRow(
                code=code,
                label=label,
                own=Figure.of(table.cell(area.code, periode, dimensie, code)),
                region=Figure.of(table.cell(pub.region.code, periode, dimensie, code)),
                national=(Figure.of(national.cell("NL01", periode, dimensie, code))
                          if national is not None else None),
            )
            for code, label in table.categories(dimensie)
        ]
        found.append(Breakdown(dimensie, meta.dimension_title(dimensie), rows))
    return found


@dataclass(frozen=True)
class ComparisonRow:
    area: Area
    figure: Figure
    waarde: float | None


def gemeente_comparison(
    pub: LoadedPublication, table: CellIndex, gemeenten: list[Area], periode: str
) -> list[ComparisonRow]:
    totals = table.totals(periode)
    rows = []
    for area in gemeenten:
        cell = totals.get(area.code) or Cell.missing()
        rows.append(ComparisonRow(area, Figure.of(cell), cell.waarde))
    return rows
