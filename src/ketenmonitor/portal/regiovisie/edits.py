# SPDX-License-Identifier: EUPL-1.2
"""Changes to one light of a reporting period, made in the portal.

A judged light gets a new colour and explanation; a computed light can only be overridden with
a written reason (through the regiovisie package's ``override_light``, which keeps the computed
colour visible in the report). Orange and red always need cause, consequence and adjustment.
"""

from __future__ import annotations

from datetime import date

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie import Kleur, Regiovisie, RegiovisieError, override_light
from ketenmonitor.regiovisie.model import Licht, Rapportageperiode, ResultaatRapportage, Uitleg


def editable_results(rapportage: Rapportageperiode | None) -> set[str]:
    """Resultaten whose lights are written in the period (a resultaat without ``lichten`` gets
    one computed light per indicator link and has nothing to edit in the portal)."""
    if rapportage is None:
        return set()
    return {rid for rid, rr in rapportage.resultaten.items() if rr.lichten}


def light_of(regiovisie: Regiovisie, periode: str, resultaat_id: str, index: int) -> Licht:
    rapportage = regiovisie.rapportage(periode)
    rr = rapportage.resultaten.get(resultaat_id) if rapportage else None
    if rr is None or not 0 <= index < len(rr.lichten):
        raise RegiovisieError(
            "licht_onbekend",
            _("Licht {n} van resultaat {id} in periode {periode} bestaat niet.").format(
                n=index + 1, id=resultaat_id, periode=periode),
            _("Kies een licht op de pagina van de regiovisie."),
        )
    return rr.lichten[index]


def set_light(regiovisie: Regiovisie, periode: str, resultaat_id: str, index: int, kleur: Kleur,
              uitleg: Uitleg | None, door: str, reden: str = "") -> Regiovisie:
    """A copy with the light changed; refused with a Dutch message when it is not allowed."""
    light = light_of(regiovisie, periode, resultaat_id, index)
    if light.koppeling is not None:
        return override_light(regiovisie, periode, resultaat_id, index, kleur, reden, door,
                              date.today(), uitleg)
    if kleur.needs_explanation and uitleg is None:
        raise RegiovisieError(
            "uitleg_ontbreekt",
            _("Een {kleur} licht heeft een uitleg nodig: oorzaak, gevolg en bijsturing.").format(
                kleur=kleur.value),
            _("Vul alle drie de velden van de uitleg in."),
        )
    copy = regiovisie.model_copy(deep=True)
    rapportage = copy.rapportage(periode)
    assert rapportage is not None
    rr: ResultaatRapportage = rapportage.resultaten[resultaat_id]
    changed = rr.lichten[index].model_copy(update={"oordeel": kleur, "uitleg": uitleg,
                                                   "beoordeeld_door": door})
    rr.lichten[index] = Licht.model_validate(changed.model_dump())
    return copy
