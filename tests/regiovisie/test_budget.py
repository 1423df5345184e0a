# SPDX-License-Identifier: EUPL-1.2
"""The contribution per gemeente is computed from population and an indexed rate, in Decimal,
with the documented rounding; budget lines show budgeted, realised and the difference."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from ketenmonitor.codes import gemeenten, population
from ketenmonitor.regiovisie.budget import (
    Begroting,
    Financieringsbron,
    contribution_table,
    finances,
)

BRON = Financieringsbron.model_validate({
    "id": "ggd", "titel": "Bijdrage preventie", "soort": "bijdrage_per_inwoner", "tarief": "0.30",
    "tariefjaar": 2024, "indexatie_procent": "2.5", "indexatie_vanaf": 2026})


def test_rate_is_indexed_from_the_base_rate_and_rounded_to_four_decimals() -> None:
    assert [BRON.rate(y) for y in (2024, 2025, 2026, 2027)] == [
        Decimal("0.3000"), Decimal("0.3000"), Decimal("0.3075"), Decimal("0.3152")]
    default_start = Financieringsbron.model_validate({**BRON.model_dump(), "indexatie_vanaf": None})
    assert default_start.rate(2025) == Decimal("0.3075")  # indexed from the year after tariefjaar


def test_contribution_per_gemeente_from_population() -> None:
    table = contribution_table(BRON, 2024, "haaglanden")
    rows = {r.gemeente_code: r for r in table.rijen}
    assert set(rows) == {g.code for g in gemeenten("haaglanden")}
    assert rows["GM0629"].inwoners == 27_700 and rows["GM0629"].bedrag == Decimal("8310.00")
    assert table.totaal == sum(r.bedrag for r in table.rijen)
    assert table.totaal == Decimal("0.30") * sum(population(c, table.inwoners_peildatum) for c in rows)
    indexed = {r.gemeente_code: r.bedrag for r in contribution_table(BRON, 2027, "haaglanden").rijen}
    assert indexed["GM0629"] == Decimal("8731.04")  # 27,700 x 0.3152, to the cent
    assert all(v == v.quantize(Decimal("0.01")) for v in indexed.values())


def test_contribution_for_chosen_gemeenten_only() -> None:
    bron = Financieringsbron.model_validate({**BRON.model_dump(), "gemeenten": ["GM0503"]})
    [row] = contribution_table(bron, 2024, "haaglanden").rijen
    assert (row.gemeente_naam, row.bedrag) == ("Delft", Decimal("31800.00"))


def test_finances_of_a_year() -> None:
    begroting = Begroting.model_validate({
        "bronnen": [
            {"id": "du_vo", "titel": "DU VO", "soort": "du_vo", "bedragen": {2025: "500000"}},
            BRON.model_dump(),
        ],
        "posten": [
            {"id": "p1", "titel": "Trainingen", "opgave": "preventie", "bron": "ggd",
             "begroot": {2025: "100000.00"}, "gerealiseerd": {2025: "87500.50"}},
            {"id": "p2", "titel": "Alleen 2024", "begroot": {2024: 5}},
        ],
    })
    money = finances(begroting, 2025, "haaglanden", {"preventie": "Voorkomen"})
    assert [b.bron_id for b in money.bronnen] == ["du_vo", "ggd"]
    assert money.totaal_bronnen == Decimal("500000") + money.bijdragen[0].totaal
    [line] = money.posten
    assert line.opgave_titel == "Voorkomen" and line.verschil == Decimal("12499.50")
    assert line.realisatie_procent == Decimal("87.5")
    assert money.totaal_gerealiseerd == Decimal("87500.50")
    assert finances(begroting, 2023, "haaglanden").bronnen == ()


@pytest.mark.parametrize("data", [
    {"soort": "bijdrage_per_inwoner", "tarief": "0.30"},
    {"soort": "bijdrage_per_inwoner", "tarief": "0.30", "tariefjaar": 2024, "bedragen": {2024: 1}},
    {"soort": "du_vo", "tarief": "0.30"},
    {"soort": "bijdrage_per_inwoner", "tarief": "-0.30", "tariefjaar": 2024},
])
def test_incomplete_sources_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Financieringsbron.model_validate({"id": "x", "titel": "x", **data})
