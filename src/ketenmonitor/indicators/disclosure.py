# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control: from unrounded indicator rows to publishable cells (contract E).

1. Primary suppression: a cell whose count (teller; for shares, medians and means also the
   noemer) is below the threshold (``Settings.suppression_threshold``, 10; twice that for
   ``openbaarmaking: verhoogde_drempel``) is suppressed — a count of 0 too. Its percentage,
   rate, median or mean is suppressed with it. So is a share whose complement (noemer −
   teller) is 1 to below the threshold: "10 of 11" singles out the one as much as "1 of 11".
2. Secondary suppression, to a fixpoint: every sum of the table (``tables.additive_groups``)
   whose hidden cells could be narrowed by that sum alone gets its smallest shown cell
   suppressed as well: one hidden cell, or hidden cells whose others hold less than the
   protection a cell needs (``Protection``: ±5 around a count 1–9, the rounding band around a
   larger one), since raising one hidden cell must be paid for by the others. In a
   distribution (the categories divide by the total) a suppressed total takes its categories
   along, because each category row would otherwise show the total as its noemer.
3. Audit: suppressed cells that several sums together still determine (``audit``) get one more
   neighbour suppressed, and step 2 runs again, until nothing can be recovered.
   Numbers that several tables of one publication show (the number of meldingen is the total of
   five indicators) are suppressed in all of them or in none (``linked.py``).
4. Publication values: counts rounded to a multiple of 5 (``Settings.rounding_base``);
   inhabitants (noemer of rates) are public and shown as they are; values rounded to one
   decimal, computed from the published (rounded) counts (ADR 0010); ``weergave`` in Dutch
   notation with ``.`` for suppressed cells and ``*`` after provisional figures (CBS sign conventions).
5. Uncertainty (``statistics.py``): intervals, small-number flags and trends computed from the
   published figures only, empty for suppressed cells; method breaks from ``codes``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pyarrow as pa

from ketenmonitor.codes import MethodBreak
from ketenmonitor.core.logging import get_logger
from ketenmonitor.indicators.audit import determined_cells
from ketenmonitor.indicators.model import TOTAAL, Eenheid, IndicatorDefinitie
from ketenmonitor.indicators.rounding import DECIMALS, format_dutch, round_to_base, round_value
from ketenmonitor.indicators.schema import (
    ONTHULLING,
    PRIMAIR,
    PUBLISHED_SCHEMA,
    PUBLISHED_SCHEMA_BASE,
    SECUNDAIR,
)
from ketenmonitor.indicators.statistics import uncertainty_columns
from ketenmonitor.indicators.tables import CellTable, Group, additive_groups

log = get_logger(__name__)
__all__ = [
    "DECIMALS",
    "Protection",
    "apply_disclosure",
    "format_dutch",
    "publishable",
    "round_to_base",
    "round_value",
    "suppress",
    "with_uncertainty",
]


def _primary(cells: CellTable, defn: IndicatorDefinitie, threshold: int) -> list[str | None]:
    limit = threshold * defn.drempel_factor
    check_noemer = not defn.eenheid.is_rate
    share = defn.eenheid is Eenheid.PERCENTAGE
    status: list[str | None] = []
    for i in range(len(cells)):
        noemer = cells.noemer[i]
        small = cells.teller[i] < limit or (check_noemer and (noemer or 0) < limit)
        # "10 of 11" describes the one person as precisely as "1 of 11": a small complement
        # (noemer - teller) of a share is as disclosive as a small count (issue 12)
        complement = share and noemer is not None and 0 < noemer - cells.teller[i] < limit
        status.append(PRIMAIR if small or complement or cells.waarde[i] is None else None)
    return status


def _distribution_links(cells: CellTable, defn: IndicatorDefinitie) -> dict[int, list[int]]:
    """Total cell → its category cells, for tables whose categories divide by the total."""
    if not (defn.noemer_is_totaal and defn.dimensies):
        return {}
    links: dict[int, list[int]] = {}
    for i in range(len(cells)):
        if cells.dimensie[i] != TOTAAL:
            total = cells.index[(cells.gebied[i], cells.periode[i], TOTAAL, TOTAAL)]
            links.setdefault(total, []).append(i)
    return links


