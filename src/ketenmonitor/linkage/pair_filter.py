# SPDX-License-Identifier: EUPL-1.2
"""Pairs not worth scoring: two records that both carry a BSN token.

Clustering (:mod:`ketenmonitor.linkage.clustering`) settles such a pair without the model: the
same BSN token is a must-link, two different BSN tokens a cannot-link. Scoring it changes no person.
Yet with about 80 % of records carrying a BSN, some two thirds of the pairs the name, date and
address rules propose are such pairs, nearly all of different persons (one date of birth is shared
by hundreds of people nationally). So every prediction rule except the BSN rule itself scores only
pairs in which at least one record lacks a BSN token; the BSN rule still scores the same-BSN
pairs, which the error estimates and the refinement of λ count as matches.

What the left-out pairs would have added is their match probability to λ's fixed point and to the
denominator of the estimated recall: with a different BSN token (the strongest evidence against
in the model) that is close to nothing; measured in ADR 0003.
"""

from __future__ import annotations

from typing import Any

from ketenmonitor.linkage.blocking import BlockingPlan, blocking_rule_dicts

BSN_COLUMN = "bsn_token"
NOT_BOTH_BSN = f"(l.{BSN_COLUMN} IS NULL OR r.{BSN_COLUMN} IS NULL)"


def scored_rule_dicts(plan: BlockingPlan, dialect: str) -> list[dict[str, Any]]:
    """The plan's prediction rules as Splink settings entries, each rule other than the BSN rule
    limited to pairs in which at least one record lacks a BSN token."""
    rules = blocking_rule_dicts(plan, dialect)
    for columns, rule in zip(plan.columns, rules, strict=True):
        if BSN_COLUMN not in columns:
            rule["blocking_rule"] = f"({rule['blocking_rule']}) AND {NOT_BOTH_BSN}"
    return rules
