# SPDX-License-Identifier: EUPL-1.2
"""The area sections of the report: one for the region and one for each gemeente.

Each section opens with key figures (last year against the year before, with a traffic light
where the indicator has a direction) and then walks the themes of the indicator catalogue in the
order of the publication's metadata, one subsection per indicator. The region shows the whole
catalogue; a gemeente the core indicators (:mod:`ketenmonitor.reports.kern`) and an overview
table of the others.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.reports import cbs_exhibits, exhibits, gemeente_exhibits, statistics
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.formatting import humanise, period_label
from ketenmonitor.reports.indicator import Indicator, judge
from ketenmonitor.reports.model import AreaView, Exhibit, IndicatorView, ThemaView
from ketenmonitor.reports.overview import kerncijfers, other_indicators

__all__ = ["Indicator", "area_title", "build_area", "judge"]


def _judgement_text(previous: str, last: str) -> str:
    return _("{last} ten opzichte van {previous}").format(last=last, previous=previous)


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
            meta, table, d, area, ctx, with_chart=True
        )
        for d in table.dimensions()
    ]
    return found + cbs_exhibits.comparisons(meta, table, area, ctx)


def area_trend_text(indicator: Indicator, area: Area) -> str:
    """The trend test of ``area``'s total series at the last year that has one, in words.

    A provisional year carries no test (it does not count), so the last tested year is shown.
    """
    table = indicator.table
    for periode in reversed(table.trend_periods()):
        found = statistics.trend_text(table.cell(area.code, periode),
                                      statistics.slope_unit(indicator.meta.eenheid), table.decimals)
        if found:
            return _("Trend tot en met {periode} (Mann-Kendall-toets): {uitkomst}.").format(
                periode=period_label(periode), uitkomst=found
            )
    return ""


def build_area(indicators: list[Indicator], area: Area, ctx: exhibits.ExhibitContext,
               intro: str, definition_anchors: dict[str, str],
               core: frozenset[str] | None = None,
               region_anchors: dict[str, str] | None = None) -> AreaView:
    """The section of one area with key figures and a subsection per theme and indicator.

    With ``core`` only those indicators get a subsection; the others go into one overview table
    whose rows link to ``region_anchors`` (the region section holds the whole catalogue).
    """
    numbering = ctx.numbering
    area_anchor = numbering.anchor("regio" if area.niveau == "regio" else area.code)
    drawn = [i for i in indicators if core is None or i.meta.id in core]
    rest = [i for i in indicators if core is not None and i.meta.id not in core]
    anchors = {i.meta.id: numbering.anchor(area_anchor, i.meta.id) for i in drawn}
    key_figures = kerncijfers(drawn, area, ctx.region, anchors, ctx)
    themas: dict[str, list[IndicatorView]] = {}
    for indicator in drawn:
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
            trend_tekst=area_trend_text(indicator, area),
            indicator_id=indicator.meta.id,
        )
        themas.setdefault(indicator.meta.thema or _("Overige indicatoren"), []).append(view)
    thema_views = [
        ThemaView(numbering.anchor(area_anchor, "thema", titel), humanise(titel), views)
        for titel, views in themas.items()
    ]
    overview = (other_indicators(rest, area, region_anchors or {}, ctx) if rest else None)
    return AreaView(area_anchor, area_title(area), area.niveau, intro, key_figures, thema_views,
                    overview)


def area_title(area: Area) -> str:
    """'Regio Haaglanden' / 'Gemeente Delft' (without doubling a prefix the name already has)."""
    prefix = _("Regio") if area.niveau == "regio" else _("Gemeente")
    if area.naam.lower().startswith(prefix.lower()):
        return area.naam
    return f"{prefix} {area.naam}"
