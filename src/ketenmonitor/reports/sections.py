# SPDX-License-Identifier: EUPL-1.2
"""The area sections of the report: one for the region and one for each gemeente.

Each section opens with key figures (last year against the year before, with a traffic light
where the indicator has a direction) and then walks the themes of the indicator catalogue in the
order of the publication's metadata, one subsection per indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from ketenmonitor.core.i18n import _
from ketenmonitor.reports import cbs_exhibits, exhibits, gemeente_exhibits
from ketenmonitor.reports.data import Area, IndicatorTable
from ketenmonitor.reports.formatting import humanise, period_label, unit_label
from ketenmonitor.reports.model import (
    AreaView,
    Exhibit,
    IndicatorView,
    TableCell,
    TableRow,
    TableView,
    ThemaView,
)
from ketenmonitor.reports.source import IndicatorMeta
from ketenmonitor.reports.trend import TrendLight, judge_trend


@dataclass(frozen=True)
class Indicator:
    meta: IndicatorMeta
    table: IndicatorTable

    @property
    def headline(self) -> bool:
        """Has a level to follow over time (not only a breakdown that always adds up to 100%)."""
        return self.table.has_totaal() and not self.table.is_distribution()


def _last_two(table: IndicatorTable) -> tuple[str | None, str | None]:
    periods = table.trend_periods()
    if not periods:
        return None, None
    return (periods[-2] if len(periods) > 1 else None), periods[-1]


def judge(indicator: Indicator, area: Area) -> tuple[TrendLight, str, str] | None:
    """Traffic light for ``area``: (light, previous period label, last period label)."""
    if not indicator.headline:
        return None
    previous, last = _last_two(indicator.table)
    if last is None or previous is None:
        return None
    table = indicator.table
    light = judge_trend(
        table.cell(area.code, previous).waarde, table.cell(area.code, last).waarde,
        indicator.meta.richting,
    )
    return (light, period_label(previous, table.provisional(previous)),
            period_label(last, table.provisional(last)))


def _judgement_text(previous: str, last: str) -> str:
    return _("{last} ten opzichte van {previous}").format(last=last, previous=previous)


def kerncijfers(indicators: list[Indicator], area: Area, region: Area, anchors: dict[str, str],
                ctx: exhibits.ExhibitContext) -> TableView | None:
    """Key figures of ``area``: previous year, last year, judgement (and the region's last year)."""
    rows: list[TableRow] = []
    previous_label = last_label = ""
    for indicator in indicators:
        if not indicator.headline:
            continue
        previous, last = _last_two(indicator.table)
        if last is None:
            continue
        table = indicator.table
        previous_label = period_label(previous, table.provisional(previous)) if previous else ""
        last_label = period_label(last, table.provisional(last))
        cells = [
            TableCell.figure(table.cell(area.code, previous).weergave) if previous
            else TableCell.figure("–"),
            TableCell.figure(table.cell(area.code, last).weergave),
        ]
        judged = judge(indicator, area)
        cells.append(TableCell.judgement(judged[0]) if judged else TableCell.text_cell(_("geen")))
        if area.niveau != "regio":
            cells.append(TableCell.figure(table.cell(region.code, last).weergave))
        unit = f" ({unit_label(indicator.meta.eenheid)})" if indicator.meta.eenheid else ""
        rows.append(TableRow(indicator.meta.titel + unit, cells, link=anchors[indicator.meta.id]))
    if not rows:
        return None
    columns = [previous_label or _("Vorige periode"), last_label or _("Laatste periode"),
               _("Oordeel")]
    if area.niveau != "regio":
        columns.append(_("{regio} {periode}").format(regio=region.label, periode=last_label))
    number = ctx.numbering.next_table()
    caption = _("Kerncijfers {gebied}: laatste jaar ten opzichte van het jaar ervoor").format(
        gebied=area.phrase
    )
    return TableView(f"tabel-{number}", number, caption, _("Indicator"), columns, rows,
                     _("Bron: zie per indicator") + ctx.source_suffix)


def _region_exhibits(indicator: Indicator, ctx: exhibits.ExhibitContext) -> list[Exhibit]:
    meta, table = indicator.meta, indicator.table
    found: list[Exhibit] = []
    if indicator.headline:
        found.append(exhibits.region_trend(meta, table, ctx))
        compared = exhibits.gemeenten_compared(meta, table, ctx)
        if compared is not None:
            found.append(compared)
    found += [exhibits.region_breakdown(meta, table, d, ctx) for d in table.dimensions()]
    return found + cbs_exhibits.comparisons(meta, table, ctx.region, ctx)


def _gemeente_exhibits(indicator: Indicator, area: Area,
                       ctx: exhibits.ExhibitContext) -> list[Exhibit]:
    meta, table = indicator.meta, indicator.table
    found: list[Exhibit] = []
    if indicator.headline:
        found.append(gemeente_exhibits.gemeente_trend(meta, table, area, ctx))
    found += [
        gemeente_exhibits.gemeente_breakdown(
            meta, table, d, area, ctx, with_chart=not indicator.headline
        )
        for d in table.dimensions()
    ]
    return found + cbs_exhibits.comparisons(meta, table, area, ctx)


def build_area(indicators: list[Indicator], area: Area, ctx: exhibits.ExhibitContext,
               intro: str, definition_anchors: dict[str, str]) -> AreaView:
    """The section of one area with key figures and a subsection per theme and indicator."""
    numbering = ctx.numbering
    area_anchor = numbering.anchor("regio" if area.niveau == "regio" else area.code)
    anchors = {i.meta.id: numbering.anchor(area_anchor, i.meta.id) for i in indicators}
    key_figures = kerncijfers(indicators, area, ctx.region, anchors, ctx)
    themas: dict[str, list[IndicatorView]] = {}
    for indicator in indicators:
        judged = judge(indicator, area)
        built = (_region_exhibits(indicator, ctx) if area.niveau == "regio"
                 else _gemeente_exhibits(indicator, area, ctx))
        view = IndicatorView(
            anchor=anchors[indicator.meta.id],
            titel=indicator.meta.titel,
            definitie=indicator.meta.definitie,
            eenheid=indicator.meta.eenheid,
            exhibits=built,
            definitie_anchor=definition_anchors.get(indicator.meta.id, ""),
            oordeel=judged[0] if judged else None,
            oordeel_tekst=_judgement_text(judged[1], judged[2]) if judged else "",
        )
        themas.setdefault(indicator.meta.thema or _("Overige indicatoren"), []).append(view)
    thema_views = [
        ThemaView(numbering.anchor(area_anchor, "thema", titel), humanise(titel), views)
        for titel, views in themas.items()
    ]
    return AreaView(area_anchor, area_title(area), area.niveau, intro, key_figures, thema_views)


def area_title(area: Area) -> str:
    """'Regio Haaglanden' / 'Gemeente Delft' (without doubling a prefix the name already has)."""
    prefix = _("Regio") if area.niveau == "regio" else _("Gemeente")
    if area.naam.lower().startswith(prefix.lower()):
        return area.naam
    return f"{prefix} {area.naam}"
