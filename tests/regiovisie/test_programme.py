# SPDX-License-Identifier: EUPL-1.2
"""Output indicators are counted from the registered activities, per period and category."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from ketenmonitor.core.periods import Period
from ketenmonitor.regiovisie.programme import Activiteit, OutputIndicator, compute_output


def act(ident: str, day: date, sector: str, n: int | None, kind: str = "training",
        gemeenten: tuple[str, ...] = ()) -> Activiteit:
    return Activiteit.model_validate({
        "id": ident, "titel": ident, "type": kind, "datum": day, "sector": sector,
        "deelnemers": n, "gemeenten": list(gemeenten)})


ACTS = [
    act("a", date(2025, 2, 1), "onderwijs", 40, gemeenten=("GM0518",)),
    act("b", date(2025, 7, 1), "onderwijs", 25, "e-learning", gemeenten=("GM0518", "GM0503")),
    act("c", date(2025, 3, 1), "gezondheidszorg", None),
    act("d", date(2025, 4, 1), "gezondheidszorg", 30, "campagne"),
    act("e", date(2024, 12, 31), "onderwijs", 99),
]


def test_participants_per_sector_for_a_year() -> None:
    indicator = OutputIndicator(id="getraind", titel="Getraind", typen=["training", "e-learning"],  # type: ignore[list-item]
                                uitsplitsing="sector")
    table = compute_output(indicator, ACTS, Period.parse("2025"))
    assert table.totaal.waarde == 65 and table.totaal.activiteiten == 3
    assert [(r.categorie, r.label, r.waarde) for r in table.rijen[1:]] == [
        ("onderwijs", "Onderwijs", 65), ("gezondheidszorg", "Gezondheidszorg", 0)]
    assert table.zonder_deelnemers == 1  # 'c' has no registered number: a lower bound
    assert table.rij("ggz") is None


def test_half_year_and_counting_activities_per_gemeente() -> None:
    indicator = OutputIndicator(id="n", titel="Aantal", maat="activiteiten", uitsplitsing="gemeente")
    table = compute_output(indicator, ACTS, Period.parse("2025-H2"), {"GM0518": "'s-Gravenhage"})
    assert table.totaal.waarde == 1
    assert {(r.categorie, r.label, r.waarde) for r in table.rijen[1:]} == {
        ("GM0518", "'s-Gravenhage", 1), ("GM0503", "GM0503", 1)}
    whole = compute_output(indicator, ACTS, Period.parse("2025"))
    assert whole.rij("regio") is not None  # activities for the whole region


def test_activity_checks() -> None:
    with pytest.raises(ValidationError, match="einddatum"):
        Activiteit.model_validate({"id": "x", "titel": "x", "type": "training", "sector": "ggz",
                                   "datum": "2025-05-01", "einddatum": "2025-04-01"})
    with pytest.raises(ValidationError, match="CBS-gemeentecode"):
        act("x", date(2025, 1, 1), "ggz", 1, gemeenten=("Delft",))
    with pytest.raises(ValidationError):
        act("x", date(2025, 1, 1), "ggz", -1)
