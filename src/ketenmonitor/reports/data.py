# SPDX-License-Identifier: EUPL-1.2
"""Looking up cells of a long-format indicator table (publication format 1.0).

Each indicator table holds one row per area × period × dimension × category. The report asks
small questions of it — the value for one area in one year, the categories of a dimension, the
years to draw — and this module answers them so the section builders stay readable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.publish.signs import GEEN_GEGEVENS, ONTHULLING, REASON_COLUMN, SIGNS
from ketenmonitor.reports.formatting import MISSING, SUPPRESSED, format_number

TOTAAL = "totaal"
_DECIMALS = re.compile(r",(\d+)")


@dataclass(frozen=True)
class Area:
    code: str
    naam: str
    niveau: str  # gemeente | regio

    @property
    def label(self) -> str:
        """Name in charts and tables: 'Regio Haaglanden' for the region, else the gemeente name."""
        if self.niveau != "regio" or self.naam.lower().startswith(_("regio")):
            return self.naam
        return _("Regio {naam}").format(naam=self.naam)

    @property
    def phrase(self) -> str:
        """Name inside a sentence: 'regio Haaglanden' / 'gemeente Delft'."""
        prefix = _("regio") if self.niveau == "regio" else _("gemeente")
        if self.naam.lower().startswith(prefix):
            return self.naam
        return f"{prefix} {self.naam}"


@dataclass(frozen=True)
class Cell:
    """One published figure."""

    waarde: float | None
    weergave: str
    teller: int | None
    noemer: int | None
    onderdrukt: bool
    voorlopig: bool
    # Statistics of publication format 1.2 (ADR 0006); absent in older publications.
    ondergrens: float | None = None
    bovengrens: float | None = None
    klein_aantal: bool = False
    trend: str | None = None  # stijgend | dalend | geen_trend
    trend_p: float | None = None
    trend_per_jaar: float | None = None
    methodebreuk: str | None = None
    # Why the cell shows no figure (publication format 1.2, ADR 0021): onthulling,
    # nog_niet_waarneembaar or geen_gegevens; None for a figure or a cell not in the table.
    reden: str | None = None

    @classmethod
    def missing(cls) -> Cell:
        return cls(None, MISSING, None, None, False, False)

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval, never for a suppressed cell (it would give the figure away)."""
        if self.onderdrukt or self.ondergrens is None or self.bovengrens is None:
            return None
        return self.ondergrens, self.bovengrens


def _optional_int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return int(value)


def _optional_float(value: Any) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _flag(value: Any) -> bool:
    return False if value is None or value is pd.NA else bool(value)


def _optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _cell(row: Mapping[Hashable, Any]) -> Cell:
    onderdrukt = _flag(row["onderdrukt"])
    waarde = None if onderdrukt else _optional_float(row["waarde"])
    reden = _optional_text(row.get(REASON_COLUMN))
    if reden is None and waarde is None:
        reden = ONTHULLING if onderdrukt else GEEN_GEGEVENS
    weergave = row["weergave"]
    if reden is not None:
        weergave = SIGNS.get(reden, SUPPRESSED)
    elif not isinstance(weergave, str) or not weergave:
        weergave = format_number(waarde)
    # A suppressed cell keeps no statistic of its own: an interval or trend would disclose it.
    hidden = onderdrukt
    return Cell(
        waarde=waarde,
        weergave=weergave,
        teller=_optional_int(row["teller"]),
        noemer=_optional_int(row["noemer"]),
        onderdrukt=onderdrukt,
        voorlopig=_flag(row["voorlopig"]),
        ondergrens=None if hidden else _optional_float(row.get("ondergrens")),
        bovengrens=None if hidden else _optional_float(row.get("bovengrens")),
        klein_aantal=not hidden and _flag(row.get("klein_aantal")),
        trend=None if hidden else _optional_text(row.get("trend")),
        trend_p=None if hidden else _optional_float(row.get("trend_p")),
        trend_per_jaar=None if hidden else _optional_float(row.get("trend_per_jaar")),
        methodebreuk=_optional_text(row.get("methodebreuk")),
        reden=reden,
    )


