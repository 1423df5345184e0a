# SPDX-License-Identifier: EUPL-1.2
"""Chart SVGs for the dashboards: the report's Vega-Lite charts, rendered once and cached.

Charts are served as separate SVG files (``<img>`` with alternative text, always next to a table
with the same figures), so the page itself renders fast and the SVG, which vl-convert draws in
~60 ms, is made once per publication, indicator, area and period and then reused.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.utils.translation import gettext as _

from ketenmonitor.cbs.provenance import nederland_label
from ketenmonitor.portal.dashboards.figures import period_choice_label
from ketenmonitor.portal.dashboards.loading import NEDERLAND, LoadedPublication
from ketenmonitor.reports import charts
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.exhibits import sign_of
from ketenmonitor.reports.formatting import unit_label
from ketenmonitor.reports.source import IndicatorMeta

CACHE_SIZE = 4096


class SvgCache:
    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], make: Callable[[], str]) -> str:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        svg = make()
        with self._lock:
            self._items[key] = svg
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return svg


CACHE = SvgCache()


def _unit(meta: IndicatorMeta) -> str:
    return unit_label(meta.eenheid) or _("waarde")


def trend_svg(pub: LoadedPublication, meta: IndicatorMeta, area: Area, kind: str) -> str:
    def make() -> str:
        table = pub.table(meta.id)
        if table.is_distribution() and table.dimensions():
            return _distribution_trend(pub, meta, area, kind)
        national = pub.national(meta.id)
        series = [(area, table)] if area.niveau == "regio" else [(area, table), (pub.region, table)]
        points: list[charts.SeriesPoint] = []
        for code in pub.periods(kind):
            label = period_choice_label(pub, code)
            for who, source in series:
                cell = source.cell(who.code, code)
                points.append(charts.SeriesPoint(label, who.label, cell.waarde, sign_of(cell)))
            if national is not None:
                points.append(charts.SeriesPoint(label, nederland_label(bool(pub.synthetic_cbs)),
                                                 national.cell(NEDERLAND.code, code).waarde))
        title = _("{titel}, {gebied}, per periode").format(titel=meta.titel, gebied=area.label)
        return str(charts.line_chart(
            points, chart_id="grafiek", title=title, y_title=_unit(meta),
            decimals=table.decimals,
            description=_("Lijndiagram per periode; de cijfers staan in de tabel bij de grafiek."),
        ))

    return CACHE.get((pub.publication_id, meta.id, "trend", area.code, kind), make)


def _distribution_trend(pub: LoadedPublication, meta: IndicatorMeta, area: Area,
                        kind: str) -> str:
    """A distribution's total is 100 % in every period: a line for it says nothing (it was a
    flat 100 % line). The shares of each category of the first breakdown are drawn instead, one
    line per category, for this area."""
    table = pub.table(meta.id)
    dimensie = table.dimensions()[0]
    points = [
        charts.SeriesPoint(period_choice_label(pub, code), label,
                           table.cell(area.code, code, dimensie, categorie).waarde)
        for code in pub.periods(kind) for categorie, label in table.categories(dimensie)
    ]
    title = _("{titel} naar {dimensie}, {gebied}, per periode").format(
        titel=meta.titel, dimensie=meta.dimension_title(dimensie).lower(), gebied=area.label)
    return str(charts.line_chart(
        points, chart_id="grafiek", title=title, y_title=_unit(meta), decimals=table.decimals,
        description=_("Lijndiagram met het aandeel van elke categorie per periode (samen 100%); "
                      "de cijfers staan in de tabellen bij de grafiek."),
    ))


def comparison_svg(
    pub: LoadedPublication, meta: IndicatorMeta, gemeenten: list[Area], periode: str
) -> str:
    def make() -> str:
        table = pub.table(meta.id)
        region = table.cell(pub.region.code, periode)
        bars = [charts.Bar(pub.region.label, region.waarde, True, sign_of(region))]
        totals = table.totals(periode)
        bars += [charts.Bar(g.naam, totals[g.code].waarde, teken=sign_of(totals[g.code]))
                 if g.code in totals else charts.Bar(g.naam, None) for g in gemeenten]
        title = _("{titel} per gemeente, {periode}").format(
            titel=meta.titel, periode=period_choice_label(pub, periode))
        return str(charts.bar_chart(
            bars, chart_id="grafiek", title=title, x_title=_unit(meta),
            decimals=table.decimals,
            description=_("Staafdiagram per gemeente met de regio donkerder; de cijfers staan in "
                          "de tabel bij de grafiek."),
        ))

    key = (pub.publication_id, meta.id, "gemeenten", periode, *(g.code for g in gemeenten))
    return CACHE.get(key, make)


def breakdown_svg(
    pub: LoadedPublication, meta: IndicatorMeta, area: Area, dimensie: str, periode: str
) -> str:
    def make() -> str:
        table = pub.table(meta.id)
        points: list[charts.SeriesPoint] = []
        areas = [area] if area.niveau == "regio" else [area, pub.region]
        for code, label in table.categories(dimensie):
            for who in areas:
                points.append(charts.SeriesPoint(
                    label, who.label, table.cell(who.code, periode, dimensie, code).waarde))
        title = _("{titel} naar {dimensie}, {gebied}, {periode}").format(
            titel=meta.titel, dimensie=meta.dimension_title(dimensie).lower(), gebied=area.label,
            periode=period_choice_label(pub, periode))
        return str(charts.dot_chart(
            points, chart_id="grafiek", title=title, x_title=_unit(meta),
            decimals=table.decimals,
            description=_("Puntdiagram per categorie; de cijfers staan in de tabel bij de grafiek."),
        ))

    return CACHE.get((pub.publication_id, meta.id, "verdeling", area.code, dimensie, periode), make)
