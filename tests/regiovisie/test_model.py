# SPDX-License-Identifier: EUPL-1.2
"""The model refuses what can be refused without data: a light without a source, orange or red
without an explanation, an override without a reason, unnamed parts of a split light."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ketenmonitor.regiovisie.lights import Kleur, LichtStatus
from ketenmonitor.regiovisie.model import Licht, Looptijd, ResultaatRapportage
from ketenmonitor.regiovisie.norms import DrempelNorm

UITLEG = {"oorzaak": "Te weinig capaciteit.", "gevolg": "Gezinnen wachten.",
          "bijsturing": "Extra inzet vanaf maart."}


def test_a_light_is_computed_or_judged_not_both_or_neither() -> None:
    assert Licht(koppeling="k").koppeling == "k"
    assert Licht(oordeel=Kleur.GROEN).oordeel is Kleur.GROEN
    with pytest.raises(ValidationError, match="precies één van 'koppeling'"):
        Licht()
    with pytest.raises(ValidationError, match="precies één van 'koppeling'"):
        Licht(koppeling="k", oordeel=Kleur.GROEN)


@pytest.mark.parametrize("kleur", [Kleur.ORANJE, Kleur.ROOD])
def test_orange_and_red_judgements_need_cause_consequence_and_adjustment(kleur: Kleur) -> None:
    with pytest.raises(ValidationError, match="oorzaak, gevolg en bijsturing"):
        Licht(oordeel=kleur)
    assert Licht.model_validate({"oordeel": kleur.value, "uitleg": UITLEG}).uitleg is not None
    with pytest.raises(ValidationError):
        Licht.model_validate({"oordeel": kleur.value, "uitleg": {**UITLEG, "gevolg": ""}})


def test_green_may_carry_an_explanation() -> None:
    assert Licht.model_validate({"oordeel": "groen", "uitleg": UITLEG}).uitleg is not None
    assert Licht(oordeel=Kleur.GROEN).uitleg is None


@pytest.mark.parametrize("reden", ["", "   ", "zie mail"])
def test_an_override_without_a_written_reason_is_refused(reden: str) -> None:
    with pytest.raises(ValidationError, match="geschreven reden"):
        Licht.model_validate({"koppeling": "k", "overschrijving": {"kleur": "groen", "reden": reden}})


def test_an_override_to_orange_needs_an_explanation_and_a_judgement_cannot_be_overridden() -> None:
    override = {"kleur": "oranje", "reden": "De registratie was onvolledig in 2024."}
    with pytest.raises(ValidationError, match="uitleg"):
        Licht.model_validate({"koppeling": "k", "overschrijving": override})
    assert Licht.model_validate({"koppeling": "k", "overschrijving": override, "uitleg": UITLEG})
    with pytest.raises(ValidationError, match="alleen een berekend licht"):
        Licht.model_validate({"oordeel": "groen", "overschrijving": {**override, "kleur": "groen"}})


def test_every_part_of_a_split_light_is_named() -> None:
    with pytest.raises(ValidationError, match="onderdeel"):
        ResultaatRapportage.model_validate({"lichten": [{"koppeling": "a"}, {"koppeling": "b"}]})
    split = ResultaatRapportage.model_validate(
        {"lichten": [{"koppeling": "a", "onderdeel": "A"}, {"koppeling": "b", "onderdeel": "B"}]})
    assert len(split.lichten) == 2


def test_threshold_order_must_match_the_direction() -> None:
    with pytest.raises(ValidationError, match="hoger is beter"):
        DrempelNorm(soort="drempel", richting="hoger_is_beter", groen=50, oranje=60)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="lager is beter"):
        DrempelNorm(soort="drempel", richting="lager_is_beter", groen=60, oranje=50)  # type: ignore[arg-type]
    assert DrempelNorm(soort="drempel", groen=14, oranje=28).implied_direction() == "lager_is_beter"
    assert DrempelNorm(soort="drempel", groen=5, oranje=5).implied_direction() is None


def test_open_ended_looptijd_is_reviewed_every_two_years() -> None:
    open_end = Looptijd(van=2026)
    assert open_end.herijkingen(2032) == [2028, 2030, 2032]
    assert "zonder einddatum" in open_end.label
    assert Looptijd(van=2024, tot=2027).herijkingen(2032) == [2026]
    with pytest.raises(ValidationError):
        Looptijd(van=2027, tot=2024)


def test_every_status_has_a_label_an_icon_and_a_symbol_besides_its_colour() -> None:
    labels = {s.label for s in LichtStatus}
    assert labels == {"Groen", "Oranje", "Rood", "Geen oordeel mogelijk"}
    assert len({s.icon for s in LichtStatus}) == 4 and len({s.symbol for s in LichtStatus}) == 4
    assert all(s.colour.startswith("#") for s in LichtStatus)
