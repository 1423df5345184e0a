# SPDX-License-Identifier: EUPL-1.2
"""The published uncertainty columns of one table: intervals, small numbers, trend, breaks.

Input is what the table publishes (rounded counts, inhabitants, rounded values, with ``None``
for suppressed cells), so nothing here can reveal a suppressed or unrounded count.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pyarrow as pa

from ketenmonitor.codes import MethodBreak, method_breaks
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.model import TOTAAL, IndicatorDefinitie
from ketenmonitor.indicators.tables import CellTable
from ketenmonitor.indicators.trend import break_years, series_trends
from ketenmonitor.indicators.uncertainty import confidence_intervals, is_small


def break_annotation(
    indicator_id: str, period: str, breaks: Sequence[MethodBreak]
) -> str | None:
    """The description of the method break(s) that fall in ``period``, if any."""
    span = Period.parse(period)
    texts = [
        b.omschrijving
        for b in breaks
        if b.applies_to(indicator_id) and span.start <= b.vanaf <= span.end
    ]
    return " ".join(texts) or None


def uncertainty_columns(
    cells: CellTable,
    defn: IndicatorDefinitie,
    teller: Sequence[int | None],
    noemer: Sequence[int | None],
    waarde: Sequence[float | None],
    provisional: Collection[str],
    breaks: Sequence[MethodBreak] | None = None,
) -> dict[str, pa.Array]:
    """Columns ``ondergrens`` … ``methodebreuk`` of ``schema.PUBLISHED_SCHEMA``."""
    breaks = method_breaks() if breaks is None else breaks
    # the total row of a distribution is 100% by definition: no interval and no trend
    verdeling = defn.is_verdeling  # a property that compares filter sets: once, not per cell
    fixed = [verdeling and d == TOTAAL for d in cells.dimensie]
    intervals = confidence_intervals(defn.eenheid, teller, noemer, waarde)
    intervals = [(None, None) if f else iv for iv, f in zip(intervals, fixed, strict=True)]
    small = [
        w is not None and is_small(defn.eenheid, t, n)
        for t, n, w in zip(teller, noemer, waarde, strict=True)
    ]
    keys = [(cells.gebied[i], cells.dimensie[i], cells.categorie[i]) for i in range(len(cells))]
    trends = series_trends(
        keys,
        cells.periode,
        [None if f else w for w, f in zip(waarde, fixed, strict=True)],
        provisional,
        break_years(defn.id, breaks),
    )
    notes = {p: break_annotation(defn.id, p, breaks) for p in set(cells.periode)}
    return {
        "ondergrens": pa.array([low for low, _high in intervals], pa.float64()),
        "bovengrens": pa.array([high for _low, high in intervals], pa.float64()),
        "klein_aantal": pa.array(small, pa.bool_()),
        "trend": pa.array([t.richting if t else None for t in trends], pa.string()),
        "trend_p": pa.array([t.p if t else None for t in trends], pa.float64()),
        "trend_per_jaar": pa.array([t.per_jaar if t else None for t in trends], pa.float64()),
        "methodebreuk": pa.array([notes[p] for p in cells.periode], pa.string()),
    }
