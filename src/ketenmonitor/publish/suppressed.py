# SPDX-License-Identifier: EUPL-1.2
"""Guards that a suppressed cell cannot be recovered through its interval or a trend.

A confidence interval is computed from teller and noemer, so an interval on a suppressed cell
gives the count back; ``klein_aantal`` says the count is below 50, which narrows a secondarily
suppressed cell. A trend (p-value and Sen slope) over a window that contains a suppressed year
lets the missing year be solved from the others. The compiler never writes any of these (ADR
0006); the guards make sure a hand-made or faulty table is refused rather than published.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.codes.registry import method_breaks
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.indicators.trend import break_years

# Columns that must be empty (null) on a suppressed cell.
EMPTY_WHEN_SUPPRESSED = ("ondergrens", "bovengrens", "trend", "trend_p", "trend_per_jaar")
TREND_COLUMNS = ("trend", "trend_p", "trend_per_jaar")


def _refuse(message: str) -> PublicationError:
    return PublicationError(
        "onderdrukt_onthullend",
        message,
        _(
            "Een onderdrukte cel heeft geen interval, geen trend en geen 'klein_aantal'; een "
            "trend loopt niet over een onderdrukt jaar. Maak de tabel opnieuw met "
            "'ketenmonitor publish'."
        ),
    )


def check_suppressed_extras(name: str, row: dict[str, Any]) -> None:
    """A suppressed row shows no interval, trend or small-number flag (columns present only)."""
    shown = [c for c in EMPTY_WHEN_SUPPRESSED if row.get(c) is not None]
    if row.get("klein_aantal") is True:
        shown.append("klein_aantal")
    if shown:
        raise _refuse(
            _("Tabel {table} toont in een onderdrukte cel gegevens die het aantal verraden "
              "({columns}).").format(table=name, columns=", ".join(shown))
        )


def _year(periode: str) -> int | None:
    return int(periode) if periode.isdigit() else None


def _at_risk(table: pa.Table) -> pa.Table:
    """The rows of every series with both a trend and a suppressed cell, whole: only such a
    series can fail ``check_trend_windows``. The key joins area, dimension and category, so
    series sharing a joined key come along together (a superset, never a part of a series)."""
    trend = pc.is_valid(table.column(TREND_COLUMNS[0]))
    for column in TREND_COLUMNS[1:]:
        trend = pc.or_(trend, pc.is_valid(table.column(column)))
    hidden = pc.invert(pc.fill_null(pc.equal(table.column("onderdrukt"), False), False))
    key = pc.binary_join_element_wise(
        *(table.column(c) for c in ("gebied_code", "dimensie", "categorie")), "\x1f",
        null_handling="replace", null_replacement="",
    )
    trended = pc.unique(key.filter(trend))
    risky = trended.filter(pc.is_in(trended, value_set=pc.unique(key.filter(hidden))))
    return table.filter(pc.is_in(key, value_set=risky))


def check_trend_windows(name: str, table: pa.Table) -> None:
    """No trend on a year whose window (from the last method break on) has a suppressed year.

    The windows are those of ``indicators.trend.series_trends``: non-provisional years of one
    area, dimension and category, from the last break (``codes/data/methodebreuken.csv``) on.
    """
    if "trend" not in table.column_names:
        return
    columns = ["gebied_code", "dimensie", "categorie", "periode", "onderdrukt", "voorlopig",
               *TREND_COLUMNS]
    rows = _at_risk(table.select(columns)).to_pylist()
    starts = break_years(name, method_breaks())  # the windows the compiler used
    series: dict[tuple[str, str, str], dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in rows:
        year = _year(str(row["periode"]))
        if year is not None and row["voorlopig"] is not True:
            series[(row["gebied_code"], row["dimensie"], row["categorie"])][year] = row
    for key, years in series.items():
        first = min(years)
        for year, row in years.items():
            if all(row[c] is None for c in TREND_COLUMNS):
                continue
            start = max([s for s in starts if s <= year], default=first)
            hidden = sorted(y for y, r in years.items()
                            if start <= y <= year and r["onderdrukt"] is not False)
            if hidden:
                raise _refuse(
                    _("Tabel {table} toont een trend voor {area}, {category} in {year} over een "
                      "onderdrukt jaar ({hidden}).").format(
                        table=name, area=key[0], category=key[2], year=year,
                        hidden=", ".join(str(y) for y in hidden))
                )