def _smallest_open(cells: CellTable, group: Group, status: list[str | None]) -> int | None:
    open_cells = [c for c in group.cells if status[c] is None]
    if not open_cells:
        return None
    return min(open_cells, key=lambda c: (cells.teller[c], c == group.total, c))


@dataclass(frozen=True)
class Protection:
    """How far a hidden count must stay uncertain: ``interval`` around a count 1-9 and
    ``band`` (half the rounding base) around a larger one (ADR 0010)."""

    interval: int = 5
    band: int = 2

    def need(self, value: int) -> int:
        if value <= 0:
            return 0
        return self.interval if value < 10 else self.band


def _exposed(
    group: Group, status: list[str | None], measures: Sequence[Sequence[int | None]],
    protection: Protection,
) -> bool:
    """Whether a hidden cell of the sum could be narrowed by it alone.

    Raising one hidden cell of a sum by ``d`` must be paid for by the other hidden cells of the
    sum (the shown ones are fixed up to rounding): so the others must together hold at least the
    protection a cell needs. One hidden cell alone is always exposed (exact differencing).
    """
    hidden = [c for c in group.cells if status[c] is not None]
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    small, large = protection.interval, protection.band  # ``protection.need``, inlined: hot
    for column in measures:
        values = [int(column[c] or 0) for c in hidden]
        total = sum(values)
        for v in values:
            if total - v < (large if v >= 10 else small if v > 0 else 0):
                return True
    return False


def _fixpoint(
    cells: CellTable, groups: list[Group], links: dict[int, list[int]], status: list[str | None],
    measures: Sequence[Sequence[int | None]], protection: Protection,
) -> None:
    changed = True
    while changed:
        changed = False
        for total, members in links.items():
            if status[total] is not None:
                for member in members:
                    if status[member] is None:
                        status[member] = SECUNDAIR
                        changed = True
        for group in groups:
            if _exposed(group, status, measures, protection):
                pick = _smallest_open(cells, group, status)
                if pick is not None:
                    status[pick] = SECUNDAIR
                    changed = True


AuditCache = dict[tuple[int, frozenset[int]], list[int]]


def suppress(
    cells: CellTable,
    defn: IndicatorDefinitie,
    threshold: int,
    forced: Collection[int] = (),
    cache: AuditCache | None = None,
    protection: Protection | None = None,
) -> list[str | None]:
    """Suppression status per cell: None, 'primair' or 'secundair'.

    ``forced`` cells are suppressed (secondary) from the start: cells whose number another
    table shows as well and suppresses there (see ``linked.py``). ``cache`` keeps audit
    outcomes per year and suppression pattern, for repeated calls on the same table.
    ``protection`` sets how much hidden mass every sum with a hidden cell must keep.
    """
    cache = {} if cache is None else cache
    protection = protection or Protection()
    measures: list[Sequence[int | None]] = [cells.teller]
    if not defn.eenheid.is_rate and not defn.noemer_is_totaal:
        measures.append(cells.noemer)
    status = _primary(cells, defn, threshold)
    for i in forced:
        status[i] = status[i] or SECUNDAIR
    groups = additive_groups(cells, defn)
    links = _distribution_links(cells, defn)
    years = [cells.year(i) for i in range(len(cells))]
    by_year: dict[int, list[Group]] = {}
    for group in groups:
        by_year.setdefault(years[group.total], []).append(group)
    while True:
        _fixpoint(cells, groups, links, status, measures, protection)
        extra = 0
        for year, year_groups in sorted(by_year.items()):
            hidden = frozenset(i for i, y in enumerate(years) if y == year and status[i])
            if (year, hidden) not in cache:
                cache[(year, hidden)] = determined_cells(sorted(hidden), year_groups)
            for cell in cache[(year, hidden)]:
                around = [g for g in year_groups if cell in g.cells]
                picks = [
                    p for p in (_smallest_open(cells, g, status) for g in around) if p is not None
                ]
                if picks:
                    status[min(picks, key=lambda c: (cells.teller[c], c))] = SECUNDAIR
                    extra += 1
                    break
        if not extra:
            return status
        log.info("audit_extra_onderdrukking", indicator=defn.id, cellen=extra)


