# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor demo`` prints the linkage's own estimates as ``ketenmonitor link`` does."""

from __future__ import annotations

from ketenmonitor.cli.demo import linkage_estimates_text
from ketenmonitor.linkage import LinkageSummary


def _summary(precision: float | None = None, recall: float | None = None,
             low: float | None = None, high: float | None = None) -> LinkageSummary:
    return LinkageSummary("probabilistisch", 100, 80, 0, 60, 30, probabilistic_records=10,
                          single_records=20, match_threshold=0.9, estimated_precision=precision,
                          estimated_recall=recall, estimated_recall_low=low,
                          estimated_recall_high=high)


def test_the_recall_comes_with_its_95_percent_interval() -> None:
    text = linkage_estimates_text(_summary(0.9981, 0.9871, 0.9866, 0.9876))
    assert text == ("Geschatte precisie 99,81%, geschatte recall 98,71% (95%-interval 98,66% "
                    "tot 98,76%; drempel 0,90).")


def test_without_a_sample_the_recall_has_no_interval() -> None:
    text = linkage_estimates_text(_summary(0.9981, 0.9871))
    assert text == "Geschatte precisie 99,81%, geschatte recall 98,71% (drempel 0,90)."
    assert linkage_estimates_text(_summary()) is None
