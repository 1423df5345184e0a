# SPDX-License-Identifier: EUPL-1.2
"""Overriding a computed light through the API: refused without reason (exit code 2, Dutch),
kept next to the computed light when the reason is there."""

from __future__ import annotations

import pytest

from ketenmonitor.core.errors import ExitCode
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie import (
    Kleur,
    LichtStatus,
    RegiovisieError,
    evaluate,
    example_path,
    load_regiovisie,
    override_light,
)
from ketenmonitor.regiovisie.model import Regiovisie, Uitleg

REASON = "De veiligheidsscore wordt sinds juni anders vastgelegd; het cijfer is niet vergelijkbaar."


@pytest.fixture(scope="module")
def example() -> Regiovisie:
    return load_regiovisie(example_path())


@pytest.mark.parametrize("reden", ["", "  ", "zie mail"])
def test_override_without_reason_is_refused_in_dutch(example: Regiovisie, reden: str) -> None:
    with pytest.raises(RegiovisieError) as info:
        override_light(example, "2025", "M3", 0, Kleur.ROOD, reden)
    assert info.value.exit_code is ExitCode.REFUSED
    assert info.value.message == (
        "Een berekend licht kan alleen overschreven worden met een geschreven reden.")


def test_override_keeps_the_computed_light(example: Regiovisie, publication: Publication) -> None:
    uitleg = Uitleg(oorzaak="Andere registratie.", gevolg="Geen vergelijking mogelijk.",
                    bijsturing="Registratie gelijktrekken.")
    changed = override_light(example, "2025", "M3", 0, Kleur.ORANJE, REASON, door="Regisseur",
                             uitleg=uitleg)
    assert example.rapportage("2025").resultaten.get("M3") is None  # type: ignore[union-attr]
    m3 = next(r for o in evaluate(changed, "2025", publication).opgaven for r in o.resultaten
              if r.id == "M3")
    [light] = m3.lichten
    assert light.status is LichtStatus.ORANJE and light.berekende_status is LichtStatus.GROEN
    assert light.overschrijving is not None and light.overschrijving.door == "Regisseur"


def test_override_to_red_needs_an_explanation(example: Regiovisie) -> None:
    with pytest.raises(RegiovisieError, match="uitleg") as info:
        override_light(example, "2025", "M3", 0, Kleur.ROOD, REASON)
    assert info.value.exit_code is ExitCode.REFUSED


def test_judged_lights_and_unknown_lights_cannot_be_overridden(example: Regiovisie) -> None:
    with pytest.raises(RegiovisieError, match="oordeel van een persoon"):
        override_light(example, "2025", "S1", 0, Kleur.ROOD, REASON)
    with pytest.raises(RegiovisieError, match="geen licht nummer 3"):
        override_light(example, "2025", "V1", 2, Kleur.GROEN, REASON)
    with pytest.raises(RegiovisieError, match="geen resultaat 'X9'"):
        override_light(example, "2025", "X9", 0, Kleur.GROEN, REASON)
