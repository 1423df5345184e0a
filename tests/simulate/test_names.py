# SPDX-License-Identifier: EUPL-1.2
"""Name pools, BSNs and the small string corruptions used for identity noise."""

from __future__ import annotations

import numpy as np

from ketenmonitor.simulate.names import elfproef, given_names, make_bsns, name_pools, split_surname
from ketenmonitor.simulate.typos import abbreviate_tussenvoegsel, initials, typo


def test_elfproef_accepts_valid_and_rejects_invalid_numbers() -> None:
    assert elfproef("111222333")  # 9+8+7+12+10+8+9+6-3 = 66 = 6 * 11
    assert not elfproef("111222334")
    assert not elfproef("12345678")
    assert not elfproef("12345678a")


def test_bsns_are_unique_nine_digits_and_pass_the_elfproef() -> None:
    bsns = make_bsns(np.random.default_rng(1), 20_000)
    assert len(set(bsns.tolist())) == 20_000
    assert all(len(b) == 9 and elfproef(b) for b in bsns.tolist())


def test_bsns_are_reproducible_per_seed() -> None:
    first = make_bsns(np.random.default_rng(3), 50).tolist()
    assert first == make_bsns(np.random.default_rng(3), 50).tolist()
    assert first != make_bsns(np.random.default_rng(4), 50).tolist()


def test_surnames_are_split_into_tussenvoegsel_and_achternaam() -> None:
    assert split_surname("van der Berg") == ("van der", "Berg")
    assert split_surname("de Vries") == ("de", "Vries")
    assert split_surname("Jansen") == ("", "Jansen")
    assert split_surname("Bourgondië, van") is None
    pools = name_pools()
    prefixes = set(pools.tussenvoegsel.tolist())
    assert {"", "van der", "de", "ter", "van"} <= prefixes
    assert 0.15 < float(np.mean(pools.tussenvoegsel != "")) < 0.5
    assert pools.male.size > 100 and pools.female.size > 100


def test_given_names_have_one_to_three_parts_from_the_right_pool() -> None:
    female = np.array([True, False] * 500)
    names = given_names(np.random.default_rng(2), female)
    pools = name_pools()
    counts = [len(n.split()) for n in names.tolist()]
    assert set(counts) == {1, 2, 3}
    assert all(n.split()[0] in set(pools.female.tolist()) for n in names[female].tolist())
    assert all(n.split()[0] in set(pools.male.tolist()) for n in names[~female].tolist())


def test_typo_changes_a_name_reproducibly_and_keeps_the_first_letter() -> None:
    changed = [typo("Vermeulen", seed) for seed in range(200)]
    assert all(c != "Vermeulen" and c[0] == "V" for c in changed)
    assert typo("Vermeulen", 17) == typo("Vermeulen", 17)
    assert typo("Al", 5) == "Al"


def test_initials_and_abbreviated_tussenvoegsels() -> None:
    assert initials("Johannes Petrus") == "J.P."
    assert initials("anna") == "A."
    assert abbreviate_tussenvoegsel("van der", 0) == "vd"
    assert abbreviate_tussenvoegsel("van den", 1) == "v.d."
    assert abbreviate_tussenvoegsel("ter", 0) == "ter"
