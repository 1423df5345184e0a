# SPDX-License-Identifier: EUPL-1.2
"""The CBS comparison of an indicator: own figure ↔ Veilig Thuis region ↔ Nederland (CBS).

Read from the publication table ``_cbs_vergelijking`` (format 1.1). For the region section the
table shows, per year, the region's own figure next to the CBS figures of the Veilig Thuis
region and of Nederland; for a gemeente also the gemeente's CBS figure. An indicator split into
categories shows the categories for the latest year that CBS has. No chart: a small table,
with the signs of every other table ('*' provisional, '–' no figure); a CBS '.' keeps the CBS
meaning (unknown, not reliable enough or secret), the region's own cells their reasons (x, …, .).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ketenmonitor.core.i18n import _
from ketenmonitor.reports.data import Area, IndicatorTable
from ketenmonitor.reports.exhibits import ExhibitContext, make_table, subject
from ketenmonitor.reports.formatting import MISSING, period_label, sources_text
from ketenmonitor.reports.model import Exhibit, TableCell, TableRow
from ketenmonitor.reports.source import IndicatorMeta

TOTAAL = "totaal"
VT_REGIO = "vt_regio"
NEDERLAND = "nederland"


@dataclass(frozen=True)
class BenchmarkTable:
    """Lookup of the benchmark's published display text per cell."""

    cells: Mapping[tuple[str, str, str, str, str, str], str]
    periods: Mapping[str, list[str]]  # indicator → periods with CBS figures, in table order
    sources: Mapping[str, str]  # indicator → source text
    synthetic: tuple[str, ...] = ()  # CBS tables whose imported file is the demo's invention

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | None,
                   synthetic: tuple[str, ...] = ()) -> BenchmarkTable | None:
        if frame is None or frame.empty:
            return None
        cells: dict[tuple[str, str, str, str, str, str], str] = {}
        periods: dict[str, list[str]] = {}
        sources: dict[str, str] = {}
        for row in frame.to_dict("records"):
            key = _key(row)
            cells[key] = str(row["weergave"])
            found = periods.setdefault(key[0], [])
            if key[3] not in found:
                found.append(key[3])
            sources.setdefault(key[0], str(row["bron"]))
        return cls(cells, periods, sources, synthetic)

    def get(self, indicator: str, niveau: str, area: str, periode: str, dimensie: str,
            categorie: str) -> str:
        return self.cells.get((indicator, niveau, area, periode, dimensie, categorie), MISSING)

    def has(self, indicator: str, dimensie: str) -> bool:
        return any(k[0] == indicator and k[4] == dimensie for k in self.cells)


def _key(row: Mapping[Hashable, Any]) -> tuple[str, str, str, str, str, str]:
    return (str(row["indicator_id"]), str(row["gebied_niveau"]), str(row["gebied_code"]),
            str(row["periode"]), str(row["dimensie"]), str(row["categorie"]))


def _years(bench: BenchmarkTable, indicator: str, table: IndicatorTable) -> list[str]:
    own = table.trend_periods()
    return [p for p in own if p in bench.periods.get(indicator, [])]


def _source(bench: BenchmarkTable, meta: IndicatorMeta, suffix: str) -> str:
    cbs = bench.sources.get(meta.id, "CBS").removeprefix("CBS ")
    eigen = sources_text(list(meta.bronnen))
    if bench.synthetic:
        return _("Bron: eigen cijfers: {eigen}; synthetische cijfers in de indeling van CBS "
                 "StatLine, tabel {cbs} (verzonnen voor de demo, geen echte CBS-cijfers)").format(
            eigen=eigen, cbs=cbs) + suffix
    return _("Bron: eigen cijfers: {eigen}; CBS StatLine, tabel {cbs}").format(
        eigen=eigen, cbs=cbs) + suffix


def _columns(area: Area, region: Area, synthetic: bool = False) -> list[str]:
    cbs = _("CBS, synthetisch") if synthetic else _("CBS")
    columns = [_("{gebied} (eigen cijfers)").format(gebied=area.label)]
    if area.niveau != "regio":
        columns.append(_("{gebied} ({cbs})").format(gebied=area.naam, cbs=cbs))
    return [*columns, _("Veilig Thuis-regio {regio} ({cbs})").format(regio=region.naam, cbs=cbs),
            _("Nederland ({cbs})").format(cbs=cbs)]


def comparisons(meta: IndicatorMeta, table: IndicatorTable, area: Area,
                ctx: ExhibitContext) -> list[Exhibit]:
    """The comparison exhibits of one indicator for ``area`` (region or gemeente): one for the
    total over the years, or one per compared breakdown for the latest year."""
    bench = ctx.benchmark
    if bench is None or meta.id not in bench.periods:
        return []
    years = _years(bench, meta.id, table)
    if not years:
        return []
    region = ctx.region

    def cells(periode: str, dimensie: str, categorie: str) -> list[TableCell]:
        found = [TableCell.figure(table.cell(area.code, periode, dimensie, categorie).weergave)]
        if area.niveau != "regio":
            found.append(TableCell.cbs_figure(
                bench.get(meta.id, "gemeente", area.code, periode, dimensie, categorie)))
        found.append(TableCell.cbs_figure(
            bench.get(meta.id, VT_REGIO, region.code, periode, dimensie, categorie)))
        found.append(TableCell.cbs_figure(
            bench.get(meta.id, NEDERLAND, "NL01", periode, dimensie, categorie)))
        return found

    found: list[Exhibit] = []
    source = _source(bench, meta, ctx.source_suffix)
    if bench.has(meta.id, TOTAAL):
        rows = [TableRow(period_label(p, table.provisional(p)), cells(p, TOTAAL, TOTAAL))
                for p in years]
        caption = _("{titel}: {gebied} naast de Veilig Thuis-regio en Nederland (CBS)").format(
            titel=meta.titel, gebied=area.phrase)
        columns = _columns(area, region, bool(bench.synthetic))
        found.append(Exhibit(make_table(ctx, caption, _("Periode"), columns, rows, source)))
    latest = years[-1]
    for dimensie in [d for d in table.dimensions() if bench.has(meta.id, d)]:
        rows = [TableRow(label, cells(latest, dimensie, code))
                for code, label in table.categories(dimensie)]
        caption = _("{onderwerp}: {gebied} naast de Veilig Thuis-regio en Nederland (CBS), "
                    "{periode}").format(onderwerp=subject(meta, dimensie), gebied=area.phrase,
                                        periode=period_label(latest, table.provisional(latest)))
        found.append(Exhibit(make_table(ctx, caption, meta.dimension_title(dimensie),
                                        _columns(area, region, bool(bench.synthetic)), rows, source)))
    return found
