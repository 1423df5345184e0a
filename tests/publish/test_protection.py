# SPDX-License-Identifier: EUPL-1.2
"""The gate before publishing: refuse when the interval attack recovers a hidden count.

Tables made by the real ``disclosure.publishable`` from hand-chosen counts, with a suppression
pattern chosen per test: the gate must refuse a weak pattern (so this test can fail) and a
corrected re-delivery whose pattern is safe alone but not together with the first publication.
"""

from __future__ import annotations

from collections.abc import Collection

import pyarrow as pa
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.disclosure import publishable
from ketenmonitor.indicators.schema import PRIMAIR, RESULT_SCHEMA, SECUNDAIR
from ketenmonitor.indicators.tables import CellTable
from ketenmonitor.publish.protection import check_protection, values_from_rounded

IND = "meldingen_per_1000"
INHABITANTS = {"R": 80_000, "G1": 20_000, "G2": 30_000, "G3": 30_000}
PERIODS = ("2024-H1", "2024-H2")
FIRST = {"G1": (3, 4), "G2": (40, 50), "G3": (60, 30)}
SETTINGS = Settings(rounding_base=5, suppression_threshold=10, protection_interval=5)


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


def test_weak_suppression_is_refused(catalogue: Catalogue) -> None:
    truth = _truth(FIRST)
    tables = {IND: _disclose(truth, {"G1"}, catalogue)}
    assert values_from_rounded(tables, catalogue)
    with pytest.raises(PublicationError) as refused:
        check_protection({IND: truth}, tables, catalogue, SETTINGS, [])
    assert refused.value.code == "onthulling_terug_te_rekenen"
    assert "±5" in refused.value.message


def test_sound_suppression_passes(catalogue: Catalogue) -> None:
    truth = _truth(FIRST)
    tables = {IND: _disclose(truth, {"G1", "G2"}, catalogue)}
    report = check_protection({IND: truth}, tables, catalogue, SETTINGS, [])
    assert report.findings == [] and report.targets > 0


def test_corrected_redelivery_is_checked_against_the_first_publication(
    catalogue: Catalogue,
) -> None:
    """v1 hides G1 and G2; a corrected delivery changes G2, and v2 hides G1 and G3. Each is
    safe alone, but v1 showed the unchanged G3 and v2 shows G2: together they give G1."""
    first = _truth(FIRST)
    v1 = Published({IND: _disclose(first, {"G1", "G2"}, catalogue)}, True)
    corrected = _truth({**FIRST, "G2": (45, 50)})
    v2 = {IND: _disclose(corrected, {"G1", "G3"}, catalogue)}
    assert check_protection({IND: corrected}, v2, catalogue, SETTINGS, []).findings == []
    with pytest.raises(PublicationError):
        check_protection({IND: corrected}, v2, catalogue, SETTINGS, [v1])
    same_pattern = {IND: _disclose(corrected, {"G1", "G2"}, catalogue)}
    report = check_protection({IND: corrected}, same_pattern, catalogue, SETTINGS, [v1])
    assert report.findings == []