def apply_disclosure(
    table: pa.Table,
    defn: IndicatorDefinitie,
    provisional: Collection[str],
    threshold: int,
    rounding_base: int,
    protection: Protection | None = None,
) -> pa.Table:
    """The publishable table (``schema.PUBLISHED_SCHEMA``) for one unrounded ``table``.

    For a set of tables published together use ``linked.disclose_tables``, which also keeps
    numbers that appear in several tables suppressed in all of them.
    """
    cells = CellTable.from_arrow(table)
    status = suppress(cells, defn, threshold, protection=protection)
    return publishable(table, cells, status, defn, provisional, rounding_base)


def _shown_value(
    defn: IndicatorDefinitie, teller: int | None, noemer: int | None, value: float
) -> float:
    """A share or rate from the published (rounded) counts: a value computed from the unrounded
    counts would give them away (issue 12: "10 of 10, 90,9 %" can only be 10 of 11). Medians
    and means are not a ratio of counts and stay as computed."""
    if defn.eenheid.factor > 1 and teller is not None and noemer:
        return defn.eenheid.factor * teller / noemer
    return value


def publishable(
    table: pa.Table,
    cells: CellTable,
    status: list[str | None],
    defn: IndicatorDefinitie,
    provisional: Collection[str],
    rounding_base: int,
    breaks: Sequence[MethodBreak] | None = None,
    *,
    uncertainty: bool = True,
) -> pa.Table:
    """Rounded counts, rounded values and Dutch display for a table with its suppression,
    plus intervals, small-number flags, trends and method breaks from the published figures.

    Without ``uncertainty`` the table stops before those columns (``PUBLISHED_SCHEMA_BASE``):
    they play no part in the interval attack, so the protection loop adds them
    (``with_uncertainty``) only to the tables it publishes."""
    teller: list[int | None] = []
    noemer: list[int | None] = []
    waarde: list[float | None] = []
    weergave: list[str] = []
    for i in range(len(cells)):
        value = cells.waarde[i]
        if status[i] is not None or value is None:
            teller.append(None)
            noemer.append(None)
            waarde.append(None)
            weergave.append(".")
            continue
        teller.append(round_to_base(cells.teller[i], rounding_base))
        raw_noemer = cells.noemer[i]
        if raw_noemer is None or defn.eenheid.is_rate:
            noemer.append(raw_noemer)
        else:
            noemer.append(round_to_base(raw_noemer, rounding_base))
        shown = round_value(_shown_value(defn, teller[-1], noemer[-1], value)) + 0.0  # no -0,0
        waarde.append(shown)
        star = "*" if cells.periode[i] in provisional else ""
        weergave.append(format_dutch(shown) + star)
    columns = {name: table.column(name) for name in table.column_names}
    columns.update(
        teller=pa.array(teller, pa.int64()),
        noemer=pa.array(noemer, pa.int64()),
        waarde=pa.array(waarde, pa.float64()),
        weergave=pa.array(weergave, pa.string()),
        onderdrukt=pa.array([s is not None for s in status], pa.bool_()),
        # one neutral reason: 'primair' would tell an attacker the count is below the threshold
        onderdrukking=pa.array([ONTHULLING if s else None for s in status], pa.string()),
        voorlopig=pa.array([p in provisional for p in cells.periode], pa.bool_()),
    )
    if not uncertainty:
        return pa.table(
            [columns[name] for name in PUBLISHED_SCHEMA_BASE.names], schema=PUBLISHED_SCHEMA_BASE
        )
    columns.update(
        uncertainty_columns(cells, defn, teller, noemer, waarde, provisional, breaks)
    )
    return pa.table([columns[name] for name in PUBLISHED_SCHEMA.names], schema=PUBLISHED_SCHEMA)


def with_uncertainty(
    table: pa.Table,
    cells: CellTable,
    defn: IndicatorDefinitie,
    provisional: Collection[str],
    breaks: Sequence[MethodBreak] | None = None,
) -> pa.Table:
    """A table of ``publishable(..., uncertainty=False)`` completed with the intervals, flags,
    trends and method breaks ``publishable`` would have given it (they follow from the shown
    counts and values only)."""
    columns = dict(zip(table.column_names, table.columns, strict=True))
    columns.update(
        uncertainty_columns(
            cells, defn, table.column("teller").to_pylist(), table.column("noemer").to_pylist(),
            table.column("waarde").to_pylist(), provisional, breaks,
        )
    )
    return pa.table([columns[name] for name in PUBLISHED_SCHEMA.names], schema=PUBLISHED_SCHEMA)
