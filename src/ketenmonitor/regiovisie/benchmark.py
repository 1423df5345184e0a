# SPDX-License-Identifier: EUPL-1.2
"""Benchmarks for comparison norms: the region from the publication itself, Nederland from
elsewhere (a CBS comparison table, or figures handed in by the caller)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ketenmonitor.core.formatting import format_number
from ketenmonitor.core.i18n import _
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.result import Cijfer


class Benchmark(Protocol):
    """A source of reference figures, e.g. Nederland."""

    @property
    def naam(self) -> str: ...

    def cijfer(self, indicator_id: str, periode: str, dimensie: str,
               categorie: str) -> Cijfer | None: ...


@dataclass(frozen=True)
class TabelBenchmark:
    """Reference figures given as a table: (indicator, periode, dimensie, categorie) → value.

    ``None`` as a value means the figure exists but is suppressed or unknown (CBS ``.``).
    """

    naam: str
    waarden: dict[tuple[str, str, str, str], float | None] = field(default_factory=dict)
    gebied_code: str = "NL01"
    decimalen: int = 1
    voorlopig: frozenset[str] = frozenset()

    def cijfer(self, indicator_id: str, periode: str, dimensie: str,
               categorie: str) -> Cijfer | None:
        key = (indicator_id, periode, dimensie, categorie)
        if key not in self.waarden:
            return None
        value = self.waarden[key]
        provisional = periode in self.voorlopig
        if value is None:
            return Cijfer(None, ".", periode, self.gebied_code, self.naam, provisional, True)
        shown = format_number(value, self.decimalen) + ("*" if provisional else "")
        return Cijfer(value, shown, periode, self.gebied_code, self.naam, provisional, False)


# Optional table of publication format 1.1 with CBS figures for gemeente, VT region and Nederland.
CBS_TABLE = "_cbs_vergelijking"
NEDERLAND = "nederland"


@dataclass(frozen=True)
class PublicatieBenchmark:
    """Nederland from the CBS comparison table a publication may carry (format 1.1)."""

    naam: str
    cellen: dict[tuple[str, str, str, str], Cijfer]

    def cijfer(self, indicator_id: str, periode: str, dimensie: str,
               categorie: str) -> Cijfer | None:
        return self.cellen.get((indicator_id, periode, dimensie, categorie))


def publication_benchmark(publication: Publication | None) -> PublicatieBenchmark | None:
    """The national figures in ``publication``, if it has a CBS comparison table."""
    if publication is None or CBS_TABLE not in publication.tables:
        return None
    cells: dict[tuple[str, str, str, str], Cijfer] = {}
    for row in publication.tables[CBS_TABLE].to_pylist():
        if row.get("gebied_niveau") != NEDERLAND:
            continue
        suppressed = bool(row.get("onderdrukt")) or row.get("waarde") is None
        key = (str(row["indicator_id"]), str(row["periode"]), str(row["dimensie"]),
               str(row["categorie"]))
        cells[key] = Cijfer(
            waarde=None if suppressed else float(row["waarde"]),
            weergave=str(row.get("weergave") or "."),
            periode=str(row["periode"]),
            gebied_code=str(row.get("gebied_code") or "NL01"),
            gebied_naam=str(row.get("gebied_naam") or "Nederland"),
            voorlopig=bool(row.get("voorlopig")),
            onderdrukt=suppressed,
        )
    return PublicatieBenchmark(_("Nederland"), cells) if cells else None
