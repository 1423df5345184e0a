# SPDX-License-Identifier: EUPL-1.2
"""Traffic lights for trends: direction-aware, a 5% band for 'gelijk', never colour alone."""

from __future__ import annotations

import pytest

from ketenmonitor.reports.trend import (
    ALL_LIGHTS,
    GEDAALD,
    GELIJK,
    GESTEGEN,
    ONBEKEND,
    ONVERANDERD,
    VERBETERD,
    VERSLECHTERD,
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
    assert [VERBETERD.kleur, GELIJK.kleur, VERSLECHTERD.kleur] == ["groen", "oranje", "rood"]
    assert len({VERBETERD.icoon, GELIJK.icoon, VERSLECHTERD.icoon}) == 3