class IndicatorTable:
    """Read access to one indicator's long-format table."""

    def __init__(self, frame: pd.DataFrame, peildatum: date | None = None) -> None:
        self.frame = frame
        self.peildatum = peildatum
        self._index: dict[tuple[str, str, str, str], Cell] = {}
        self._provisional: set[str] = set()
        self._periods: dict[str, set[str]] = {}
        self._totals: list[float | None] = []
        for row in frame.to_dict("records"):
            key = (
                str(row["gebied_code"]),
                str(row["periode"]),
                str(row["dimensie"]),
                str(row["categorie"]),
            )
            cell = _cell(row)
            self._index[key] = cell
            self._periods.setdefault(str(row["periode_type"]), set()).add(key[1])
            if cell.voorlopig:
                self._provisional.add(key[1])
            if key[2] == TOTAAL and key[3] == TOTAAL:
                self._totals.append(cell.waarde)
        self._trend = self._trend_periods()

    def cell(
        self, area: str, periode: str, dimensie: str = TOTAAL, categorie: str = TOTAAL
    ) -> Cell:
        return self._index.get((area, periode, dimensie, categorie)) or Cell.missing()

    def trend_periods(self) -> list[str]:
        """Complete years in the table, oldest first; half-years when there is no complete year.

        A year that is still running at the peildatum is left out: comparing its first months
        with a whole year would show a fall that is not there.
        """
        return list(self._trend)

    def _trend_periods(self) -> list[str]:
        for kind in ("jaar", "halfjaar"):
            periods = sorted(p for p in self._periods.get(kind, set()) if self._complete(p))
            if periods:
                return periods
        return []

    def _complete(self, code: str) -> bool:
        if self.peildatum is None:
            return True
        try:
            return Period.parse(code).end <= self.peildatum
        except KetenmonitorError:
            return True

    @cached_property
    def decimals(self) -> int:
        """Decimals the publisher used in ``weergave`` (at most 2); computed once per table."""
        found = 0
        for text in self.frame["weergave"].dropna().unique():
            match = _DECIMALS.search(str(text))
            if match:
                found = max(found, len(match.group(1)))
        return min(found, 2)

    def provisional(self, periode: str) -> bool:
        return periode in self._provisional

    def has_totaal(self) -> bool:
        return bool(self._totals)

    def is_distribution(self) -> bool:
        """True when the total row is always 100%: the indicator is a breakdown, not a level."""
        shown = [v for v in self._totals if v is not None]
        return bool(shown) and all(abs(v - 100.0) < 1e-9 for v in shown)

    def dimensions(self) -> list[str]:
        return [str(d) for d in dict.fromkeys(self.frame["dimensie"]) if d != TOTAAL]

    def categories(self, dimensie: str) -> list[tuple[str, str]]:
        rows = self.frame.loc[self.frame["dimensie"] == dimensie, ["categorie", "categorie_label"]]
        seen: dict[str, str] = {}
        for code, label in rows.itertuples(index=False):
            seen.setdefault(
                str(code), str(label) if isinstance(label, str) and label else str(code)
            )
        return list(seen.items())

    def areas(self, niveau: str) -> list[Area]:
        rows = self.frame.loc[self.frame["gebied_niveau"] == niveau, ["gebied_code", "gebied_naam"]]
        seen: dict[str, str] = {}
        for code, naam in rows.itertuples(index=False):
            seen.setdefault(str(code), str(naam))
        return [Area(code, naam, niveau) for code, naam in seen.items()]


def collect_areas(tables: list[IndicatorTable], niveau: str) -> list[Area]:
    """All areas of one level over all tables, gemeenten in alphabetical order."""
    found: dict[str, Area] = {}
    for table in tables:
        for area in table.areas(niveau):
            found.setdefault(area.code, area)
    return sorted(found.values(), key=lambda a: a.naam.lstrip("'").lower())
