# SPDX-License-Identifier: EUPL-1.2
"""Charts with their tables for one indicator in the region, and the helpers all exhibits share.

For the region: the trend over the years, the gemeenten compared in the latest year, and a
breakdown per dimension. Every chart is followed by a table with the same figures; the gemeente
exhibits live in :mod:`ketenmonitor.reports.gemeente_exhibits`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ketenmonitor.core.i18n import _
from ketenmonitor.publish.signs import SIGNS
from ketenmonitor.reports import charts, statistics
from ketenmonitor.reports.data import Area, Cell, IndicatorTable
from ketenmonitor.reports.empty_notes import area_notes, category_notes
from ketenmonitor.reports.formatting import (
    MISSING,
    format_count,
    period_label,
    sources_text,
    unit_label,
)
from ketenmonitor.reports.model import (
    Exhibit,
    FigureView,
    Numbering,
    TableCell,
    TableRow,
    TableView,
)
from ketenmonitor.reports.source import IndicatorMeta

if TYPE_CHECKING:
    from ketenmonitor.reports.cbs_exhibits import BenchmarkTable


@dataclass
class ExhibitContext:
    """What every exhibit needs besides the indicator: numbering, areas and the source line."""

    numbering: Numbering
    region: Area
    gemeenten: list[Area]
    source_suffix: str  # "; bewerking Ketenmonitor, publicatie …. Peildatum …."
    benchmark: BenchmarkTable | None = None  # CBS comparison (publication format 1.1)


def decimals_of(table: IndicatorTable) -> int:
    """Decimals the publisher used in ``weergave`` (so charts print figures the same way)."""
    return table.decimals


def source_line(meta: IndicatorMeta, ctx: ExhibitContext) -> str:
    return _("Bron: {bronnen}").format(bronnen=sources_text(list(meta.bronnen))) + ctx.source_suffix


def chart_title(meta: IndicatorMeta) -> str:
    """The indicator title without its unit: the axis and the table columns name the unit, so a
    caption that repeats it ('... per 1.000 inwoners' over an axis 'per 1.000 inwoners') only adds
    words (issue 15)."""
    titel = meta.titel
    label = unit_label(meta.eenheid)
    if not label:
        return titel
    pattern = re.compile(r"\s*(\(\s*(in\s+)?" + re.escape(label) + r"\s*\)|"
                         r"\b(in\s+)?" + re.escape(label) + r"(?=\W|$))", re.IGNORECASE)
    stripped = re.sub(r"\s{2,}", " ", pattern.sub("", titel)).strip(" ,:")
    return stripped or titel


def interval_of(cell: Cell) -> tuple[float | None, float | None]:
    """Lower and upper bound of ``cell``'s 95% interval for a chart (None, None without one)."""
    found = cell.interval
    return found if found is not None else (None, None)


def subject(meta: IndicatorMeta, dimensie: str) -> str:
    """'Adviezen per 1.000 inwoners naar soort bericht', without repeating what the title says.

    A title that already names its breakdown ('Meldingen naar aard') is used as it is; with more
    than one breakdown the dimension follows after a colon.
    """
    label = meta.dimension_title(dimensie).lower()
    titel = chart_title(meta)
    breakdown_title = " naar " in f" {titel.lower()} "
    if label in titel.lower() or (breakdown_title and len(meta.dimensies) <= 1):
        return titel
    if breakdown_title:
        return f"{titel}: {label}"
    return _("{titel} naar {dimensie}").format(titel=titel, dimensie=label)


def unit(meta: IndicatorMeta) -> str:
    return unit_label(meta.eenheid) or _("waarde")


def count_cell(value: int | None, cell: Cell) -> TableCell:
    """A teller/noemer cell: the rounded count, the sign of the cell's reason when it has no
    figure (x, … or .), '–' when absent."""
    if value is not None:
        return TableCell(format_count(value))
    return TableCell.figure(SIGNS.get(cell.reden or "", MISSING))


def sign_of(cell: Cell) -> str:
    """The sign a chart draws where a cell has no figure ('' for a figure or an absent cell):
    a suppressed or missing point is marked, never silently left out (issue 15)."""
    return SIGNS.get(cell.reden or "", "")


def make_figure(
    ctx: ExhibitContext, caption: str, svg_builder: Callable[[str], Markup], source: str
) -> FigureView:
    number = ctx.numbering.next_figure()
    chart_id = f"figuur-{number}"
    svg = svg_builder(chart_id)
    return FigureView(chart_id, number, caption, svg, source)


def make_table(
    ctx: ExhibitContext,
    caption: str,
    row_header: str,
    columns: list[str],
    rows: list[TableRow],
    source: str,
    notes: list[str] | None = None,
) -> TableView:
    number = ctx.numbering.next_table()
    return TableView(
        f"tabel-{number}", number, caption, row_header, columns, rows, source, notes or []
    )


def break_periods(table: IndicatorTable, area: Area, periods: list[str]) -> dict[str, str]:
    """Period label → description of the method break that falls in it (for ``area``)."""
    found: dict[str, str] = {}
    for p in periods:
        description = table.cell(area.code, p).methodebreuk
        if description:
            found[period(table, p)] = description
    return found


def period_notes(table: IndicatorTable, breaks: dict[str, str], periods: list[str]) -> list[str]:
    """Notes under a table or chart: each method break, and what ``*`` means when it is used."""
    notes = [statistics.break_note(label, text) for label, text in breaks.items()]
    if any(table.provisional(p) for p in periods):
        notes.append(_("* Voorlopig cijfer: de periode is nog niet volledig aangeleverd en telt "
                       "niet mee in de trendtoets."))
    return notes


