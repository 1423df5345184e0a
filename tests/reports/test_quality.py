# SPDX-License-Identifier: EUPL-1.2
"""The report says when linkage fell back to BSN only, and why (issue 15), and how sure the
self-reported recall is (issue 16)."""

from __future__ import annotations

from ketenmonitor.core.linkage_fallback import TOO_FEW_TRAINING_PAIRS
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.exhibits import ExhibitContext
from ketenmonitor.reports.model import Numbering
from ketenmonitor.reports.quality import build_quality

LINKAGE = {"method": "bsn_token", "records": 40, "linked_records": 30, "unlinked_records": 10,
           "persons": 20, "households": 12}


def _intro(linkage: dict[str, object]) -> str:
    ctx = ExhibitContext(Numbering(), Area("HL", "Haaglanden", "regio"), [], ".")
    return build_quality({"linkage": linkage}, None, {}, ctx).intro


def test_fallback_to_bsn_only_is_stated_with_its_threshold() -> None:
    intro = _intro({**LINKAGE, "fallback_reason": TOO_FEW_TRAINING_PAIRS,
                    "min_training_pairs": 100})
    assert "teruggevallen op alleen het BSN-token" in intro
    assert "minder dan 100 paren records" in intro


def test_a_chosen_bsn_linkage_mentions_no_fallback() -> None:
    assert "teruggevallen" not in _intro(LINKAGE)


PROBABILISTIC = {**LINKAGE, "method": "probabilistisch", "probabilistic_records": 5,
                 "single_records": 5, "match_threshold": 0.5, "estimated_precision": 0.99,
                 "estimated_recall": 0.98}


def test_the_recall_is_given_with_its_interval_when_the_publication_has_it() -> None:
    intro = _intro({**PROBABILISTIC, "estimated_recall_low": 0.9712,
                    "estimated_recall_high": 0.9845})
    assert "de recall op 98,00%" in intro
    assert "met 95% zekerheid tussen 97,12% en 98,45%" in intro


def test_an_older_publication_without_the_interval_gives_the_recall_alone() -> None:
    intro = _intro(PROBABILISTIC)
    assert "de recall op 98,00%" in intro and "zekerheid" not in intro
