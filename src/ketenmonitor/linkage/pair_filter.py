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

from ketenmonitor.linkage.blocking import BlockingPlan, blocking_rule_dicts, rule_sql
from ketenmonitor.linkage.splink_model import UNIQUE_ID

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


def blocked_pairs_sql(plan: BlockingPlan, table: str) -> str:
    """``SELECT match_key, join_key_l, join_key_r``: every pair of ``table`` that the rules of
    :func:`scored_rule_dicts` propose, once (``join_key_l < join_key_r``, ``match_key`` the first
    rule that proposes it), for Splink's ``register_blocked_pairs_for_predict``.

    The same pairs as Splink's own blocking on those rules, for a fraction of the work. Splink
    joins every rule on all records and drops what an earlier rule proposed by evaluating each
    earlier rule on every joined pair (some 150 million joined pairs on the demo region, of which
    16 million remain), and repeats all of it per prediction chunk. Here every rule other than
    the BSN rule joins only the records that can give a scored pair (a record without a BSN
    token with any record; one with a token with one without), so the earlier rules are evaluated
    only on pairs that are scored. No ``GROUP BY`` over the pairs: measured on the demo region it
    is a little faster but holds some 1.2 GB more at its peak."""
    parts = []
    for key, columns in enumerate(plan.columns):
        select = (f"SELECT {key}::SMALLINT AS match_key, l.{UNIQUE_ID} AS join_key_l, "
                  f"r.{UNIQUE_ID} AS join_key_r")
        condition = f"{rule_sql(columns)} AND l.{UNIQUE_ID} < r.{UNIQUE_ID}"
        if BSN_COLUMN in columns:
            parts.append(f"{select} FROM {table} l JOIN {table} r ON {condition}")
            continue
        # Pairs here have a record without a BSN token: an earlier rule with the BSN column
        # cannot hold for them, so only the others need excluding.
        earlier = [f"coalesce({rule_sql(c)}, false)" for c in plan.columns[:key]
                   if BSN_COLUMN not in c]
        where = f" WHERE NOT ({' OR '.join(earlier)})" if earlier else ""
        without = f"(FROM {table} WHERE {BSN_COLUMN} IS NULL)"
        with_bsn = f"(FROM {table} WHERE {BSN_COLUMN} IS NOT NULL)"
        parts.append(f"{select} FROM {without} l JOIN {table} r ON {condition}{where}")
        parts.append(f"{select} FROM {with_bsn} l JOIN {without} r ON {condition}{where}")
    if not parts:
        return ("SELECT NULL::SMALLINT AS match_key, NULL::BIGINT AS join_key_l, "
                "NULL::BIGINT AS join_key_r WHERE false")
    return " UNION ALL ".join(parts)
