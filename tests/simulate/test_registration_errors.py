# SPDX-License-Identifier: EUPL-1.2
"""Registration error kinds of issue 16: tested deterministically (rate 0 or 1), so no bound on a
random share can flake."""

from __future__ import annotations

import numpy as np
import pytest

from ketenmonitor.simulate import Simulation
from ketenmonitor.simulate.noise import NO_DAY, PROFILES, NoiseProfile, profile, write_identity
from ketenmonitor.simulate.registration_errors import (
    REALISTIC,
    RegistrationErrors,
    _date_digit,
    _digit_typo,
    apply_errors,
    realistic,
)


def _columns() -> dict[str, np.ndarray]:
    day = int((np.datetime64("1985-04-12") - np.datetime64("1970-01-01")).astype(np.int64))
    return {
        "voornamen": np.array(["Gerrit Jan", "Annelies", ""], dtype=object),
        "tussenvoegsel": np.array(["van der", "", ""], dtype=object),
        "achternaam": np.array(["Wielinga", "Verbruggen", "Bakker"], dtype=object),
        "geboortedatum": np.array([day, day, NO_DAY], dtype=np.int64),
        "postcode": np.array(["2513KX", "2513 KX", ""], dtype=object),
        "huisnummer": np.array(["17", "203", ""], dtype=object),
    }


def _apply(errors: RegistrationErrors, seed: int = 7) -> dict[str, np.ndarray]:
    columns = _columns()
    apply_errors(np.random.default_rng(seed), errors, **columns,
                 surnames=np.array(["Jansen"], dtype=object), no_day=NO_DAY)
    return columns


def test_no_error_kind_changes_nothing() -> None:
    before, after = _columns(), _apply(RegistrationErrors())
    assert not RegistrationErrors().active
    for name in before:
        assert before[name].tolist() == after[name].tolist(), name


def test_names_exchanged_swaps_given_name_and_surname_where_both_are_known() -> None:
    after = _apply(RegistrationErrors(names_exchanged=1.0))
    assert after["voornamen"].tolist() == ["Wielinga", "Verbruggen", ""]
    assert after["achternaam"].tolist() == ["Gerrit Jan", "Annelies", "Bakker"]
    assert after["tussenvoegsel"].tolist() == ["", "", ""]


def test_digit_typos_change_exactly_one_digit() -> None:
    after = _apply(RegistrationErrors(postcode_digit=1.0, house_number_digit=1.0))
    for name, before in (("postcode", ["2513KX", "2513 KX"]), ("huisnummer", ["17", "203"])):
        for old, new in zip(before, after[name].tolist()[:2], strict=True):
            assert len(new) == len(old)
            assert sum(a != b for a, b in zip(old, new, strict=True)) == 1, (old, new)
            assert all(a == b or (a.isdigit() and b.isdigit()) for a, b in zip(old, new,
                                                                                  strict=True))
        assert after[name][2] == ""  # empty stays empty
    assert _digit_typo("KX", 3) == "KX"


@pytest.mark.parametrize("seed", range(40))
def test_a_date_digit_typo_gives_another_valid_date(seed: int) -> None:
    day = 5580  # 1985-04-12
    changed = _date_digit(day, seed)
    assert changed != day
    old = str(np.datetime64("1970-01-01") + np.timedelta64(day, "D")).replace("-", "")
    new = str(np.datetime64("1970-01-01") + np.timedelta64(changed, "D")).replace("-", "")
    assert sum(a != b for a, b in zip(old, new, strict=True)) <= 2  # one digit, or the next day


def test_surname_replaced_space_hyphen_and_roepnaam() -> None:
    after = _apply(RegistrationErrors(surname_replaced=1.0))
    assert after["achternaam"].tolist() == ["Jansen"] * 3
    spaced = _apply(RegistrationErrors(surname_space_or_hyphen=1.0))["achternaam"].tolist()
    assert [s.replace(" ", "").replace("-", "") for s in spaced] == [
        "Wielinga", "Verbruggen", "Bakker"]
    assert all(s != o for s, o in zip(spaced, ["Wielinga", "Verbruggen", "Bakker"], strict=True))
    roep = _apply(RegistrationErrors(roepnaam=1.0))["voornamen"].tolist()
    assert roep == ["Jan", "Annelies", ""]


def test_profiles_without_errors_write_the_same_identities_as_before(sim: Simulation) -> None:
    """The errors draw from a spawned stream: switching them on changes only the error columns'
    values, not the other noise, and switching them off leaves the output as it was."""
    persons = sim.persons
    p = np.arange(min(200, persons.n), dtype=np.int64)
    args = (persons, p, np.zeros(p.size, np.int64), np.zeros(p.size, bool),
            np.full(p.size, 2513, np.int64), np.array(["KX"] * p.size, dtype=object),
            np.arange(1, p.size + 1, dtype=np.int64), np.array([""] * p.size, dtype=object))
    base = PROFILES["politie"]
    off = write_identity(np.random.default_rng(1), base, *args)
    again = write_identity(np.random.default_rng(1), base, *args)
    on = write_identity(np.random.default_rng(1), NoiseProfile(
        **{**base.__dict__, "errors": RegistrationErrors(house_number_digit=1.0)}), *args)
    assert off.huisnummer.tolist() == again.huisnummer.tolist()
    assert on.bsn.tolist() == off.bsn.tolist() and on.voornamen.tolist() == off.voornamen.tolist()
    changed = [a != b for a, b in zip(on.huisnummer.tolist(), off.huisnummer.tolist(),
                                      strict=True) if b]
    assert changed and all(changed)


def test_the_config_strength_scales_the_realistic_mix_and_zero_is_off() -> None:
    assert realistic(0.0) == RegistrationErrors() and not realistic(0.0).active
    assert realistic(1.0) == REALISTIC
    assert realistic(2.0).names_exchanged == pytest.approx(2 * REALISTIC.names_exchanged)
    assert realistic(1000.0).roepnaam == 1.0  # a rate never exceeds 1
    assert profile("politie") is PROFILES["politie"]
    assert profile("politie", 1.0).errors == REALISTIC
    assert profile("politie", 1.0).initials == PROFILES["politie"].initials


def test_simulation_with_registration_errors_keeps_the_truth_and_changes_identities() -> None:
    from ketenmonitor.core.errors import ConfigurationError
    from ketenmonitor.simulate import SimulationConfig, simulate

    plain = simulate(SimulationConfig(schaal=0.01, seed=3))
    noisy = simulate(SimulationConfig(schaal=0.01, seed=3, registratiefouten=3.0))
    for partner, b in plain.betrokkenen.items():
        other = noisy.betrokkenen[partner]
        assert other.person.tolist() == b.person.tolist()  # same records, same true persons
        assert other.identity.bsn.tolist() == b.identity.bsn.tolist()
    changed = sum(int((noisy.betrokkenen[k].identity.achternaam != b.identity.achternaam).sum())
                  for k, b in plain.betrokkenen.items())
    assert changed > 0
    with pytest.raises(ConfigurationError):
        SimulationConfig(registratiefouten=-1.0)
