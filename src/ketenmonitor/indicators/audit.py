# SPDX-License-Identifier: EUPL-1.2
"""Audit of a suppression pattern: which suppressed cells could an attacker compute exactly?

The attacker is assumed to know every published cell exactly (stronger than reality: published
counts are rounded to 5) and every sum of the table (``tables.additive_groups``). A suppressed
cell is *determined* when the system of sums fixes its value whatever the other suppressed cells
are: when the cell's unit vector lies in the row space of the sums restricted to the suppressed
cells, i.e. when the reduced echelon form of those sums has a row with that cell alone. The
elimination is exact (integers modulo a 61-bit prime; the sums have coefficients 1 and -1, so a
false result would need a minor of the system that is a multiple of that prime).
This catches recoveries that need several sums at once, which the one-group rule of secondary
suppression alone does not rule out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ketenmonitor.indicators.tables import Group

_PRIME = (1 << 61) - 1  # exact arithmetic modulo a Mersenne prime


def _components(
    unknown: Sequence[int], groups: Sequence[Group]
) -> list[tuple[list[int], list[Group]]]:
    """Split the unknown cells into independent parts (cells linked by a shared sum)."""
    parent = {cell: cell for cell in unknown}

    def find(cell: int) -> int:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    relevant: list[tuple[Group, list[int]]] = []
    for group in groups:
        members = [c for c in group.cells if c in parent]
        if members:
            relevant.append((group, members))
            root = find(members[0])
            for other in members[1:]:
                parent[find(other)] = root
    cells: dict[int, list[int]] = defaultdict(list)
    sums: dict[int, list[Group]] = defaultdict(list)
    for cell in unknown:
        cells[find(cell)].append(cell)
    for group, members in relevant:
        sums[find(members[0])].append(group)
    return [(cells[root], sums[root]) for root in sorted(cells)]


def _reduced_rows(rows: list[dict[int, int]]) -> list[dict[int, int]]:
    """Gauss-Jordan elimination over the integers modulo a large prime (exact, no rounding).

    Returns the rows of the reduced echelon form: every pivot column appears in one row only.
    An entry is any integer of its class modulo the prime: the sums' coefficients 1 and -1
    stay small integers (cheap arithmetic) and only an entry grown past ``_SMALL`` is reduced.
    Which entries are zero modulo the prime, and so every pivot and the rows returned up to
    the representative of each entry, are those of reducing every entry at once.
    """
    pivots: dict[int, dict[int, int]] = {}
    for original in rows:
        row = {c: r for c, v in original.items() if (r := _small(v))}
        for col in [c for c in row if c in pivots]:
            factor = row.get(col, 0)
            if factor:
                for c, v in pivots[col].items():
                    updated = row.get(c, 0) - factor * v
                    if not -_SMALL < updated < _SMALL:
                        updated = _small(updated)
                    if updated:
                        row[c] = updated
                    else:
                        row.pop(c, None)
        if not row:
            continue
        lead = min(row)
        head = row[lead]
        if head != 1:
            inverse = -1 if head == -1 else pow(head % _PRIME, _PRIME - 2, _PRIME)
            row = {c: _small(v * inverse) for c, v in row.items()}
        for other in pivots.values():
            factor = other.get(lead, 0)
            if factor:
                for c, v in row.items():
                    updated = other.get(c, 0) - factor * v
                    if not -_SMALL < updated < _SMALL:
                        updated = _small(updated)
                    if updated:
                        other[c] = updated
                    else:
                        other.pop(c, None)
        pivots[lead] = row
    return list(pivots.values())


_SMALL = 1 << 30  # below this an entry is zero modulo the prime only when it is zero


def _small(value: int) -> int:
    """``value``'s class modulo the prime as the representative nearest to zero."""
    if -_SMALL < value < _SMALL:
        return value
    value %= _PRIME
    return value - _PRIME if value > _PRIME // 2 else value


def determined_cells(suppressed: Sequence[int], groups: Sequence[Group]) -> list[int]:
    """The suppressed cells whose exact value follows from the published cells and the sums."""
    found: list[int] = []
    for cells, sums in _components(sorted(set(suppressed)), groups):
        column = {cell: j for j, cell in enumerate(cells)}
        rows: list[dict[int, int]] = []
        for group in sums:
            row: dict[int, int] = {}
            for part in group.parts:
                if part in column:
                    row[column[part]] = row.get(column[part], 0) + 1
            if group.total in column:
                row[column[group.total]] = row.get(column[group.total], 0) - 1
            rows.append(row)
        found += [cells[next(iter(r))] for r in _reduced_rows(rows) if len(r) == 1]
    return sorted(found)
