# SPDX-License-Identifier: EUPL-1.2
"""Fast, lean lookups of published cells, for publications of national size.

The report's :class:`~ketenmonitor.reports.data.IndicatorTable` builds one Python object per
row, which for a national publication (nearly two million rows) costs gigabytes per worker. The
portal keeps each indicator as a sorted Arrow table with the row range of every area, and builds
the cells of one area only when that area is asked for (kept in a small LRU cache). Cells are the
report's :class:`~ketenmonitor.reports.data.Cell`, so display rules stay the same.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.publish.signs import GEEN_GEGEVENS, ONTHULLING, REASON_COLUMN, SIGNS
from ketenmonitor.reports.data import TOTAAL, Cell
from ketenmonitor.reports.formatting import SUPPRESSED, format_number

AREA_CACHE = 512
Key = tuple[str, str, str]  # periode, dimensie, categorie


def _cell_list(table: pa.Table) -> list[Cell]:
    columns = {name: table.column(name).to_pylist() for name in
               ("teller", "noemer", "waarde", "weergave", "onderdrukt", "voorlopig")}
    reasons = (table.column(REASON_COLUMN).to_pylist() if REASON_COLUMN in table.column_names
               else [None] * table.num_rows)
    found: list[Cell] = []
    for i in range(table.num_rows):
        onderdrukt = bool(columns["onderdrukt"][i])
        waarde = None if onderdrukt else columns["waarde"][i]
        reden = reasons[i] or (None if waarde is not None else
                               ONTHULLING if onderdrukt else GEEN_GEGEVENS)
        weergave = SIGNS[reden] if reden in SIGNS else columns["weergave"][i]
        if not weergave:
            weergave = SUPPRESSED if onderdrukt else format_number(waarde)
        found.append(Cell(waarde=waarde, weergave=weergave, teller=columns["teller"][i],
                          noemer=columns["noemer"][i], onderdrukt=onderdrukt,
                          voorlopig=bool(columns["voorlopig"][i]), reden=reden))
    return found


def _cells(table: pa.Table) -> dict[Key, Cell]:
    keys = zip(table.column("periode").to_pylist(), table.column("dimensie").to_pylist(),
               table.column("categorie").to_pylist(), strict=True)
    return dict(zip(keys, _cell_list(table), strict=True))


class CellIndex:
    """Read access to one indicator's published cells (same questions as IndicatorTable)."""

    def __init__(self, table: pa.Table, peildatum: date | None = None) -> None:
        self.peildatum = peildatum
        self.table = table
        # Row numbers sorted by area instead of a sorted copy: the same ranges, a fraction of
        # the memory (8 bytes per row).
        self._order = pc.sort_indices(table, sort_keys=[("gebied_code", "ascending")])
        codes = pc.take(table.column("gebied_code"), self._order).to_numpy(zero_copy_only=False)
        unique, starts = np.unique(codes, return_index=True)
        ends = [*starts[1:], len(codes)]
        self._ranges = {str(c): (int(s), int(e)) for c, s, e in zip(unique, starts, ends, strict=True)}
        self._areas: OrderedDict[str, dict[Key, Cell]] = OrderedDict()
        self._totals: OrderedDict[str, dict[str, Cell]] = OrderedDict()
        self._lock = threading.Lock()

    def _area(self, area: str) -> dict[Key, Cell]:
        with self._lock:
            found = self._areas.get(area)
            if found is not None:
                self._areas.move_to_end(area)
                return found
        span = self._ranges.get(area)
        found = ({} if span is None else
                 _cells(self.table.take(self._order.slice(span[0], span[1] - span[0]))))
        with self._lock:
            self._areas[area] = found
            while len(self._areas) > AREA_CACHE:
                self._areas.popitem(last=False)
        return found

    def cell(self, area: str, periode: str, dimensie: str = TOTAAL, categorie: str = TOTAAL) -> Cell:
        return self._area(area).get((periode, dimensie, categorie)) or Cell.missing()

    @cached_property
    def _distribution(self) -> bool:
        totals = self.table.filter(pc.and_(pc.equal(self.table.column("dimensie"), TOTAAL),
                                           pc.equal(self.table.column("categorie"), TOTAAL)))
        shown = [v for v in totals.column("waarde").to_pylist() if v is not None]
        return bool(shown) and all(abs(v - 100.0) < 1e-9 for v in shown)

    def is_distribution(self) -> bool:
        """True when the total row is always 100%: the indicator is a breakdown, not a level."""
        return self._distribution

    @cached_property
    def _dimensions(self) -> list[str]:
        values = self.table.column("dimensie").unique().to_pylist()
        order = {d: i for i, d in enumerate(dict.fromkeys(
            self.table.slice(0, min(self.table.num_rows, 5000)).column("dimensie").to_pylist()))}
        return sorted((str(d) for d in values if d != TOTAAL), key=lambda d: order.get(d, 1 << 30))

    def dimensions(self) -> list[str]:
        return list(self._dimensions)

    @cached_property
    def _categories(self) -> dict[str, list[tuple[str, str]]]:
        pairs = self.table.select(["dimensie", "categorie", "categorie_label"]).group_by(
            ["dimensie", "categorie", "categorie_label"], use_threads=False).aggregate([])
        found: dict[str, dict[str, str]] = {}
        first = self.table.slice(0, min(self.table.num_rows, 5000))
        order = {c: i for i, c in enumerate(dict.fromkeys(first.column("categorie").to_pylist()))}
        rows = sorted(pairs.to_pylist(), key=lambda r: order.get(r["categorie"], 1 << 30))
        for row in rows:
            label = row["categorie_label"]
            found.setdefault(str(row["dimensie"]), {}).setdefault(
                str(row["categorie"]), str(label) if label else str(row["categorie"]))
        return {d: list(c.items()) for d, c in found.items()}

    def categories(self, dimensie: str) -> list[tuple[str, str]]:
        return list(self._categories.get(dimensie, []))

    @cached_property
    def decimals(self) -> int:
        """Decimals the publisher used in ``weergave`` (charts print figures the same way)."""
        found = 0
        for text in self.table.column("weergave").unique().to_pylist():
            match = re.search(r",(\d+)", str(text or ""))
            if match:
                found = max(found, len(match.group(1)))
        return min(found, 2)

    def totals(self, periode: str) -> dict[str, Cell]:
        """The total cell of every area for one period (dashboards and comparisons), cached:
        a gemeente dashboard then needs no per-area table at all."""
        with self._lock:
            found = self._totals.get(periode)
            if found is not None:
                return found
        rows = self.table.filter(pc.and_(pc.equal(self.table.column("periode"), periode),
                                         pc.equal(self.table.column("dimensie"), TOTAAL)))
        rows = rows.filter(pc.equal(rows.column("categorie"), TOTAAL))
        found = dict(zip(rows.column("gebied_code").to_pylist(), _cell_list(rows), strict=True))
        with self._lock:
            self._totals[periode] = found
            while len(self._totals) > 8:
                self._totals.popitem(last=False)
        return found

    def total(self, area: str, periode: str) -> Cell:
        return self.totals(periode).get(area) or Cell.missing()
