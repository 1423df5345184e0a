# SPDX-License-Identifier: EUPL-1.2
"""Expected true pairs that no blocking rule proposes, from a scored random sample of pairs.

The model's own recall estimate (sum of the match probabilities inside persons over the sum over
all scored pairs) cannot see pairs that blocking never proposes: on FEBRL4 it said 0.986 where the
measured recall was 0.976 (issue 16). So after scoring, the linkage draws a uniform random sample
of all record pairs, keeps those that no prediction rule of the plan proposes, scores them with
the same trained model (refined λ) and scales their summed match probability up by the sampling
fraction: an unbiased estimate of the expected matches among the unproposed pairs, which goes
into the denominator of the recall.

Pairs of two records that both carry a BSN token are left out of the sample as they are left
out of prediction (:mod:`ketenmonitor.linkage.pair_filter`): the BSN decides them (the same token a
must-link, which the BSN rule always proposes; two different tokens a cannot-link), so they are
neither proposed nor missed. Before, the sample scored them when no rule proposed them while
prediction skipped those that a rule did propose: the denominator of the recall counted one part
of them and not the other.

The estimate is a Horvitz–Thompson sum over the sample. Pairs are in the sample pairwise
independently (two pairs sharing a record are both in it only if all three records share a
bucket: probability ``1 / buckets²``), so its variance is ``(1 − f) / f · Σ p²`` over all
unproposed pairs, estimated by ``(1 − f) / f² · Σ p²`` over the sampled ones; the standard error
is reported with the estimate (a normal interval, rough when few sampled pairs carry the sum).

Sampling: every record gets a bucket from a hash of its id and the seed; the pairs within one
bucket are the sample (each pair is in it with probability 1 / buckets, whatever its tokens), so
Splink scores it as one more blocking rule (same bucket, and no prediction rule holds). The
number of buckets gives about ``max_pairs`` sampled pairs; below that, every pair is in the
sample and the figure is exact for the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker

from ketenmonitor.linkage.blocking import BlockingPlan, rule_sql
from ketenmonitor.linkage.pair_filter import NOT_BOTH_BSN
from ketenmonitor.linkage.splink_model import UNIQUE_ID

SAMPLE_TABLE = "invoer_steekproef"
BUCKET = "_steekproef"
METHOD = "steekproef_niet_voorgestelde_paren"
FLOOR_WEIGHT = -25.0  # as for prediction: pairs below add less than 3·10⁻⁸ each


@dataclass(frozen=True)
class Unproposed:
    expected_matches: float  # expected true pairs among the pairs no rule proposes
    sampled_pairs: int  # all pairs in the sample (proposed or not)
    fraction: float  # sampled pairs / all pairs
    standard_error: float = 0.0  # of expected_matches, from the sampling alone

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """Normal interval of ``expected_matches`` (95 % by default), not below zero."""
        return (max(0.0, self.expected_matches - z * self.standard_error),
                self.expected_matches + z * self.standard_error)


def _proposed_sql(plan: BlockingPlan) -> str:
    """SQL on ``l`` and ``r``: some prediction rule of the plan proposes the pair."""
    rules = [f"({rule_sql(columns)})" for columns in plan.columns]
    return f"coalesce({' OR '.join(rules)}, false)" if rules else "false"


def estimate_unproposed(con: duckdb.DuckDBPyConnection, model: dict[str, Any],
                        plan: BlockingPlan, max_pairs: float, seed: int,
                        table: str = "invoer") -> Unproposed | None:
    """Score a random sample of the pairs of ``table`` that ``plan`` does not propose."""
    records = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    total = records * (records - 1) / 2
    if total <= 0:
        return None
    buckets = max(1, round(total / max(max_pairs, 1.0)))
    # A view, not a copy of every record (0.6 GB at a million records): the bucket is a hash.
    con.execute(f"""
    CREATE OR REPLACE VIEW {SAMPLE_TABLE} AS
    SELECT *, hash({UNIQUE_ID}, {int(seed)}) % {buckets} AS {BUCKET} FROM {table}
    """)
    sampled = int(con.execute(
        f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM "
        f"(SELECT count(*) AS n FROM {SAMPLE_TABLE} GROUP BY {BUCKET})").fetchall()[0][0])
    if sampled == 0:
        return Unproposed(0.0, 0, 0.0)
    rule = {"blocking_rule": f"l.{BUCKET} = r.{BUCKET} AND {NOT_BOTH_BSN} "
                             f"AND NOT {_proposed_sql(plan)}",
            "sql_dialect": "duckdb"}
    frame = DuckDBAPI(con).register(SAMPLE_TABLE, table_name=f"{SAMPLE_TABLE}_splink")
    linker = Linker(frame, {**model, "blocking_rules_to_generate_predictions": [rule]},
                    log_level=None)
    predictions = linker.inference.predict(threshold_match_weight=FLOOR_WEIGHT,
                                           warning_mode="never").physical_name
    found, squares = con.execute(
        f"SELECT coalesce(sum(match_probability), 0), coalesce(sum(match_probability ^ 2), 0) "
        f"FROM {predictions}").fetchall()[0]
    fraction = sampled / total
    error = math.sqrt(max(0.0, (1 - fraction) * float(squares))) / fraction
    return Unproposed(float(found) / fraction, sampled, fraction, error)