def statistic(cell: Cell, table: IndicatorTable) -> TableCell:
    """A figure with its 95% interval and small-number marker."""
    return TableCell.statistic(cell, decimals_of(table))


def period(table: IndicatorTable, periode: str) -> str:
    return period_label(periode, table.provisional(periode))


def region_trend(meta: IndicatorMeta, table: IndicatorTable, ctx: ExhibitContext) -> Exhibit:
    periods = table.trend_periods()
    region = ctx.region
    cells = {p: table.cell(region.code, p) for p in periods}
    caption = _("{titel}, {gebied}, per periode").format(titel=chart_title(meta),
                                                          gebied=region.phrase)
    source = source_line(meta, ctx)
    rows = [
        TableRow(
            period(table, p),
            [count_cell(c.teller, c), count_cell(c.noemer, c), statistic(c, table)],
        )
        for p, c in cells.items()
    ]
    points = [
        charts.SeriesPoint(period(table, p), region.label, c.waarde, sign_of(c), *interval_of(c))
        for p, c in cells.items()
    ]
    decimals = decimals_of(table)
    breaks = break_periods(table, region, periods)
    figure = make_figure(
        ctx,
        caption,
        lambda cid: charts.line_chart(
            points,
            chart_id=cid,
            title=caption,
            y_title=unit(meta),
            decimals=decimals,
            description=_("Lijndiagram; de cijfers staan in de tabel onder de figuur."),
            breaks=list(breaks),
        ),
        source,
    )
    table_view = make_table(
        ctx, caption, _("Periode"),
        [_("Teller"), _("Noemer"), _("{eenheid} (95%-interval)").format(eenheid=unit(meta))],
        rows, source, period_notes(table, breaks, periods),
    )
    return Exhibit(table_view, figure)


def gemeenten_compared(
    meta: IndicatorMeta, table: IndicatorTable, ctx: ExhibitContext
) -> Exhibit | None:
    periods = table.trend_periods()
    if not periods or not ctx.gemeenten:
        return None
    latest = periods[-1]
    areas = [*ctx.gemeenten, ctx.region]
    cells = [(a, table.cell(a.code, latest)) for a in areas]
    label = period(table, latest)
    caption = _("{titel} per gemeente, {periode}").format(titel=chart_title(meta), periode=label)
    source = source_line(meta, ctx)
    bars = [charts.Bar(a.label, c.waarde, a.niveau == "regio", sign_of(c), *interval_of(c))
            for a, c in cells]
    decimals = decimals_of(table)
    figure = make_figure(
        ctx,
        caption,
        lambda cid: charts.bar_chart(
            bars,
            chart_id=cid,
            title=caption,
            x_title=unit(meta),
            decimals=decimals,
            description=_(
                "Staafdiagram per gemeente, van hoog naar laag, met de regio als donkere staaf "
                "en de marge (95%-interval) als lijntje; een cijfer dat ontbreekt staat "
                "onderaan als teken met zijn reden (x, … of .)."
            ),
        ),
        source,
    )
    rows = [
        TableRow(a.label, [statistic(c, table)], emphasis=a.niveau == "regio")
        for a, c in cells
    ]
    table_view = make_table(
        ctx, caption, _("Gebied"), [_("{eenheid} (95%-interval)").format(eenheid=unit(meta))],
        rows, source, period_notes(table, {}, [latest])
        + area_notes(table, [a for a, _c in cells], table.trend_periods()),
    )
    return Exhibit(table_view, figure)


def region_breakdown(
    meta: IndicatorMeta, table: IndicatorTable, dimensie: str, ctx: ExhibitContext
) -> Exhibit:
    periods = table.trend_periods()
    latest = periods[-1] if periods else ""
    categories = table.categories(dimensie)
    region = ctx.region
    caption = _("{onderwerp}, {gebied}").format(
        onderwerp=subject(meta, dimensie), gebied=region.phrase
    )
    source = source_line(meta, ctx)
    # Every period as a figure; the interval only for the latest, so the table stays readable.
    rows = [
        TableRow(
            label,
            [
                TableCell.statistic(table.cell(region.code, p, dimensie, code), None)
                for p in periods
            ]
            + ([TableCell(statistics.interval_text(
                table.cell(region.code, latest, dimensie, code), decimals_of(table)) or MISSING)]
               if periods else []),
        )
        for code, label in categories
    ]
    shown = [(label, table.cell(region.code, latest, dimensie, code)) for code, label in categories]
    bars = [charts.Bar(label, c.waarde, teken=sign_of(c), ondergrens=interval_of(c)[0],
                       bovengrens=interval_of(c)[1]) for label, c in shown]
    decimals = decimals_of(table)
    fig_caption = _("{onderwerp}, {gebied}, {periode}").format(
        onderwerp=subject(meta, dimensie),
        gebied=region.phrase,
        periode=period(table, latest),
    )
    figure = make_figure(
        ctx,
        fig_caption,
        lambda cid: charts.bar_chart(
            bars,
            chart_id=cid,
            title=fig_caption,
            x_title=unit(meta),
            decimals=decimals,
            description=_(
                "Staafdiagram van de laatste periode, van hoog naar laag, met de marge "
                "(95%-interval) als lijntje; de tabel eronder geeft alle perioden."
            ),
        ),
        source,
    )
    table_view = make_table(
        ctx,
        caption,
        meta.dimension_title(dimensie),
        [period(table, p) for p in periods]
        + ([_("95%-interval {periode}").format(periode=period(table, latest))] if periods else []),
        rows,
        source,
        period_notes(table, break_periods(table, region, periods), periods)
        + category_notes(table, region, dimensie, categories, periods),
    )
    return Exhibit(table_view, figure)
