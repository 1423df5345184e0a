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
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.periods import Period

log = get_logger(__name__)

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


def inhabitants_of_sex(areas: Areas, periods: list[Period],
                       geslacht: str) -> tuple[tuple[str, str, int], ...]:
    """Inhabitants of one sex per gebied and period, from CBS population by sex (ADR 0026).

    A gemeente and period without a CBS figure by sex gets no row, and the region gets one only
    when all its gemeenten have theirs: the indicator's value then stays empty instead of
    resting on an invented number. Logged once per call with the periods that lack figures."""
    rows: list[tuple[str, str, int]] = []
    missing: list[str] = []
    for period in periods:
        valid = [i.gemeente_code for i in areas.indeling
                 if i.gebied_code == i.gemeente_code and i.geldig_van <= period.start <= i.geldig_tot]
        counts: list[tuple[str, int]] = []
        for code in valid:
            try:
                counts.append((code, population(code, period.start, geslacht=geslacht)))
            except ConfigurationError:
                missing.append(f"{code}/{period.code}")
        rows += [(code, period.code, n) for code, n in counts]
        if valid and len(counts) == len(valid):
            rows.append((areas.region_code, period.code, sum(n for _c, n in counts)))
    if missing:
        log.warning("bevolking_naar_geslacht_ontbreekt", geslacht=geslacht, aantal=len(missing),
                    eerste=missing[0])
    return tuple(rows)
