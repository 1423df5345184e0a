# SPDX-License-Identifier: EUPL-1.2
"""Overriding a computed light: only with a written reason, and the computed light stays.

For the portal and scripts; in YAML the same is written as ``overschrijving`` under a light and
checked by the model. The computed colour is never stored: it is recomputed from the
publication at every evaluation, so the report always shows both.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.errors import Fout, RegiovisieError
from ketenmonitor.regiovisie.lights import Kleur
from ketenmonitor.regiovisie.messages import dutch_error
from ketenmonitor.regiovisie.model import (
    MIN_REASON,
    Licht,
    Overschrijving,
    Regiovisie,
    ResultaatRapportage,
    Uitleg,
)


def _refuse(code: str, message: str, hint: str) -> RegiovisieError:
    return RegiovisieError(code, message, hint, [Fout("", message, hint)])


def override_light(regiovisie: Regiovisie, periode: str, resultaat_id: str, index: int,
                   kleur: Kleur, reden: str, door: str = "", datum: date | None = None,
                   uitleg: Uitleg | None = None) -> Regiovisie:
    """A copy of ``regiovisie`` in which light ``index`` of ``resultaat_id`` in ``periode`` is
    overridden to ``kleur``.

    Refused (``RegiovisieError``, exit code 2) without a written reason, for a judged light (a
    person changes the judgement itself), or for orange/red without an explanation.
    """
    if len(reden.strip()) < MIN_REASON:
        raise _refuse(
            "overschrijving_zonder_reden",
            _("Een berekend licht kan alleen overschreven worden met een geschreven reden."),
            _("Schrijf op waarom de berekende kleur niet klopt (minstens {n} tekens).").format(
                n=MIN_REASON),
        )
    copy = regiovisie.model_copy(deep=True)
    rapportage = copy.rapportage(periode)
    resultaat = copy.resultaat(resultaat_id)
    if rapportage is None or resultaat is None:
        raise _refuse(
            "licht_onbekend",
            _("Er is geen resultaat '{res}' in rapportageperiode {periode}.").format(
                res=resultaat_id, periode=periode),
            _("Kies een bestaand resultaat en een bestaande rapportageperiode."),
        )
    rr = rapportage.resultaten.setdefault(resultaat_id, ResultaatRapportage())
    if not rr.lichten:  # the implicit lights: one per indicator link
        several = len(resultaat.indicatoren) > 1
        rr.lichten = [Licht(koppeling=k.id, onderdeel=(k.titel or k.id) if several else k.titel)
                      for k in resultaat.indicatoren]
    if not 0 <= index < len(rr.lichten):
        raise _refuse(
            "licht_onbekend",
            _("Resultaat '{res}' heeft geen licht nummer {n}.").format(res=resultaat_id, n=index + 1),
            _("Kies een licht tussen 1 en {m}.").format(m=len(rr.lichten)),
        )
    light = rr.lichten[index]
    if light.koppeling is None:
        raise _refuse(
            "oordeel_overschrijven",
            _("Dit licht is een oordeel van een persoon, geen berekend licht."),
            _("Pas het oordeel zelf aan in plaats van het te overschrijven."),
        )
    try:
        rr.lichten[index] = Licht(
            onderdeel=light.onderdeel, koppeling=light.koppeling,
            beoordeeld_door=light.beoordeeld_door,
            overschrijving=Overschrijving(kleur=kleur, reden=reden, door=door, datum=datum),
            uitleg=uitleg or light.uitleg)
    except ValidationError as error:
        message, hint = dutch_error(error.errors()[0])
        raise _refuse("overschrijving_ongeldig", message, hint) from None
    return copy
