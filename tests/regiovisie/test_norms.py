# SPDX-License-Identifier: EUPL-1.2
"""Norms turn a figure into a colour exactly as documented, boundaries included."""

from __future__ import annotations

import pytest

from ketenmonitor.regiovisie.lights import Kleur
from ketenmonitor.regiovisie.norms import (
    DrempelNorm,
    OntwikkelingNorm,
    Richting,
    Verschil,
    describe,
    difference,
    judge_difference,
    judge_threshold,
)

HIGHER = DrempelNorm(soort="drempel", groen=85, oranje=65)
LOWER = DrempelNorm(soort="drempel", groen=14, oranje=28)


@pytest.mark.parametrize(("value", "kleur"), [
    (90, Kleur.GROEN), (85, Kleur.GROEN), (84.9, Kleur.ORANJE), (65, Kleur.ORANJE),
    (64.9, Kleur.ROOD), (0, Kleur.ROOD),
])
def test_higher_is_better_thresholds(value: float, kleur: Kleur) -> None:
    assert judge_threshold(HIGHER, value, Richting.HOGER_IS_BETER) is kleur


@pytest.mark.parametrize(("value", "kleur"), [
    (7, Kleur.GROEN), (14, Kleur.GROEN), (14.5, Kleur.ORANJE), (28, Kleur.ORANJE),
    (28.5, Kleur.ROOD),
])
def test_lower_is_better_thresholds(value: float, kleur: Kleur) -> None:
    assert judge_threshold(LOWER, value, Richting.LAGER_IS_BETER) is kleur


def test_difference_in_the_direction_of_better() -> None:
    assert difference(12.0, 10.0, Richting.HOGER_IS_BETER, Verschil.ABSOLUUT) == pytest.approx(2.0)
    assert difference(12.0, 10.0, Richting.LAGER_IS_BETER, Verschil.ABSOLUUT) == pytest.approx(-2.0)
    assert difference(11.0, 10.0, Richting.HOGER_IS_BETER, Verschil.RELATIEF) == pytest.approx(10.0)
    assert difference(5.0, 0.0, Richting.HOGER_IS_BETER, Verschil.RELATIEF) is None


def test_difference_norm_bands() -> None:
    norm = OntwikkelingNorm(soort="ontwikkeling", groen_vanaf=0, oranje_vanaf=-2)
    assert judge_difference(norm, 0.0) is Kleur.GROEN
    assert judge_difference(norm, -2.0) is Kleur.ORANJE
    assert judge_difference(norm, -2.1) is Kleur.ROOD
    with pytest.raises(ValueError, match="oranje_vanaf"):
        OntwikkelingNorm(soort="ontwikkeling", groen_vanaf=-2, oranje_vanaf=0)


def test_norms_are_described_in_dutch() -> None:
    assert describe(HIGHER, Richting.HOGER_IS_BETER) == (
        "groen bij 85,0 of hoger; oranje bij 65,0 tot 85,0; rood onder 65,0")
    assert describe(LOWER, Richting.LAGER_IS_BETER, decimals=0) == (
        "groen bij 14 of lager; oranje boven 14 tot en met 28; rood boven 28")
    text = describe(OntwikkelingNorm(soort="ontwikkeling", oranje_vanaf=-1.5),
                    Richting.LAGER_IS_BETER, reference_label="2024")
    assert text.startswith("vergeleken met 2024 (lager is beter)") and "-1,5" in text
