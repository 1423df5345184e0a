# SPDX-License-Identifier: EUPL-1.2
"""Simulation configuration: validation in Dutch and the region set-up."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest

from ketenmonitor.codes import gemeenten, population
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.simulate.config import SimulationConfig, region_setup


def test_peildatum_defaults_to_the_end_of_the_last_year() -> None:
    config = SimulationConfig(van=2018, tot=2023)
    assert config.peil == date(2023, 12, 31)
    assert config.measure_from == date(2020, 1, 1)
    assert config.as_dict()["peildatum"] == "2023-12-31"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"van": 2021, "tot": 2020}, "Het beginjaar 2021 ligt na het eindjaar 2020."),
    ({"schaal": 0.0}, "De schaal 0.0 is ongeldig."),
    ({"peildatum": date(2030, 1, 1)},
     "De peildatum 2030-01-01 valt buiten de gesimuleerde jaren 2017-2025."),
    ({"regio": "atlantis"}, "Regio 'atlantis' is onbekend."),
])
def test_invalid_configuration_is_refused_in_dutch(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        SimulationConfig(**kwargs)  # type: ignore[arg-type]
    assert caught.value.message == message
    assert caught.value.hint


def test_region_setup_scales_population_and_keeps_the_mean_melding_level() -> None:
    config = SimulationConfig(schaal=0.5)
    region = region_setup(config)
    expected = [g.code for g in gemeenten("haaglanden", on=config.peil)]
    assert sorted(region.codes) == sorted(expected)
    assert region.total_inhabitants == pytest.approx(
        0.5 * sum(population(c, config.peil) for c in expected))
    weighted = float((region.melding_factor * region.inhabitants).sum() / region.inhabitants.sum())
    assert weighted == pytest.approx(1.0)
    den_haag = region.codes.index("GM0518")
    assert region.melding_factor[den_haag] == np.max(region.melding_factor)
    assert np.all(region.pc4_low <= region.pc4_high)


def test_any_veilig_thuis_region_can_be_simulated_with_stand_in_figures() -> None:
    from ketenmonitor.codes import SYNTHETIC_INHABITANTS

    config = SimulationConfig(regio="zeeland", van=2023, tot=2024, schaal=0.1)
    region = region_setup(config)
    assert sorted(region.codes) == sorted(g.code for g in gemeenten("zeeland", on=config.peil))
    assert len(region.codes) == 13
    assert region.total_inhabitants == pytest.approx(13 * SYNTHETIC_INHABITANTS * 0.1)
    blocks = sorted(zip(region.pc4_low.tolist(), region.pc4_high.tolist(), strict=True))
    assert all(hi < next_lo for (_lo, hi), (next_lo, _hi) in itertools.pairwise(blocks))
    assert all(1000 <= lo <= hi <= 9999 for lo, hi in blocks)
