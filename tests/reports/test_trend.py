# SPDX-License-Identifier: EUPL-1.2
"""Traffic lights for trends: direction-aware, a 5% band for 'gelijk', never colour alone."""

from __future__ import annotations

import pytest

from ketenmonitor.reports.data import Cell
from ketenmonitor.reports.trend import (
    ALL_LIGHTS,
    GEDAALD,
    GEEN_DUIDELIJK_VERSCHIL,
    GELIJK,
    GESTEGEN,
    ONBEKEND,
    ONVERANDERD,
    VERBETERD,
    VERDICT_RULE,
    VERSLECHTERD,
    VOORLOPIG,
    judge_change,
    judge_trend,
)


@pytest.mark.parametrize(
    ("previous", "current", "richting", "expected"),
    [
        (50.0, 60.0, "hoger_is_beter", VERBETERD),
        (50.0, 40.0, "hoger_is_beter", VERSLECHTERD),
        (50.0, 40.0, "lager_is_beter", VERBETERD),
        (50.0, 60.0, "lager_is_beter", VERSLECHTERD),
        (50.0, 52.0, "hoger_is_beter", GELIJK),  # 4% change
        (50.0, 47.6, "lager_is_beter", GELIJK),
        (0.0, 0.0, "hoger_is_beter", GELIJK),
        (0.0, 1.0, "hoger_is_beter", VERBETERD),
        (10.0, 12.0, "neutraal", GESTEGEN),
        (10.0, 8.0, "neutraal", GEDAALD),
        (10.0, 10.2, "neutraal", ONVERANDERD),
        (10.0, 12.0, "iets_anders", GESTEGEN),
        (None, 12.0, "hoger_is_beter", ONBEKEND),
        (10.0, float("nan"), "lager_is_beter", ONBEKEND),
    ],
)
def test_judge_trend(
    previous: float | None, current: float | None, richting: str, expected: object
) -> None:
    assert judge_trend(previous, current, richting) is expected


def test_every_light_has_icon_label_and_definition() -> None:
    assert len({light.icoon + light.label for light in ALL_LIGHTS}) == len(ALL_LIGHTS)
    for light in ALL_LIGHTS:
        assert light.icoon and light.label and light.definitie
    # trend colours cannot be mistaken for the stoplicht's groen / oranje / rood
    assert [VERBETERD.kleur, GELIJK.kleur, VERSLECHTERD.kleur] == ["blauw", "leisteen", "paars"]
    assert not {light.kleur for light in ALL_LIGHTS} & {"groen", "oranje", "rood"}
    assert len({VERBETERD.icoon, GELIJK.icoon, VERSLECHTERD.icoon}) == 3


def _cell(waarde: float, interval: tuple[float, float] | None = None, voorlopig: bool = False,
          trend: str | None = None) -> Cell:
    low, high = interval or (None, None)
    return Cell(waarde, str(waarde), None, None, False, voorlopig, ondergrens=low,
                bovengrens=high, trend=trend)


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        # intervals apart: a verdict
        (_cell(50, (45, 55)), _cell(70, (65, 75)), VERBETERD),
        (_cell(70, (65, 75)), _cell(50, (45, 55)), VERSLECHTERD),
        # intervals overlap and no trend: no verdict
        (_cell(50, (40, 60)), _cell(58, (48, 68)), GEEN_DUIDELIJK_VERSCHIL),
        (_cell(58, (48, 68)), _cell(50, (40, 60)), GEEN_DUIDELIJK_VERSCHIL),
        # overlap, but the trend test points the same way: a verdict
        (_cell(50, (40, 60)), _cell(58, (48, 68), trend="stijgend"), VERBETERD),
        # overlap and a trend the other way: no verdict
        (_cell(58, (48, 68)), _cell(50, (40, 60), trend="stijgend"), GEEN_DUIDELIJK_VERSCHIL),
        # no intervals at all (e.g. a median) and no trend: no verdict
        (_cell(50), _cell(70), GEEN_DUIDELIJK_VERSCHIL),
        # a provisional year alone is never enough, however far apart
        (_cell(50, (45, 55)), _cell(70, (65, 75), voorlopig=True), VOORLOPIG),
        (_cell(50, (45, 55), voorlopig=True), _cell(70, (65, 75)), VOORLOPIG),
        (_cell(50, (45, 55)), _cell(70, (65, 75), voorlopig=True, trend="dalend"), VOORLOPIG),
        # ... but the trend test over the definitive years can carry it
        (_cell(50, (40, 60)), _cell(58, (48, 68), voorlopig=True, trend="stijgend"), VERBETERD),
        # a provisional year has no test of its own: the test up to the year before speaks
        (_cell(50, (40, 60), trend="stijgend"), _cell(58, (48, 68), voorlopig=True), VERBETERD),
        (_cell(50, (40, 60), trend="geen_trend"), _cell(58, (48, 68), voorlopig=True), VOORLOPIG),
        # 'gelijk gebleven' needs no statistics
        (_cell(50, (40, 60)), _cell(51, (41, 61)), GELIJK),
    ],
)
def test_judge_change_only_when_the_statistics_support_it(
    previous: Cell, current: Cell, expected: object
) -> None:
    assert judge_change(previous, current, "hoger_is_beter") is expected


def test_the_rule_is_stated_in_plain_words() -> None:
    assert "overlappen niet" in VERDICT_RULE and "voorlopig cijfer (*) alleen" in VERDICT_RULE
