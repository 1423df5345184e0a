# SPDX-License-Identifier: EUPL-1.2
"""The additive structure of one indicator table: which cells sum to which total.

Disclosure control needs it (a suppressed cell must not be recoverable by differencing) and so
does the audit that checks the result. Three kinds of sums hold for the counts of a table:

* the categories of a single-valued dimension add up to the ``totaal`` row (same area, period);
* the gemeenten add up to the region (same period, category);
* the half-years add up to the year (same area, category); a year whose second half has not
  started yet equals its first half; for a stock (``stand``, measured on the last day of the
  period) the year equals its last half-year;
* a group of a code list adds up its codes, when one table splits the same column both by group
  (``niveau: groep``) and by code (same area, period).

Multi-valued dimensions (a melding with two kinds of violence counts twice) are not additive over
categories, but their cells still add up over gemeenten and half-years.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa

from ketenmonitor.indicators.areas import REGIO
from ketenmonitor.indicators.model import TOTAAL, IndicatorDefinitie


@dataclass(frozen=True)
class Group:
    """``sum(cells[parts]) == cells[total]`` for the counts (teller, and noemer where counted)."""

    kind: str  # 'categorie' | 'gebied' | 'periode' | 'hierarchie'
    parts: tuple[int, ...]
    total: int
    # the parts and the total: read hundreds of thousands of times by disclosure control
    cells: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", (*self.parts, self.total))


@dataclass
class CellTable:
    """The rows of one unrounded indicator table, indexed for disclosure control."""

    gebied: list[str]
    niveau: list[str]
    periode: list[str]
    dimensie: list[str]
    categorie: list[str]
    teller: list[int]
    noemer: list[int | None]
    waarde: list[float | None]
    index: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    # additive groups per indicator id: the table never changes, and disclosure control, the
    # attack and the protection loop all ask for them, round after round
    groups: dict[str, list[Group]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_arrow(cls, table: pa.Table) -> CellTable:
        cols = {name: table.column(name).to_pylist() for name in table.column_names}
        cells = cls(
            gebied=cols["gebied_code"],
            niveau=cols["gebied_niveau"],
            periode=cols["periode"],
            dimensie=cols["dimensie"],
            categorie=cols["categorie"],
            teller=[int(v or 0) for v in cols["teller"]],
            noemer=cols["noemer"],
            waarde=cols["waarde"],
        )
        for i in range(len(cells)):
            cells.index[cells.key(i)] = i
        return cells

    def __len__(self) -> int:
        return len(self.teller)

    def key(self, i: int) -> tuple[str, str, str, str]:
        return (self.gebied[i], self.periode[i], self.dimensie[i], self.categorie[i])

    def year(self, i: int) -> int:
        return int(self.periode[i][:4])


def additive_groups(cells: CellTable, defn: IndicatorDefinitie) -> list[Group]:
    """All sums that hold between the cells of the table (see the module docstring)."""
    if defn.id not in cells.groups:
        cells.groups[defn.id] = _additive_groups(cells, defn)
    return cells.groups[defn.id]


def _additive_groups(cells: CellTable, defn: IndicatorDefinitie) -> list[Group]:
    groups: list[Group] = []
    additive_dims = {d.naam for d in defn.dimensies if not d.meervoudig}
    by_area_period: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_period_cat: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_area_cat_year: dict[tuple[str, str, str, int], list[int]] = defaultdict(list)
    for i in range(len(cells)):
        g, p, d, c = cells.key(i)
        if d in additive_dims:
            by_area_period[(g, p, d)].append(i)
        if cells.niveau[i] != REGIO:
            by_period_cat[(p, d, c)].append(i)
        if "-H" in p:
            by_area_cat_year[(g, d, c, cells.year(i))].append(i)
    for (g, p, _d), parts in sorted(by_area_period.items()):
        total = cells.index.get((g, p, TOTAAL, TOTAAL))
        if total is not None:
            groups.append(Group("categorie", tuple(parts), total))
    region_codes = {cells.gebied[i] for i in range(len(cells)) if cells.niveau[i] == REGIO}
    for (p, d, c), parts in sorted(by_period_cat.items()):
        for region in sorted(region_codes):
            total = cells.index.get((region, p, d, c))
            if total is not None:
                groups.append(Group("gebied", tuple(parts), total))
    for (g, d, c, year), parts in sorted(by_area_cat_year.items()):
        total = cells.index.get((g, str(year), d, c))
        if total is not None:
            if defn.is_stand:  # a stock on 31 December is the stock at the end of its last half
                parts = [max(parts, key=lambda i: cells.periode[i])]
            groups.append(Group("periode", tuple(parts), total))
    return groups + _hierarchy_groups(cells, defn)


def _hierarchy_groups(cells: CellTable, defn: IndicatorDefinitie) -> list[Group]:
    groups: list[Group] = []
    area_periods = sorted({(cells.gebied[i], cells.periode[i]) for i in range(len(cells))})
    for upper in defn.dimensies:
        for lower in defn.dimensies:
            same_column = (upper.kolom, upper.codelijst) == (lower.kolom, lower.codelijst)
            if not (same_column and upper.niveau == "groep" and lower.niveau == "code"):
                continue
            for g, p in area_periods:
                for group, codes in upper.members().items():
                    total = cells.index.get((g, p, upper.naam, group))
                    parts = [cells.index.get((g, p, lower.naam, code)) for code in codes]
                    if total is not None and None not in parts:
                        found = tuple(i for i in parts if i is not None)
                        groups.append(Group("hierarchie", found, total))
    return groups
