# SPDX-License-Identifier: EUPL-1.2
"""Traffic lights for trends: last year against the year before, judged by the direction.

The one rule for a verdict (:func:`judge_change`, used by the report and the portal): a change is
only called *verbeterd* or *verslechterd* when the statistics support it — the trend test over
the definitive years points the same way, or the 95%-intervals of two definitive years do not
overlap. A provisional year alone never carries a verdict (the trend test leaves provisional
years out, so it may still support a change towards one). Otherwise the report says so in words
(:data:`GEEN_DUIDELIJK_VERSCHIL`, :data:`VOORLOPIG`); :data:`VERDICT_RULE` is the rule as a
raadslid reads it.

The light is never shown by colour alone: each judgement has an icon with its own shape and a
text label, and the report prints the definitions below in its 'Over deze cijfers' section. An
indicator whose direction is 'neutraal' gets a description of the change without a judgement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ketenmonitor.core.i18n import _
from ketenmonitor.reports.data import Cell

#: A change smaller than this share of last year's value counts as 'gelijk gebleven'.
RELATIVE_THRESHOLD = 0.05


@dataclass(frozen=True)
class TrendLight:
    """One judgement: a colour name, an icon, a label and the definition printed in the report."""

    code: str
    # CSS class: blauw | leisteen | paars | grijs. Deliberately not the stoplicht's groen, oranje
    # and rood: a trend is not a judgement of a regiovisie result and must not look like one.
    kleur: str
    icoon: str
    label: str
    definitie: str


VERBETERD = TrendLight(
    "verbeterd",
    "blauw",
    "✓",
    _("verbeterd"),
    _("De waarde is ten opzichte van het jaar ervoor in de gewenste richting veranderd."),
)
GELIJK = TrendLight(
    "gelijk",
    "leisteen",
    "=",
    _("gelijk gebleven"),
    _(
        "De waarde verschilt minder dan {pct}% van die van het jaar ervoor: blijf het volgen."
    ).format(pct=round(RELATIVE_THRESHOLD * 100)),
)
VERSLECHTERD = TrendLight(
    "verslechterd",
    "paars",
    "!",
    _("verslechterd"),
    _("De waarde is ten opzichte van het jaar ervoor in de ongewenste richting veranderd."),
)
GESTEGEN = TrendLight(
    "gestegen",
    "grijs",
    "↑",
    _("gestegen (geen oordeel)"),
    _("Voor deze indicator is hoger of lager niet beter of slechter; alleen de richting staat er."),
)
GEDAALD = TrendLight(
    "gedaald",
    "grijs",
    "↓",
    _("gedaald (geen oordeel)"),
    _("Voor deze indicator is hoger of lager niet beter of slechter; alleen de richting staat er."),
)
ONVERANDERD = TrendLight(
    "onveranderd",
    "grijs",
    "=",
    _("gelijk gebleven (geen oordeel)"),
    _("Voor deze indicator is hoger of lager niet beter of slechter; de waarde bleef gelijk."),
)
ONBEKEND = TrendLight(
    "onbekend",
    "grijs",
    "?",
    _("niet te beoordelen"),
    _("Een van beide jaren heeft geen cijfer, of het cijfer is onderdrukt."),
)

GEEN_DUIDELIJK_VERSCHIL = TrendLight(
    "geen_duidelijk_verschil",
    "grijs",
    "≈",
    _("geen duidelijk verschil"),
    _("Het cijfer veranderde, maar zo weinig dat het ook toeval kan zijn: de marges van de twee "
      "jaren overlappen en de trendtoets wijst geen richting aan. Daarom geen oordeel."),
)
VOORLOPIG = TrendLight(
    "voorlopig",
    "grijs",
    "*",
    _("voorlopig, nog geen oordeel"),
    _("Een van de twee jaren heeft een voorlopig cijfer (*) en de trendtoets over de definitieve "
      "jaren wijst geen richting aan. Op een voorlopig cijfer alleen geven we geen oordeel."),
)

JUDGING_LIGHTS = (VERBETERD, GELIJK, VERSLECHTERD)
ALL_LIGHTS = (VERBETERD, GELIJK, VERSLECHTERD, GEEN_DUIDELIJK_VERSCHIL, VOORLOPIG, GESTEGEN,
              GEDAALD, ONVERANDERD, ONBEKEND)

#: The verdict rule in words a raadslid understands (printed with the light definitions).
VERDICT_RULE = _(
    "We noemen een cijfer alleen ‘verbeterd’ of ‘verslechterd’ als het verschil niet door toeval "
    "kan komen: de trendtoets over de definitieve jaren wijst dezelfde kant op, of de "
    "onzekerheidsmarges (95%-intervallen) van twee definitieve jaren overlappen niet. Een "
    "voorlopig cijfer (*) alleen is nooit genoeg voor een oordeel."
)


def _missing(value: float | None) -> bool:
    return value is None or math.isnan(value)


def judge_trend(previous: float | None, current: float | None, richting: str) -> TrendLight:
    """Judge ``current`` against ``previous`` for an indicator with direction ``richting``.

    ``richting`` is ``'hoger_is_beter'``, ``'lager_is_beter'`` or ``'neutraal'`` (metadata of the
    publication); anything else is treated as neutral.
    """
    if _missing(previous) or _missing(current):
        return ONBEKEND
    assert previous is not None and current is not None
    difference = current - previous
    reference = abs(previous)
    unchanged = (
        difference == 0 if reference == 0 else abs(difference) < RELATIVE_THRESHOLD * reference
    )
    if richting not in ("hoger_is_beter", "lager_is_beter"):
        if unchanged:
            return ONVERANDERD
        return GESTEGEN if difference > 0 else GEDAALD
    if unchanged:
        return GELIJK
    better = difference > 0 if richting == "hoger_is_beter" else difference < 0
    return VERBETERD if better else VERSLECHTERD


def _apart(previous: Cell, current: Cell) -> bool:
    """The 95%-intervals of the two figures do not overlap."""
    before, now = previous.interval, current.interval
    return before is not None and now is not None and (before[1] < now[0] or now[1] < before[0])


def judge_change(previous: Cell, current: Cell, richting: str) -> TrendLight:
    """The verdict on ``current`` against ``previous`` under the rule of this module."""
    light = judge_trend(previous.waarde, current.waarde, richting)
    if light not in (VERBETERD, VERSLECHTERD):
        return light
    assert previous.waarde is not None and current.waarde is not None
    # A provisional year carries no trend test (it does not count): then the test up to the
    # year before, the last definitive one, speaks.
    trend = current.trend or previous.trend
    if trend == ("stijgend" if current.waarde > previous.waarde else "dalend"):
        return light
    if previous.voorlopig or current.voorlopig:
        return VOORLOPIG
    return light if _apart(previous, current) else GEEN_DUIDELIJK_VERSCHIL


def richting_label(richting: str) -> str:
    """Dutch text for an indicator's direction."""
    labels = {
        "hoger_is_beter": _("hoger is beter"),
        "lager_is_beter": _("lager is beter"),
        "neutraal": _("neutraal (geen oordeel over hoger of lager)"),
    }
    return labels.get(richting, labels["neutraal"])
