# SPDX-License-Identifier: EUPL-1.2
"""The report says when linkage fell back to BSN only, and why (issue 15)."""

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
