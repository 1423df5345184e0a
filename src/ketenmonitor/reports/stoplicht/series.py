# SPDX-License-Identifier: EUPL-1.2
"""The course of a published figure over periods, for the chart next to a computed light.

Reads only the published (disclosure-controlled) cells: a suppressed cell stays suppressed.
Periods have the granularity of the light's period (years for a year report, half-years for a
half-year report) and end at the light's period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.result import Cijfer
from ketenmonitor.reports.stoplicht.parts import period_key


@dataclass(frozen=True)
class Serie:
    gebied_code: str
    gebied_naam: str
    niveau: str  # "regio" | "gemeente"
    cijfers: tuple[Cijfer, ...]  # oldest period first


class SeriesReader:
    """Series of one publication, with every indicator table read at most once."""

    def __init__(self, publication: Publication | None) -> None:
        self.publication = publication
        self._rows: dict[str, list[dict[str, Any]]] = {}

    def _table(self, indicator_id: str) -> list[dict[str, Any]]:
        assert self.publication is not None
        if indicator_id not in self._rows:
            self._rows[indicator_id] = self.publication.table(indicator_id).to_pylist()
        return self._rows[indicator_id]

    def series(self, indicator_id: str, gebied_code: str, dimensie: str, categorie: str,
               until: str) -> Serie | None:
        """The figure of ``gebied_code`` per period up to ``until`` (same granularity)."""
        if self.publication is None or indicator_id not in self.publication.indicator_ids:
            return None
        half_years = "-H" in until
        last = period_key(until)
        found: dict[str, Cijfer] = {}
        name, niveau = gebied_code, ""
        for row in self._table(indicator_id):
            if (row["gebied_code"] != gebied_code or row["dimensie"] != dimensie
                    or row["categorie"] != categorie):
                continue
            periode = str(row["periode"])
            if ("-H" in periode) != half_years or period_key(periode) > last:
                continue
            suppressed = bool(row["onderdrukt"]) or row["waarde"] is None
            name, niveau = str(row["gebied_naam"]), str(row["gebied_niveau"])
            found[periode] = Cijfer(
                waarde=None if suppressed else float(row["waarde"]),
                weergave=str(row["weergave"]),
                periode=periode,
                gebied_code=gebied_code,
                gebied_naam=name,
                voorlopig=bool(row["voorlopig"]),
                onderdrukt=suppressed,
            )
        if not found:
            return None
        ordered = tuple(found[p] for p in sorted(found, key=period_key))
        return Serie(gebied_code, name, niveau, ordered)

    def region_code(self, indicator_id: str) -> str | None:
        """The area code the publication uses for the region as a whole."""
        if self.publication is None or indicator_id not in self.publication.indicator_ids:
            return None
        for row in self._table(indicator_id):
            if row["gebied_niveau"] == "regio":
                return str(row["gebied_code"])
        return None
