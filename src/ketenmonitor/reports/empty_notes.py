# SPDX-License-Identifier: EUPL-1.2
"""Notes that explain a category or a gemeente without a figure in every period (issue 15).

A row of signs with no word of explanation (ouderenmishandeling hidden for the whole region in
every year) reads like an error. When every cell of a category of the region, or of a gemeente,
has no figure, the note under the table says so with the reason — the published reason only
(geheim, nog niet waarneembaar, geen gegevens), never why disclosure control chose the cell.
"""

from __future__ import annotations

from collections import Counter

from ketenmonitor.core.i18n import _
from ketenmonitor.publish.signs import SIGNS, explanation
from ketenmonitor.reports.data import Area, Cell, IndicatorTable


def _reason(cells: list[Cell]) -> str | None:
    """The reason every cell shares, or the most frequent one; None if any cell has a figure."""
    if not cells or any(c.reden is None for c in cells):
        return None
    return Counter(str(c.reden) for c in cells).most_common(1)[0][0]


def category_notes(
    table: IndicatorTable,
    region: Area,
    dimensie: str,
    categories: list[tuple[str, str]],
    periods: list[str],
) -> list[str]:
    """One note per category of ``dimensie`` that has no figure for the region in any period."""
    notes = []
    for code, label in categories:
        reason = _reason([table.cell(region.code, p, dimensie, code) for p in periods])
        if reason is not None:
            notes.append(_(
                "‘{categorie}’ heeft in geen enkele periode een cijfer voor {gebied} ({teken}: "
                "{uitleg})."
            ).format(categorie=label, gebied=region.label, teken=SIGNS[reason],
                     uitleg=explanation(reason)))
    return notes


def area_notes(table: IndicatorTable, areas: list[Area], periods: list[str]) -> list[str]:
    """One note per gemeente (or the region) without a total figure in any period."""
    notes = []
    for area in areas:
        reason = _reason([table.cell(area.code, p) for p in periods])
        if reason is not None:
            notes.append(_("{gebied} heeft in geen enkele periode een cijfer ({teken}: {uitleg}).")
                         .format(gebied=area.naam, teken=SIGNS[reason],
                                 uitleg=explanation(reason)))
    return notes
