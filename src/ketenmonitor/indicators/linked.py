# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control over the tables of one publication together (linked tables).

Several indicators show the same number: the number of meldingen per gemeente and half-year is
the rate's teller and the total of the melder, aard and eerdere-betrokkenheid tables; overdrachten
to the local team are a category in one table and the noemer of another. Each table's own
secondary suppression would choose different cells, and a cell hidden in one table but shown in
another can be copied over and then used for differencing. So cells that show the same series
of numbers (the same count for every area and period) in different tables are linked: when one
is suppressed, all are. The tables are suppressed again with those cells forced until no link is
violated; forced cells only grow, so this ends.

Links are found from the numbers themselves, not from the definitions, so a coincidence in the
data (every melding has a known "eerder signaal", making that noemer the number of meldingen)
is caught just like an identity by definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

import pyarrow as pa

from ketenmonitor.core.logging import get_logger
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.disclosure import AuditCache, Protection, publishable, suppress
from ketenmonitor.indicators.model import TOTAAL
from ketenmonitor.indicators.schema import SECUNDAIR
from ketenmonitor.indicators.tables import CellTable

log = get_logger(__name__)
Link = list[tuple[str, int]]  # (indicator id, cell index) that show the same number


Series = list[tuple[str, str, list[int]]]  # (indicator id, 'teller' | 'noemer', cells per place)


def _series(cells: CellTable, count_noemer: bool, noemer_is_totaal: bool) -> dict[
    tuple[str, str, str], dict[tuple[str, str], int]
]:
    """(dimensie, categorie, teller|noemer) → {(gebied, periode): cell}, for published counts."""
    series: dict[tuple[str, str, str], dict[tuple[str, str], int]] = defaultdict(dict)
    for i in range(len(cells)):
        place = (cells.gebied[i], cells.periode[i])
        dim, cat = cells.dimensie[i], cells.categorie[i]
        series[(dim, cat, "teller")][place] = i
        # a distribution's category noemer is its total's teller: covered by that series
        if count_noemer and cells.noemer[i] is not None and not (noemer_is_totaal and dim != TOTAAL):
            series[(dim, cat, "noemer")][place] = i
    return series


def equal_series(tables: Mapping[str, CellTable], catalogue: Catalogue) -> list[Series]:
    """Series of counts (teller or counted noemer over every area and period of a table) that
    show the same numbers, grouped; a group may lie within one table. Both disclosure control
    (``find_links``) and the interval attack (``attack_model``, one variable per group) use it."""
    by_numbers: dict[tuple[object, ...], Series] = defaultdict(list)
    for indicator_id in sorted(tables):
        cells, defn = tables[indicator_id], catalogue[indicator_id]
        series = _series(cells, not defn.eenheid.is_rate, defn.noemer_is_totaal)
        for (_dim, _cat, measure), where in sorted(series.items()):
            places = sorted(where)
            column = cells.teller if measure == "teller" else cells.noemer
            numbers = tuple(column[where[p]] for p in places)
            if any(numbers):
                by_numbers[(tuple(places), numbers)].append(
                    (indicator_id, measure, [where[p] for p in places])
                )
    return [members for members in by_numbers.values() if len(members) > 1]


def find_links(tables: Mapping[str, CellTable], catalogue: Catalogue) -> list[Link]:
    """Cells of different tables that show the same series of counts."""
    links: list[Link] = []
    for members in equal_series(tables, catalogue):
        if len({indicator_id for indicator_id, _m, _cells in members}) < 2:
            continue
        for position in range(len(members[0][2])):
            links.append([(indicator_id, idx[position]) for indicator_id, _m, idx in members])
    return links


def disclose_tables(
    results: Mapping[str, pa.Table],
    catalogue: Catalogue,
    provisional: Collection[str],
    threshold: int,
    rounding_base: int,
    *,
    protection: Protection | None = None,
    extra: Mapping[str, Collection[int]] | None = None,
    previous: Mapping[str, pa.Table] | None = None,
    cells: Mapping[str, CellTable] | None = None,
    links: Sequence[Link] | None = None,
    uncertainty: bool = True,
) -> dict[str, pa.Table]:
    """Disclosure control on all tables of a publication at once (contract E columns).

    ``extra`` cells are suppressed from the start (what the interval attack asked for, see
    ``protect.py``). A ``previous`` table whose suppression comes out the same is returned as
    it is: rounding, intervals and trends depend only on the table and its suppression.
    ``cells`` (``CellTable`` of every result) and their ``links`` may be given when known.
    Without ``uncertainty`` the tables lack the interval and trend columns (see
    ``disclosure.publishable``)."""
    if cells is None:
        cells = {indicator_id: CellTable.from_arrow(t) for indicator_id, t in results.items()}
    if links is None:
        links = find_links(cells, catalogue)
    forced: dict[str, set[int]] = {
        indicator_id: set((extra or {}).get(indicator_id, ())) for indicator_id in results
    }
    caches: dict[str, AuditCache] = {indicator_id: {} for indicator_id in results}
    earlier = previous or {}
    status: dict[str, list[str | None]] = {}
    for ind in results:
        before = earlier[ind].column("onderdrukt").to_pylist() if ind in earlier else None
        if before is not None and forced[ind] == {k for k, hidden in enumerate(before) if hidden}:
            # forcing exactly an earlier outcome of these rules: it is their fixpoint already
            status[ind] = [SECUNDAIR if hidden else None for hidden in before]
        else:
            status[ind] = suppress(
                cells[ind], catalogue[ind], threshold, forced[ind], caches[ind], protection
            )
    while True:
        changed: set[str] = set()
        for link in links:
            if any(status[indicator_id][i] for indicator_id, i in link):
                for indicator_id, i in link:
                    if status[indicator_id][i] is None and i not in forced[indicator_id]:
                        forced[indicator_id].add(i)
                        changed.add(indicator_id)
        if not changed:
            break
        for indicator_id in sorted(changed):
            status[indicator_id] = suppress(
                cells[indicator_id],
                catalogue[indicator_id],
                threshold,
                forced[indicator_id],
                caches[indicator_id],
                protection,
            )
        log.debug("gekoppelde_tabellen", tabellen=sorted(changed))
    tables: dict[str, pa.Table] = {}
    for indicator_id in results:
        hidden = [s is not None for s in status[indicator_id]]
        before = earlier.get(indicator_id)
        if before is not None and before.column("onderdrukt").to_pylist() == hidden:
            tables[indicator_id] = before
            continue
        tables[indicator_id] = publishable(
            results[indicator_id], cells[indicator_id], status[indicator_id],
            catalogue[indicator_id], provisional, rounding_base, uncertainty=uncertainty,
        )
    return tables
