# SPDX-License-Identifier: EUPL-1.2
"""Protection as ``publish`` runs it (``compute.protect_all``): suppress until the interval
attack, over the new tables and every earlier publication, finds nothing; refuse otherwise.

Hand-chosen counts of one rate table; earlier publications made by the real
``disclosure.publishable`` with a suppression pattern chosen per test: a corrected re-delivery
must be protected together with the first publication (a pattern safe alone is not), and an
earlier publication that already showed a small count refuses the new one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

import pyarrow as pa
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.attack import attack
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compute import protect_all
from ketenmonitor.indicators.disclosure import publishable
from ketenmonitor.indicators.schema import PRIMAIR, RESULT_SCHEMA, SECUNDAIR
from ketenmonitor.indicators.tables import CellTable
from ketenmonitor.publish.protection import values_from_rounded

IND = "meldingen_per_1000"
INHABITANTS = {"R": 80_000, "G1": 20_000, "G2": 30_000, "G3": 30_000}
PERIODS = ("2024-H1", "2024-H2")
FIRST = {"G1": (3, 4), "G2": (40, 50), "G3": (60, 30)}
SETTINGS = Settings(rounding_base=5, suppression_threshold=10, protection_interval=5,
                    protection_check=True)
PEILDATUM = date(2025, 6, 30)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _truth(halves: dict[str, tuple[int, int]]) -> pa.Table:
    counts: dict[tuple[str, str], int] = {}
    for gebied, (h1, h2) in halves.items():
        counts[(gebied, PERIODS[0])], counts[(gebied, PERIODS[1])] = h1, h2
    for period in (*PERIODS, "2024"):
        for gebied in (*halves, "R"):
            if (gebied, period) not in counts:
                counts[(gebied, period)] = sum(
                    v for (g, p), v in counts.items()
                    if (gebied == "R" and g != "R" and p == period)
                    or (gebied != "R" and g == gebied and p in PERIODS)
                )
    rows = [{
        "indicator_id": IND, "gebied_code": g, "gebied_naam": g,
        "gebied_niveau": "regio" if g == "R" else "gemeente", "periode": p,
        "periode_type": "jaar" if p == "2024" else "halfjaar", "dimensie": "totaal",
        "categorie": "totaal", "categorie_label": "Totaal", "teller": n,
        "noemer": INHABITANTS[g], "waarde": 1000 * n / INHABITANTS[g],
    } for (g, p), n in sorted(counts.items())]
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


def _disclose(truth: pa.Table, hidden: Collection[str], catalogue: Catalogue) -> pa.Table:
    cells = CellTable.from_arrow(truth)
    status = [
        (PRIMAIR if cells.teller[i] < 10 else SECUNDAIR) if cells.gebied[i] in hidden else None
        for i in range(len(cells))
    ]
    return publishable(truth, cells, status, catalogue[IND], set(), 5, breaks=[])


def _findings(truth: pa.Table, tables: dict[str, pa.Table], catalogue: Catalogue,
              earlier: Sequence[Published] = ()) -> list[tuple[str, str]]:
    report = attack({IND: truth}, tables, catalogue, threshold=10, base=5, protection=5,
                    values_from_rounded=True, earlier=earlier)
    return sorted((f.gebied, f.periode) for f in report.findings)


def test_publish_suppresses_until_the_attack_finds_nothing(catalogue: Catalogue) -> None:
    truth = _truth(FIRST)
    assert _findings(truth, {IND: _disclose(truth, {"G1"}, catalogue)}, catalogue)  # can fail
    tables, checked = protect_all({IND: truth}, PEILDATUM, catalogue, SETTINGS)
    assert values_from_rounded(tables, catalogue)
    assert _findings(truth, tables, catalogue) == []
    assert checked["findings"] == 0 and checked["targets"] > 0
    assert checked["earlier_publications"] == 0


def test_corrected_redelivery_is_protected_together_with_the_first_publication(
    catalogue: Catalogue,
) -> None:
    """v1 hides G1 and G2; a corrected delivery changes G2. A v2 that hides G1 and G3 is safe
    alone, but v1 showed the unchanged G3 and v2 would show G2: together they give G1."""
    first = _truth(FIRST)
    v1 = Published({IND: _disclose(first, {"G1", "G2"}, catalogue)}, True)
    corrected = _truth({**FIRST, "G2": (45, 50)})
    weak = {IND: _disclose(corrected, {"G1", "G3"}, catalogue)}
    assert _findings(corrected, weak, catalogue) == []
    assert ("G1", "2024") in _findings(corrected, weak, catalogue, [v1])
    tables, checked = protect_all({IND: corrected}, PEILDATUM, catalogue, SETTINGS, [v1])
    assert _findings(corrected, tables, catalogue, [v1]) == []
    assert checked["earlier_publications"] == 1


def test_an_earlier_publication_that_showed_a_small_count_refuses(catalogue: Catalogue) -> None:
    truth = _truth(FIRST)
    v1 = Published({IND: _disclose(truth, set(), catalogue)}, True)  # G1 shown: 5, 5, 5
    with pytest.raises(PublicationError) as refused:
        protect_all({IND: truth}, PEILDATUM, catalogue, SETTINGS, [v1])
    assert refused.value.code == "onthulling_terug_te_rekenen"
    assert "±5" in refused.value.message and "1 eerdere publicatie" in refused.value.message
