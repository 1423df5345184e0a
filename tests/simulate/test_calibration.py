# SPDX-License-Identifier: EUPL-1.2
"""The simulated region lands near the national figures of DOMAIN.md.

Computed from the simulator's own in-memory model (``simulate.calibration``), not from the
product's derive stage: this checks the generator, the pipeline is checked elsewhere.
"""

from __future__ import annotations

import pytest

from ketenmonitor.simulate import Simulation
from ketenmonitor.simulate.calibration import (
    eerdere_betrokkenheid_shares,
    melding_mix,
    yearly_rates,
)

NATIONAL_2023 = {"EERSTE_MELDING": 31.9, "HERMELDING": 38.1, "VERVOLGMELDING": 28.5}


def test_eerdere_betrokkenheid_shares_are_near_national(sim: Simulation) -> None:
    shares = eerdere_betrokkenheid_shares(sim)
    for group, national in NATIONAL_2023.items():
        assert shares[group] == pytest.approx(national, abs=2.5), (group, shares)
    assert 0.3 < shares["NIET_INGEDEELD"] < 3.0
    detail = eerdere_betrokkenheid_shares(sim, detail=True)
    assert detail["HERMELDING_MEERDERE"] > detail["HERMELDING_EEN"] > 0
    assert min(detail["VERVOLG_TIJDENS_VB"], detail["VERVOLG_NA_VB"],
               detail["VERVOLG_MONITORING"]) > 2.0
    assert sum(shares.values()) == pytest.approx(100.0, abs=0.05)


def test_meldingen_are_flat_and_adviezen_rise(sim: Simulation) -> None:
    rates = yearly_rates(sim)
    for year in range(2019, 2026):
        assert rates[year]["meldingen_per_1000"] == pytest.approx(7.1, abs=0.6), year
    assert rates[2019]["adviezen_per_1000"] == pytest.approx(6.5, abs=0.5)
    assert rates[2025]["adviezen_per_1000"] == pytest.approx(9.5, abs=0.5)
    assert rates[2025]["adviezen_per_1000"] > rates[2022]["adviezen_per_1000"] > rates[2019][
        "adviezen_per_1000"]
    huisverboden = [rates[y]["huisverboden_per_10000"] for y in range(2017, 2026)]
    assert sum(huisverboden) / len(huisverboden) == pytest.approx(1.5, abs=0.3)


def test_melders_and_aard_follow_the_national_mix(sim: Simulation) -> None:
    mix = melding_mix(sim)
    assert mix["justitie_en_veiligheid"] == pytest.approx(67, abs=4)
    assert mix["politie"] == pytest.approx(58, abs=4)
    assert mix["kindermishandeling"] == pytest.approx(50, abs=5)
    assert mix["partnergeweld"] == pytest.approx(38, abs=4)
    assert mix["geweld_tegen_ouders"] == pytest.approx(6, abs=2)
    assert mix["ouderenmishandeling"] == pytest.approx(2, abs=1.5)
