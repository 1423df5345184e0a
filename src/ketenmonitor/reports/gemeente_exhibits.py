# SPDX-License-Identifier: EUPL-1.2
"""Charts with their tables for one indicator in a gemeente, always next to the region.

A gemeente's trend is drawn against the region's; a breakdown (melder, aard, eerdere
betrokkenheid, ...) shows the gemeente's last two years and the region's last year, with a dot
chart when the indicator is a distribution and so has no trend chart of its own. When every
figure of the gemeente is suppressed there is no chart, only the table with its '.' signs.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.reports import charts
from ketenmonitor.reports.data import Area, IndicatorTable
from ketenmonitor.reports.exhibits import (
    ExhibitContext,
    break_periods,
    chart_title,
    count_cell,
    decimals_of,
    interval_of,
    make_figure,
    make_table,
    period,
    period_notes,
    sign_of,
    source_line,
    statistic,
    subject,
    unit,
)
from ketenmonitor.reports.model import Exhibit, TableCell, TableRow
from ketenmonitor.reports.source import IndicatorMeta


def gemeente_trend(
    meta: IndicatorMeta, table: IndicatorTable, area: Area, ctx: ExhibitContext
) -> Exhibit:
    periods = table.trend_periods()
    region = ctx.region
    caption = _("{titel}, {gemeente} en {regio}, per periode").format(
        titel=chart_title(meta), gemeente=area.naam, regio=region.phrase
    )
    source = source_line(meta, ctx)
    rows: list[TableRow] = []
    points: list[charts.SeriesPoint] = []
    for p in periods:
        own, reg = table.cell(area.code, p), table.cell(region.code, p)
        label = period(table, p)
        rows.append(
            TableRow(
                label,
                [
                    count_cell(own.teller, own),
                    statistic(own, table),
                    statistic(reg, table),
                ],
            )
        )
        points += [
            charts.SeriesPoint(label, area.naam, own.waarde, sign_of(own), *interval_of(own)),
            charts.SeriesPoint(label, region.label, reg.waarde, sign_of(reg), *interval_of(reg)),
        ]
    decimals = decimals_of(table)
    breaks = break_periods(table, region, periods)
    shown = any(p.waarde is not None for p in points if p.reeks == area.naam)
    figure = (
        None
        if not shown
        else make_figure(
            ctx,
            caption,
            lambda cid: charts.line_chart(
                points,
                chart_id=cid,
                title=caption,
                y_title=unit(meta),
                decimals=decimals,
                description=_(
                    "Lijndiagram: de gemeente als doorgetrokken lijn met rondjes, de regio "
                    "gestippeld met vierkantjes; de cijfers staan in de tabel eronder."
                ),
                breaks=list(breaks),
            ),
            source,
        )
    )
    columns = [
        _("Teller {gebied}").format(gebied=area.naam),
        _("{gebied} ({eenheid}, 95%-interval)").format(gebied=area.naam, eenheid=unit(meta)),
        _("{gebied} ({eenheid}, 95%-interval)").format(gebied=region.label, eenheid=unit(meta)),
    ]
    notes = period_notes(table, breaks, periods)
    return Exhibit(make_table(ctx, caption, _("Periode"), columns, rows, source, notes), figure)


def gemeente_breakdown(
    meta: IndicatorMeta,
    table: IndicatorTable,
    dimensie: str,
    area: Area,
    ctx: ExhibitContext,
    with_chart: bool,
) -> Exhibit:
    periods = table.trend_periods()
    shown = periods[-2:]
    latest = periods[-1] if periods else ""
    region = ctx.region
    categories = table.categories(dimensie)
    caption = _("{onderwerp}, {gemeente} en {regio}").format(
        onderwerp=subject(meta, dimensie),
        gemeente=area.naam,
        regio=region.phrase,
    )
    source = source_line(meta, ctx)
    # The gemeente's latest figure with its interval: that is where small numbers matter.
    rows = [
        TableRow(
            label,
            [
                TableCell.statistic(
                    table.cell(area.code, p, dimensie, code),
                    decimals_of(table) if p == latest else None,
                )
                for p in shown
            ]
            + [TableCell.statistic(table.cell(region.code, latest, dimensie, code), None)],
        )
        for code, label in categories
    ]
    columns = [f"{area.naam} {period(table, p)}" for p in shown]
    if columns:
        columns[-1] = _("{kolom} (95%-interval)").format(kolom=columns[-1])
    columns.append(f"{region.label} {period(table, latest)}")
    figure = None
    own_latest = [table.cell(area.code, latest, dimensie, code).waarde for code, _l in categories]
    if with_chart and any(v is not None for v in own_latest):
        points: list[charts.SeriesPoint] = []
        for code, label in categories:
            own = table.cell(area.code, latest, dimensie, code)
            reg = table.cell(region.code, latest, dimensie, code)
            points += [
                charts.SeriesPoint(label, area.naam, own.waarde, sign_of(own), *interval_of(own)),
                charts.SeriesPoint(label, region.label, reg.waarde, sign_of(reg),
                                   *interval_of(reg)),
            ]
        fig_caption = _("{onderwerp}, {gemeente} en {regio}, {periode}").format(
            onderwerp=subject(meta, dimensie),
            gemeente=area.naam,
            regio=region.phrase,
            periode=period(table, latest),
        )
        decimals = decimals_of(table)
        figure = make_figure(
            ctx,
            fig_caption,
            lambda cid: charts.dot_chart(
                points,
                chart_id=cid,
                title=fig_caption,
                x_title=unit(meta),
                decimals=decimals,
                description=_(
                    "Puntdiagram per categorie, van hoog naar laag bij de gemeente: de gemeente "
                    "als rondje, de regio als vierkantje, elk met de marge (95%-interval) als "
                    "lijntje; de cijfers staan in de tabel eronder."
                ),
            ),
            source,
        )
    notes = period_notes(table, break_periods(table, region, shown), shown)
    return Exhibit(
        make_table(ctx, caption, meta.dimension_title(dimensie), columns, rows, source, notes),
        figure,
    )
