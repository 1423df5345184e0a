# SPDX-License-Identifier: EUPL-1.2
"""Overview tables of an area: the key figures, and for a gemeente the indicators outside the core.

The key figures compare the last complete year with the one before; the overview of the other
indicators gives a gemeente's latest figure with its interval, the region's, and the trend test,
each row linking to the indicator in the region section where its charts are.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.reports import exhibits, statistics
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.formatting import period_label, unit_label
from ketenmonitor.reports.indicator import Indicator, judge, last_two
from ketenmonitor.reports.model import TableCell, TableRow, TableView


def kerncijfers(indicators: list[Indicator], area: Area, region: Area, anchors: dict[str, str],
                ctx: exhibits.ExhibitContext) -> TableView | None:
    """Key figures of ``area``: previous year, last year, judgement (and the region's last year)."""
    rows: list[TableRow] = []
    previous_label = last_label = ""
    for indicator in indicators:
        if not indicator.headline:
            continue
        previous, last = last_two(indicator.table)
        if last is None:
            continue
        table = indicator.table
        previous_label = period_label(previous, table.provisional(previous)) if previous else ""
        last_label = period_label(last, table.provisional(last))
        cells = [
            TableCell.figure(table.cell(area.code, previous).weergave) if previous
            else TableCell.figure("–"),
            exhibits.statistic(table.cell(area.code, last), table),
        ]
        judged = judge(indicator, area)
        cells.append(TableCell.judgement(judged[0]) if judged else TableCell.text_cell(_("geen")))
        if area.niveau != "regio":
            cells.append(TableCell.figure(table.cell(region.code, last).weergave))
        unit = f" ({unit_label(indicator.meta.eenheid)})" if indicator.meta.eenheid else ""
        rows.append(TableRow(exhibits.chart_title(indicator.meta) + unit, cells,
                             link=anchors[indicator.meta.id]))
    if not rows:
        return None
    columns = [previous_label or _("Vorige periode"),
               _("{periode} (95%-interval)").format(periode=last_label or _("Laatste periode")),
               _("Oordeel")]
    if area.niveau != "regio":
        columns.append(_("{regio} {periode}").format(regio=region.label, periode=last_label))
    number = ctx.numbering.next_table()
    caption = _("Kerncijfers {gebied}: laatste jaar ten opzichte van het jaar ervoor").format(
        gebied=area.phrase
    )
    return TableView(f"tabel-{number}", number, caption, _("Indicator"), columns, rows,
                     _("Bron: zie per indicator") + ctx.source_suffix)




def latest_trend(indicator: Indicator, area: Area) -> str:
    """The trend test in words at the last year that has one (a provisional year has none)."""
    table = indicator.table
    for periode in reversed(table.trend_periods()):
        found = statistics.trend_text(table.cell(area.code, periode),
                                      statistics.slope_unit(indicator.meta.eenheid), table.decimals)
        if found:
            return found
    return ""


def other_indicators(indicators: list[Indicator], area: Area, region_anchors: dict[str, str],
                     ctx: exhibits.ExhibitContext) -> TableView:
    """The indicators outside the core for a gemeente: latest figure, region, trend."""
    region = ctx.region
    rows: list[TableRow] = []
    for indicator in indicators:
        table, meta = indicator.table, indicator.meta
        unit = f" ({unit_label(meta.eenheid)})" if meta.eenheid else ""
        link = region_anchors.get(meta.id, "")
        _previous, last = last_two(table)
        if last is None or not indicator.headline:
            note = (_("uitsplitsing, zie de regio") if last is not None
                    else _("geen cijfers"))
            rows.append(TableRow(exhibits.chart_title(meta) + unit, [
                TableCell.text_cell(note), TableCell.text_cell("–"), TableCell.text_cell("–"),
                TableCell.text_cell("–")], link=link))
            continue
        own = table.cell(area.code, last)
        judged = judge(indicator, area)
        trend = latest_trend(indicator, area)
        rows.append(TableRow(exhibits.chart_title(meta) + unit, [
            TableCell(period_label(last, table.provisional(last)), numeric=False),
            exhibits.statistic(own, table),
            exhibits.statistic(table.cell(region.code, last), table),
            TableCell.text_cell(
                (judged[0].label + "; " if judged else "") + (trend or _("geen trendtoets"))
            ),
        ], link=link))
    number = ctx.numbering.next_table()
    caption = _("Overige indicatoren, {gebied}: laatste jaar met 95%-interval, naast de regio; "
                "grafieken en uitsplitsingen staan bij de regio").format(gebied=area.phrase)
    columns = [_("Periode"), _("{gebied} (95%-interval)").format(gebied=area.naam),
               _("{regio} (95%-interval)").format(regio=region.label),
               _("Oordeel en trend {gebied}").format(gebied=area.naam)]
    return TableView(f"tabel-{number}", number, caption, _("Indicator"), columns, rows,
                     _("Bron: zie per indicator") + ctx.source_suffix)
