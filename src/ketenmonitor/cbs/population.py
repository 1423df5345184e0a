# SPDX-License-Identifier: EUPL-1.2
"""Inhabitants for CBS rates: the imported CBS population first, the code lists after that.

A figure per 1,000 inhabitants divides by the population on the first day of the period: the
latest imported CBS figure on or before that day (the earliest one when none is older), as
``codes.population`` does for the region's own figures. Without an imported figure a gemeente
takes its population from ``codes/data/bevolking.csv`` and a Veilig Thuis region the sum of its
gemeenten; Nederland has no fallback, so without the population table there is no rate for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from ketenmonitor.cbs.labels import GEMEENTE, VT_REGIO, region_code
from ketenmonitor.cbs.store import POPULATION_TABLE
from ketenmonitor.codes import gemeenten, population
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _


@dataclass
class PopulationLookup:
    """Inhabitants per area code and date (imported), with where each figure came from."""

    imported: dict[str, list[tuple[date, int, str]]]
    used_tables: set[str] = field(default_factory=set)

    @classmethod
    def from_warehouse(cls, con: duckdb.DuckDBPyConnection) -> PopulationLookup:
        present = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
            [POPULATION_TABLE],
        ).fetchall()[0][0]
        imported: dict[str, list[tuple[date, int, str]]] = {}
        if present:
            rows = con.execute(
                f"SELECT gebied_code, peildatum, inwoners, tabel FROM {POPULATION_TABLE} "
                "ORDER BY gebied_code, peildatum"
            ).fetchall()
            for code, peildatum, inwoners, tabel in rows:
                imported.setdefault(code, []).append((peildatum, int(inwoners), tabel))
        return cls(imported)

    def _imported(self, code: str, on: date) -> tuple[int, str] | None:
        versions = self.imported.get(code)
        if not versions:
            return None
        chosen = versions[0]
        for version in versions:
            if version[0] <= on:
                chosen = version
        self.used_tables.add(chosen[2])
        return chosen[1], chosen[2]

    def _gemeente(self, code: str, on: date) -> int | None:
        found = self._imported(code, on)
        if found:
            return found[0]
        try:
            return population(code, on)
        except ConfigurationError:
            return None

    def inhabitants(self, code: str, niveau: str, on: date) -> tuple[int | None, str]:
        """(inhabitants, source text) of an area on a date; None when unknown."""
        found = self._imported(code, on)
        if found:
            return found[0], _("CBS {tabel}").format(tabel=found[1])
        if niveau == GEMEENTE:
            return self._gemeente(code, on), _("codes/data/bevolking.csv")
        if niveau == VT_REGIO:
            region = region_code(code)
            if region is None:
                return None, ""
            counts = [self._gemeente(g.code, on) for g in gemeenten(region, on=on)]
            if not counts or any(c is None for c in counts):
                return None, ""
            return sum(c or 0 for c in counts), _("som van de gemeenten")
        return None, ""
