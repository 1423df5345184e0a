# SPDX-License-Identifier: EUPL-1.2
"""The additive structure of a table and the audit of a suppression pattern."""

from __future__ import annotations

import pyarrow as pa

from ketenmonitor.indicators.audit import determined_cells
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.tables import CellTable, Group, additive_groups


def test_single_group_with_one_unknown_is_determined() -> None:
    groups = [Group("gebied", (0, 1, 2), 3)]
    assert determined_cells([1], groups) == [1]
    assert determined_cells([1, 2], groups) == []


def test_two_groups_together_determine_a_cell() -> None:
    groups = [Group("categorie", (0, 1), 3), Group("gebied", (0, 1, 2), 4)]
    assert determined_cells([0, 1, 2], groups) == [2]


def test_square_pattern_is_safe() -> None:
    # a 2 x 2 block of suppressed cells in a table with row and column totals
    #   c0 c1 | t0        (c0 + c1 = t0, c2 + c3 = t1, c0 + c2 = t2, c1 + c3 = t3)
    #   c2 c3 | t1
    groups = [
        Group("a", (0, 1), 4),
        Group("a", (2, 3), 5),
        Group("b", (0, 2), 6),
        Group("b", (1, 3), 7),
    ]
    assert determined_cells([0, 1, 2, 3], groups) == []


def test_groups_of_a_fixture_table(results: dict[str, pa.Table], catalogue: Catalogue) -> None:
    table = results["eerdere_betrokkenheid"]
    cells = CellTable.from_arrow(table)
    groups = additive_groups(cells, catalogue["eerdere_betrokkenheid"])
    kinds = {g.kind for g in groups}
    assert kinds == {"categorie", "gebied", "periode", "hierarchie"}
    for group in groups:
        assert sum(cells.teller[p] for p in group.parts) == cells.teller[group.total]
    # 2 dimensions × 10 areas × 6 periods category sums; 9 gemeenten per region sum
    assert sum(g.kind == "categorie" for g in groups) == 2 * 10 * 6
    assert all(len(g.parts) == 9 for g in groups if g.kind == "gebied")
    # each of the 4 groups of eerdere betrokkenheid adds up its codes, per area and period
    hierarchy = [g for g in groups if g.kind == "hierarchie"]
    assert len(hierarchy) == 4 * 10 * 6
    assert sorted({len(g.parts) for g in hierarchy}) == [1, 2, 3]


def test_multi_valued_dimension_has_no_category_sum(
    results: dict[str, pa.Table], catalogue: Catalogue
) -> None:
    cells = CellTable.from_arrow(results["meldingen_naar_aard"])
    groups = additive_groups(cells, catalogue["meldingen_naar_aard"])
    assert not [g for g in groups if g.kind == "categorie"]
    assert [g for g in groups if g.kind == "gebied"]


def _reference_rows(rows: list[dict[int, int]]) -> list[dict[int, int]]:
    """Gauss-Jordan modulo the prime with every entry reduced at once (the plain method)."""
    prime = (1 << 61) - 1
    pivots: dict[int, dict[int, int]] = {}
    for original in rows:
        row = {c: v % prime for c, v in original.items() if v % prime}
        for col in [c for c in row if c in pivots]:
            factor = row.get(col, 0)
            for c, v in pivots[col].items():
                row[c] = (row.get(c, 0) - factor * v) % prime
            row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        lead = min(row)
        inverse = pow(row[lead], prime - 2, prime)
        row = {c: v * inverse % prime for c, v in row.items()}
        for key, other in pivots.items():
            factor = other.get(lead, 0)
            if factor:
                for c, v in row.items():
                    other[c] = (other.get(c, 0) - factor * v) % prime
                pivots[key] = {c: v for c, v in other.items() if v}
        pivots[lead] = row
    return list(pivots.values())


def test_small_representatives_give_the_rows_of_reducing_every_entry() -> None:
    """The elimination keeps entries as small integers of their class; which entries are zero,
    the pivots and the rows are those of reducing modulo the prime at every step, also for
    coefficients whose inverses are large (2, 3, -5)."""
    import random

    from ketenmonitor.indicators.audit import _PRIME, _reduced_rows

    rng = random.Random(12)
    for _case in range(300):
        columns = rng.randint(2, 9)
        rows = [
            {c: rng.choice([1, -1, 1, -1, 2, 3, -5]) for c in rng.sample(range(columns),
                                                                     rng.randint(1, columns))}
            for _row in range(rng.randint(1, 8))
        ]
        got = _reduced_rows([dict(r) for r in rows])
        want = _reference_rows([dict(r) for r in rows])
        assert [{c: v % _PRIME for c, v in r.items()} for r in got] == want
