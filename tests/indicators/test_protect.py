# SPDX-License-Identifier: EUPL-1.2
"""Suppression checked by the interval attack (issue 12): more cells until it finds nothing, and a
refusal when an earlier publication already gave a count away."""

from __future__ import annotations

import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.indicators.attack import attack
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.protect import protect_tables, refuse_unprotected
from testsupport import load_module

_attack_tests = load_module("indicators/test_attack.py")
IND, TRUTH = _attack_tests.IND, _attack_tests.TRUTH


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_protection_leaves_the_attack_nothing(catalogue: Catalogue) -> None:
    truth = _attack_tests._truth(TRUTH)
    protected = protect_tables({IND: truth}, catalogue, set(), threshold=10, rounding_base=5,
                               interval=5)
    assert protected.report.findings == [] and protected.targets > 0
    table = protected.tables[IND].to_pylist()
    assert all(r["onderdrukt"] for r in table if r["gebied_code"] == "G1")
    # checked again from scratch, the attacker still narrows nothing down
    again = attack({IND: truth}, protected.tables, catalogue, threshold=10, base=5, protection=5,
                   values_from_rounded=True)
    assert again.findings == []
    refuse_unprotected(protected, 5, 0)  # nothing to refuse


def test_an_earlier_publication_that_showed_the_count_is_refused(catalogue: Catalogue) -> None:
    truth = _attack_tests._truth(TRUTH)
    shown_before = Published({IND: _attack_tests._published(truth, hidden=set())}, True)
    protected = protect_tables({IND: truth}, catalogue, set(), threshold=10, rounding_base=5,
                               interval=5, earlier=[shown_before])
    assert {(f.gebied, f.periode) for f in protected.report.findings} >= {("G1", "2024-H1")}
    with pytest.raises(PublicationError) as refused:
        refuse_unprotected(protected, 5, 1)
    assert "1 eerdere publicatie" in refused.value.message

