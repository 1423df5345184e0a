# SPDX-License-Identifier: EUPL-1.2
"""The interval attack: it must find what a weak suppression gives away, and nothing more.

A tiny rate table (two gemeenten and the region, two half-years and the year) with hand-chosen
true counts, so every expected finding can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Collection

import pyarrow as pa
import pytest

from ketenmonitor.indicators.attack import attack
from ketenmonitor.indicators.attack_model import Model, Published, _add_sum, band
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.rounding import round_to_base, round_value
from ketenmonitor.indicators.schema import RESULT_SCHEMA

IND = "meldingen_per_1000"
INHABITANTS = {"R": 60_000, "G1": 20_000, "G2": 40_000}
# (gebied, periode) → true count; G1 is small, G2 and the region are not
TRUTH = {
    ("G1", "2024-H1"): 3, ("G1", "2024-H2"): 4, ("G1", "2024"): 7,
    ("G2", "2024-H1"): 40, ("G2", "2024-H2"): 50, ("G2", "2024"): 90,
    ("R", "2024-H1"): 43, ("R", "2024-H2"): 54, ("R", "2024"): 97,
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _truth(counts: dict[tuple[str, str], int]) -> pa.Table:
    rows = []
    for (gebied, periode), teller in counts.items():
        noemer = INHABITANTS[gebied]
        rows.append({
            "indicator_id": IND, "gebied_code": gebied, "gebied_naam": gebied,
            "gebied_niveau": "regio" if gebied == "R" else "gemeente", "periode": periode,
            "periode_type": "jaar" if "-" not in periode else "halfjaar",
            "dimensie": "totaal", "categorie": "totaal", "categorie_label": "Totaal",
            "teller": teller, "noemer": noemer, "waarde": 1000 * teller / noemer,
        })
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


def _published(truth: pa.Table, hidden: Collection[str], from_rounded: bool = True) -> pa.Table:
    """Round and hide the cells of the gemeenten in ``hidden`` (all their periods)."""
    teller, waarde, suppressed = [], [], []
    for row in truth.to_pylist():
        if row["gebied_code"] in hidden:
            teller.append(None)
            waarde.append(None)
            suppressed.append(True)
            continue
        shown = round_to_base(row["teller"], 5)
        teller.append(shown)
        waarde.append(round_value(1000 * (shown if from_rounded else row["teller"])
                                  / row["noemer"]))
        suppressed.append(False)
    return truth.set_column(truth.schema.get_field_index("teller"), "teller",
                            pa.array(teller, pa.int64())).set_column(
        truth.schema.get_field_index("waarde"), "waarde", pa.array(waarde, pa.float64())
    ).append_column("onderdrukt", pa.array(suppressed, pa.bool_()))


def _run(truth: pa.Table, published: pa.Table, catalogue: Catalogue, **kw: object) -> list[
    tuple[str, str, int]
]:
    report = attack({IND: truth}, {IND: published}, catalogue, threshold=10, base=5,
                    protection=5, values_from_rounded=bool(kw.get("from_rounded", True)),
                    earlier=kw.get("earlier", ()))  # type: ignore[arg-type]
    return sorted((f.gebied, f.periode, f.waarde) for f in report.findings)


def test_band_is_what_rounds_to_the_shown_count() -> None:
    assert band(10, 5) == (8, 12)
    assert all(round_to_base(v, 5) == 10 for v in range(8, 13))
    assert band(0, 5) == (0, 2)


def test_hiding_one_small_gemeente_is_recovered_by_differencing(catalogue: Catalogue) -> None:
    """Region minus G2 gives G1 to within ±4: every small G1 cell is a finding."""
    truth = _truth(TRUTH)
    found = _run(truth, _published(truth, {"G1"}), catalogue)
    assert found == [("G1", "2024", 7), ("G1", "2024-H1", 3), ("G1", "2024-H2", 4)]


def test_hiding_both_gemeenten_protects(catalogue: Catalogue) -> None:
    truth = _truth(TRUTH)
    assert _run(truth, _published(truth, {"G1", "G2"}), catalogue) == []


def test_values_from_unrounded_counts_pin_exactly(catalogue: Catalogue) -> None:
    """A rate from the unrounded count of a small population fixes that count exactly; the
    region minus G2 then gives G1 exactly, where the rounded values leave a range of 8."""
    truth = _truth(TRUTH).set_column(
        10, "noemer", pa.array([2_000] * 3 + [4_000] * 3 + [6_000] * 3, pa.int64())
    )
    ranges = {}
    for from_rounded in (True, False):
        report = attack({IND: truth}, {IND: _published(truth, {"G1"}, from_rounded)}, catalogue,
                        threshold=10, base=5, protection=5, values_from_rounded=from_rounded)
        ranges[from_rounded] = {
            f.periode: (f.ondergrens, f.bovengrens) for f in report.findings if f.gebied == "G1"
        }
    assert ranges[False]["2024"] == pytest.approx((7, 7), abs=1e-6)
    low, high = ranges[True]["2024"]
    assert low < 7 < high


def test_an_earlier_publication_adds_what_it_showed(catalogue: Catalogue) -> None:
    """Re-delivery: the first publication showed G2; the corrected one hides G1 and G2. The
    unchanged G2 figures of the first, with the new region, narrow G1 down again."""
    first_truth = _truth(TRUTH)
    corrected = dict(TRUTH)
    corrected[("G1", "2024-H2")] = 5
    corrected[("G1", "2024")] = 8
    corrected[("R", "2024-H2")] = 55
    corrected[("R", "2024")] = 98
    truth = _truth(corrected)
    current = _published(truth, {"G1", "G2"})
    alone = _run(truth, current, catalogue)
    earlier = [Published({IND: _published(first_truth, {"G1"})}, True)]
    together = _run(truth, current, catalogue, earlier=earlier)
    assert alone == []
    assert ("G1", "2024-H1", 3) in together


def test_sum_rows_count_a_shared_variable_and_keep_only_what_the_truth_satisfies() -> None:
    model = Model()
    a, b, total = model.add_var(3), model.add_var(4), model.add_var(10)
    _add_sum(model, [a, a, b], total)  # a linked cell twice in one sum: 2a + b - total = 0
    _add_sum(model, [a, total], total)  # the total cancels: a >= 0 (a distinct count)
    _add_sum(model, [a], b)  # 3 - 4 < 0: the truth violates it, left out
    assert model.rows == [({a: 2.0, b: 1.0, total: -1.0}, 0.0, 0.0), ({a: 1.0}, 0.0, float("inf"))]
    assert model.dropped == 1
