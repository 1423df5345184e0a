# SPDX-License-Identifier: EUPL-1.2
"""Reporting periods as CBS uses them: half-years ("2024-H1") and years ("2024")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-?H(?P<half>[12]))?$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar year (``half is None``) or one of its halves."""

    year: int
    half: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PATTERN.match(text.strip())
        if not match:
            raise InputRefused(
                "periode_ongeldig",
                _("Periode '{text}' is ongeldig.").format(text=text),
                _("Gebruik een jaar (2024) of een halfjaar (2024-H1 of 2024-H2)."),
            )
        half = match.group("half")
        return cls(int(match.group("year")), int(half) if half else None)

    @classmethod
    def half_of(cls, day: date) -> Period:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def is_year(self) -> bool:
        return self.half is None

    @property
    def code(self) -> str:
        return str(self.year) if self.half is None else f"{self.year}-H{self.half}"

    @property
    def label(self) -> str:
        """Dutch label as in CBS tables."""
        if self.half is None:
            return str(self.year)
        return _("{year} {n}e halfjaar").format(year=self.year, n=self.half)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def halves(self) -> list[Period]:
        return [Period(self.year, 1), Period(self.year, 2)] if self.half is None else [self]

    def __str__(self) -> str:
        return self.code


def half_years(first: date, last: date) -> Iterator[Period]:
    """All half-years from the one containing ``first`` to the one containing ``last``."""
    current = Period.half_of(first)
    stop = Period.half_of(last)
    while current <= stop:
        yield current
        current = Period(current.year + 1, 1) if current.half == 2 else Period(current.year, 2)


def parse_date(text: str, what: str = "datum") -> date:
    """An ISO date given by a user, with a Dutch error instead of a ValueError."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputRefused(
            "datum_ongeldig",
            _("De {what} '{text}' is geen geldige datum.").format(what=what, text=text),
            _("Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2025-12-31."),
        ) from None
