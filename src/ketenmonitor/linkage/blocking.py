# SPDX-License-Identifier: EUPL-1.2
"""Blocking that scales: every prediction rule within a budget of record pairs.

Rules on strong keys (BSN, full name, address) propose a number of pairs that grows with the
number of records; rules on weak keys (date of birth alone, surname sound + birth year, swapped
date + initial) grow with its square. In one region that is harmless (under ten pairs per record
each), nationally it is not: at 7.2 million records, date of birth alone proposes 1.2 billion
pairs, which no 2-core machine scores in minutes. So before predicting, the plan counts exactly
how many pairs each rule proposes (one ``GROUP BY`` per rule) and narrows a rule over budget by
adding the :data:`REFINEMENTS` in order (sex, initial, house number) until it fits; a rule that
still does not fit is left out. The BSN rule is never changed: its pairs are the must-links.

The budget is ``max(min_pairs, pairs_per_record × records)`` per rule, so the total number of
scored pairs grows linearly with the records. The defaults leave every rule untouched up to a
million records (the largest region-period measured), so regional results do not change; what
narrowing costs in recall was measured on the synthetic region with ground truth (ADR 0003).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from typing import Any

import duckdb
from splink import block_on
from splink.blocking_rule_library import CustomRule

from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)

# Columns added, in this order, to a rule over budget: they rarely differ between two records of
# one person but split large blocks (sex halves a block, the initial splits it about twentyfold).
REFINEMENTS = ("geslacht", "initiaal_token", "huisnummer_token")
NEVER_NARROWED = (("bsn_token",),)
CHUNK_PAIRS = 40_000_000  # pairs scored per prediction chunk (bounds memory, see chunks())
# A column spec ``a>b`` in a rule means crossed columns: the left record's ``a`` equals the right
# record's ``b`` (given name written as surname; both under the shared name key of schema 1.4).
CROSSED = ">"


def sides(column: str) -> tuple[str, str]:
    """The left and right column of a column spec (the same column unless crossed)."""
    left, _, right = column.partition(CROSSED)
    return left, right or left


def rule_sql(columns: tuple[str, ...], left: str = "l", right: str = "r") -> str:
    """SQL condition of a rule on the records ``left`` and ``right`` of a pair."""
    return " AND ".join(f"{left}.{a} = {right}.{b}" for a, b in map(sides, columns))


def rule_columns(columns: tuple[str, ...]) -> set[str]:
    """Every column a rule reads."""
    return {c for column in columns for c in sides(column)}


@dataclass(frozen=True)
class RulePlan:
    """One prediction rule: as defined, the pairs it proposes, and how it is used."""

    columns: tuple[str, ...]
    pairs: int
    used: tuple[str, ...] | None  # the columns after narrowing; None: left out
    used_pairs: int

    @property
    def narrowed(self) -> bool:
        return self.used != self.columns


@dataclass(frozen=True)
class BlockingPlan:
    records: int
    budget: int
    rules: tuple[RulePlan, ...]

    @property
    def columns(self) -> tuple[tuple[str, ...], ...]:
        """The rules to predict with (narrowed where needed, left-out rules dropped)."""
        return tuple(r.used for r in self.rules if r.used is not None)

    @property
    def pairs(self) -> int:
        """Upper bound of the pairs to score (pairs proposed by several rules count once each)."""
        return sum(r.used_pairs for r in self.rules)

    def chunks(self) -> int:
        """Chunks per side for Splink's chunked predict: about :data:`CHUNK_PAIRS` per chunk."""
        return max(1, math.ceil(math.sqrt(self.pairs / CHUNK_PAIRS)))

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), sort_keys=True)


def rule_words(columns: list[str] | tuple[str, ...]) -> str:
    """A rule as users read it: ``geboortedatum + geslacht + initiaal``; crossed columns as
    ``voornaam gedeeld = achternaam gedeeld``."""
    def word(column: str) -> str:
        return column.removesuffix("_token").replace("_", " ")
    return " + ".join(" = ".join(word(c) for c in column.split(CROSSED)) for column in columns)


def count_pairs(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...]) -> int:
    """Record pairs of ``table`` that agree on every column (none of them NULL)."""
    if any(CROSSED in c for c in columns):
        return _count_crossed(con, table, columns)
    keys = ", ".join(columns)
    present = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    row = con.execute(f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM "
                      f"(SELECT count(*) AS n FROM {table} WHERE {present} GROUP BY {keys})"
                      ).fetchall()[0]
    return int(row[0])


def _count_crossed(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...]) -> int:
    """Ordered record pairs with the left record's columns equal to the right record's (an upper
    bound of the pairs Splink scores: a record may agree with itself)."""
    pairs = [sides(c) for c in columns]

    def counts(side: int) -> str:
        keys = ", ".join(f"{p[side]} AS k{i}" for i, p in enumerate(pairs))
        present = " AND ".join(f"{p[side]} IS NOT NULL" for p in pairs)
        return f"SELECT {keys}, count(*) AS n FROM {table} WHERE {present} GROUP BY ALL"

    on = " AND ".join(f"a.k{i} = b.k{i}" for i in range(len(pairs)))
    row = con.execute(f"SELECT coalesce(sum(a.n * b.n), 0) FROM ({counts(0)}) a "
                      f"JOIN ({counts(1)}) b ON {on}").fetchall()[0]
    return int(row[0])


def _narrow(con: duckdb.DuckDBPyConnection, table: str, rule: tuple[str, ...], pairs: int,
            budget: int) -> RulePlan:
    if pairs <= budget or rule in NEVER_NARROWED:
        return RulePlan(rule, pairs, rule, pairs)
    used, used_pairs = rule, pairs
    for column in REFINEMENTS:
        if column in used:
            continue
        used = (*used, column)
        used_pairs = count_pairs(con, table, used)
        if used_pairs <= budget:
            return RulePlan(rule, pairs, used, used_pairs)
    return RulePlan(rule, pairs, None, 0)


def plan_blocking(con: duckdb.DuckDBPyConnection, table: str,
                  rules: tuple[tuple[str, ...], ...], pairs_per_record: float,
                  min_pairs: int) -> BlockingPlan:
    """The prediction rules for the records in ``table`` within the pair budget."""
    records = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    budget = int(max(min_pairs, pairs_per_record * records))
    planned = tuple(_narrow(con, table, rule, count_pairs(con, table, rule), budget)
                    for rule in rules)
    plan = BlockingPlan(records, budget, planned)
    for rule in plan.rules:
        if rule.narrowed:
            log.info("linkage_blokkering_verfijnd", rule="+".join(rule.columns), pairs=rule.pairs,
                     used="+".join(rule.used) if rule.used else None, used_pairs=rule.used_pairs,
                     budget=budget)
    return plan


def blocking_rule_dicts(plan: BlockingPlan, dialect: str) -> list[dict[str, object]]:
    """The plan's rules as Splink settings entries, to replace a stored model's prediction rules."""
    return [dict(splink_rule(columns).create_blocking_rule_dict(dialect))
            for columns in plan.columns]


def splink_rule(columns: tuple[str, ...]) -> Any:
    """Splink's blocking rule for a rule's columns (a custom rule when crossed)."""
    if any(CROSSED in c for c in columns):
        return CustomRule(rule_sql(columns))
    return block_on(*columns)
