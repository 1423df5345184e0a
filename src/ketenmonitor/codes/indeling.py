# SPDX-License-Identifier: EUPL-1.2
"""The gemeentelijke indeling over time: which codes were valid when, where a code went at a
herindeling, and which Veilig Thuis region a gemeente belonged to in a year.

The data are ``gemeenten.csv`` (validity per code), ``herindelingen.csv`` (old code → successor
with the date the successor took over) and ``regios.csv`` (the 26 Veilig Thuis regions); their
sources are in ``codes/data/bronnen.yaml``. Deliveries may use the code that was valid on the
event date; trend series map every old code to the code that is valid at the end of the series
(:func:`successor`), so one series never mixes a gemeente with its predecessors.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ketenmonitor.codes.registry import DATA_DIR, Gemeente, Region, all_gemeenten, gemeente, region


@dataclass(frozen=True)
class Herindeling:
    """``oud_code`` stopped to exist the day before ``ingang``; ``opvolger_code`` took over
    (for a split: the part with most inhabitants, the rest is named in ``opmerking``)."""

    oud_code: str
    oud_naam: str
    opvolger_code: str
    ingang: date
    opmerking: str


@lru_cache(maxsize=1)
def herindelingen() -> tuple[Herindeling, ...]:
    with (DATA_DIR / "herindelingen.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        sorted(
            (
                Herindeling(r["oud_code"], r["oud_naam"], r["opvolger_code"],
                            date.fromisoformat(r["ingang"]), r["opmerking"])
                for r in rows
            ),
            key=lambda h: (h.ingang, h.oud_code),
        )
    )


@lru_cache(maxsize=1)
def _by_old_code() -> dict[str, Herindeling]:
    return {h.oud_code: h for h in herindelingen()}


def is_valid(code: str, on: date) -> bool:
    """Whether ``code`` was a gemeente on ``on`` (an unknown code is never valid)."""
    return any(g.code == code and g.valid_on(on) for g in all_gemeenten())


def successor(code: str, on: date | None = None) -> str:
    """The code that stands for ``code`` on ``on`` (default: the newest indeling), following
    successive herindelingen. A code that is still valid maps to itself."""
    gemeente(code)  # raises ConfigurationError for an unknown code
    current = code
    seen: set[str] = set()
    while (step := _by_old_code().get(current)) is not None and (on is None or step.ingang <= on):
        if current in seen:  # a cycle would be a data error; stop instead of looping
            break
        seen.add(current)
        current = step.opvolger_code
    return current


def successor_map(on: date | None = None) -> dict[str, str]:
    """Every old code → its successor on ``on``; for trend series over herindelingen."""
    return {h.oud_code: successor(h.oud_code, on) for h in herindelingen()}


def gemeenten_in_year(regio: str | None, year: int) -> list[Gemeente]:
    """The gemeenten of ``regio`` (or the whole country) on 1 January of ``year``."""
    if regio is not None:
        region(regio)  # raises ConfigurationError for an unknown region
    day = date(year, 1, 1)
    return sorted(
        (g for g in all_gemeenten() if g.valid_on(day) and (regio is None or g.regio == regio)),
        key=lambda g: g.code,
    )


def region_of(code: str) -> Region:
    """The Veilig Thuis region of gemeente ``code`` (a code belongs to one region all its life)."""
    return region(gemeente(code).regio)
