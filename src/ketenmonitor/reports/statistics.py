# SPDX-License-Identifier: EUPL-1.2
"""The statistics of a published figure in Dutch words: interval, small numbers, trend, breaks.

Publication format 1.2 carries a 95% interval, a small-number flag, a Mann–Kendall trend test and
method breaks per cell (ADR 0006). The report prints them next to the figure they belong to:
``7,3 (6,9–7,7)``, a ``k`` after a figure resting on few observations, ``stijgend, significant
(p = 0,003)`` under a series and a note below a table that spans a method break.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.reports.data import Cell
from ketenmonitor.reports.formatting import format_number, format_signed, unit_label

SMALL_NUMBER = "k"  # marker after a figure that rests on fewer than 50 observations
METHOD_BREAK = "b"  # marker after a period in which a method break falls
INTERVAL_DASH = "\u2013"


def interval_text(cell: Cell, decimals: int) -> str:
    """``'(6,9–7,7)'`` for a cell with an interval, else ``''`` (suppressed cells never have one)."""
    found = cell.interval
    if found is None:
        return ""
    low, high = found
    return f"({format_number(low, decimals)}{INTERVAL_DASH}{format_number(high, decimals)})"


def figure_with_interval(cell: Cell, decimals: int) -> str:
    """``'7,3 (6,9–7,7)'``: the published figure with its interval when it has one."""
    extra = interval_text(cell, decimals)
    return f"{cell.weergave} {extra}" if extra else cell.weergave


def format_p(p: float) -> str:
    """``0.0031`` → ``'0,003'``; very small values as ``'< 0,001'``."""
    if p < 0.001:
        return "< " + format_number(0.001, 3)
    return "= " + format_number(p, 3)


def slope_unit(eenheid: str) -> str:
    """Unit of a change per year: percentages change in procentpunten, medians in days."""
    units = {"percentage": _("procentpunt"), "mediaan_dagen": _("dagen"), "gemiddelde": ""}
    return units[eenheid] if eenheid in units else unit_label(eenheid)


def trend_text(cell: Cell, unit: str = "", decimals: int = 1) -> str:
    """The trend test of a series in words, or ``''`` when the publication has none.

    ``'stijgend, significant (p = 0,003); mediane verandering +0,2 per jaar'`` or ``'geen
    significante trend (p = 0,410)'``.
    """
    if cell.trend is None or cell.trend_p is None:
        return ""
    p = format_p(cell.trend_p)
    directions = {"stijgend": _("stijgend"), "dalend": _("dalend")}
    if cell.trend in directions:
        text = _("{richting}, significant (p {p})").format(richting=directions[cell.trend], p=p)
    else:
        text = _("geen significante trend (p {p})").format(p=p)
    if cell.trend_per_jaar is not None:
        change = format_signed(cell.trend_per_jaar, decimals, unit)
        text += "; " + _("mediane verandering {verandering} per jaar").format(verandering=change)
    return text


def break_note(period_label: str, description: str) -> str:
    """A note below a table or chart: 'Methodebreuk 2019: …'."""
    return _("Methodebreuk {periode}: {omschrijving}").format(
        periode=period_label, omschrijving=description
    )
