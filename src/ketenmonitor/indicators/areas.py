# SPDX-License-Identifier: EUPL-1.2
"""The areas of a publication: every gemeente of the region and the region itself, per period.

Gemeenten and their population are versioned by date (``ketenmonitor.codes``); a period uses the
gemeenten valid on its first day and their population at that date. The region is the sum of its
gemeenten, never a separate figure, so region = sum of gemeenten holds for every count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketenmonitor.codes import gemeenten, population, region
from ketenmonitor.core.periods import Period

GEMEENTE = "gemeente"
REGIO = "regio"


@dataclass(frozen=True)
class Gebied:
    code: str
    naam: str
    niveau: str  # 'gemeente' | 'regio'
    volgorde: int


@dataclass(frozen=True)
class Indeling:
    """``gemeente_code`` counts towards ``gebied_code`` from ``geldig_van`` to ``geldig_tot``."""

    gemeente_code: str
    gebied_code: str
    geldig_van: date
    geldig_tot: date


@dataclass(frozen=True)
class Areas:
    region_code: str
    region_name: str
    gebieden: tuple[Gebied, ...]
    indeling: tuple[Indeling, ...]
    inwoners: tuple[tuple[str, str, int], ...]  # (gebied_code, periode, inwoners)


def _sort_name(naam: str) -> str:
    """Sort 's-Gravenhage under G, as in CBS tables."""
    return naam.lower().removeprefix("'s-")


def region_areas(region_code: str, periods: list[Period]) -> Areas:
    """Gebieden (region first, then gemeenten by name), their indeling and population."""
    reg = region(region_code)
    members: dict[str, tuple[str, date, date]] = {}
    per_period: dict[str, list[str]] = {}
    for period in periods:
        valid = gemeenten(region_code, on=period.start)
        per_period[period.code] = [g.code for g in valid]
        for g in valid:
            members[g.code] = (g.naam, g.geldig_van, g.geldig_tot or date(9999, 12, 31))
    ordered = sorted(members, key=lambda code: (_sort_name(members[code][0]), code))
    gebieden = [Gebied(reg.gebiedscode, reg.naam, REGIO, 0)]
    gebieden += [Gebied(code, members[code][0], GEMEENTE, i + 1) for i, code in enumerate(ordered)]
    indeling: list[Indeling] = []
    for code in ordered:
        _naam, van, tot = members[code]
        indeling.append(Indeling(code, code, van, tot))
        indeling.append(Indeling(code, reg.gebiedscode, van, tot))
    inwoners: list[tuple[str, str, int]] = []
    for period in periods:
        counts = [(code, population(code, period.start)) for code in per_period[period.code]]
        inwoners.append((reg.gebiedscode, period.code, sum(n for _c, n in counts)))
        inwoners += [(code, period.code, n) for code, n in counts]
    return Areas(reg.gebiedscode, reg.naam, tuple(gebieden), tuple(indeling), tuple(inwoners))
