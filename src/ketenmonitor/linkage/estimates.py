# SPDX-License-Identifier: EUPL-1.2
"""The model's own error estimates after clustering: precision, recall and its 95 % interval.

Counted by person, as everything downstream (persons, hermeldingen) uses the clusters, not the
pairs: a pair of records is found when both ended up in one person, also through other records
and also when the pair's own match probability is under the threshold; it is missed when not,
also when it is above the threshold and the constrained clustering split it. Recall = expected
true pairs found (sum of their match probabilities) over all expected true pairs: the scored
pairs plus those that no blocking rule proposes, from a scored stratified sample
(:mod:`ketenmonitor.linkage.unproposed`), of which those inside one person count as found.
Precision = mean match probability of the pairs inside one person, scored or sampled.

A pair whose records are in two persons that both carry a BSN token is left out of both: the two
(different) tokens decide it, as they decide a pair of two records with different tokens, which
is never scored (:mod:`ketenmonitor.linkage.pair_filter`). Counted as missed with the model's
probability, such pairs made the estimate far too pessimistic (demo region, error strength 1,
scale 0.3: 0.978 against a measured 0.9987): the model does not see that the record was joined
to another person with its own BSN, and 52 of some 9,000 expected true pairs among them were.
The cost is a blind spot the BSN-to-BSN pairs already have: a wrong BSN is not seen as a miss.

Kept out of :mod:`ketenmonitor.linkage.scoring`, which runs Splink and clusters; both engines
call :func:`scored_estimates` and :func:`unproposed_recall` through it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.core.logging import get_logger
from ketenmonitor.linkage.blocking import BlockingPlan
from ketenmonitor.linkage.pair_filter import BSN_COLUMN
from ketenmonitor.linkage.splink_model import UNIQUE_ID, ModelConfig
from ketenmonitor.linkage.unproposed import METHOD as UNPROPOSED_METHOD
from ketenmonitor.linkage.unproposed import Unproposed, estimate_unproposed

log = get_logger(__name__)
RECALL_SCORED_ONLY = "voorgestelde_paren"  # recall over the proposed pairs only (no sample)


@dataclass(frozen=True)
class Estimates:
    """The model's own error estimates over the scored pairs (see the module docstring)."""

    scored: int
    matched: int
    precision: float | None
    inside: float  # expected matches inside persons (sum of their match probabilities)
    total: float  # expected matches among the scored pairs (not those the BSN decides)
    decided: float = 0.0  # expected matches of the pairs across two persons with a BSN token

    def recall(self, unproposed: float = 0.0) -> float | None:
        """Recall, with ``unproposed`` expected matches among pairs no rule proposed."""
        denominator = self.total + unproposed
        return self.inside / denominator if denominator > 0 else None


def persons_with_bsn(con: duckdb.DuckDBPyConnection, clusters: pa.Table,
                     records: str = "invoer") -> pa.Table:
    """``clusters`` (``rid``, ``cluster``) with ``bsn``: the person carries a BSN token (false
    for all when the records have no BSN column)."""
    columns = {row[0] for row in con.execute(f"DESCRIBE {records}").fetchall()}
    con.register("_clusters", clusters)
    has = (f"bool_or(i.{BSN_COLUMN} IS NOT NULL) OVER (PARTITION BY c.cluster)"
           if BSN_COLUMN in columns else "false")
    table = con.sql(f"SELECT c.rid, c.cluster, {has} AS bsn FROM _clusters c "
                    f"JOIN {records} i ON i.{UNIQUE_ID} = c.rid").to_arrow_table()
    con.unregister("_clusters")
    return table


def scored_estimates(con: duckdb.DuckDBPyConnection, predictions: str, clusters: pa.Table,
                     records: str = "invoer") -> Estimates:
    """:class:`Estimates` of the pairs in ``predictions`` under the persons in ``clusters``.

    Counted by person: a pair is found when its records ended up in one person (also through
    other records, and also when its own probability is under the threshold), missed when not
    (also when it is above the threshold and the clustering split it). A pair whose records are
    in two persons that both carry a BSN token is decided by those (different) tokens, as a pair
    of two records with different BSN tokens is (:mod:`ketenmonitor.linkage.pair_filter`): it
    counts in neither part of the recall (ADR 0003)."""
    con.register("_clusters", persons_with_bsn(con, clusters, records))
    row = con.execute(f"""
    WITH pairs AS (
      SELECT p.match_probability AS p, a.cluster = b.cluster AS inside,
             a.cluster <> b.cluster AND a.bsn AND b.bsn AS decided
      FROM {predictions} p
      JOIN _clusters a ON a.rid = p.{UNIQUE_ID}_l JOIN _clusters b ON b.rid = p.{UNIQUE_ID}_r)
    SELECT count(*), count(*) FILTER (WHERE inside), avg(p) FILTER (WHERE inside),
           coalesce(sum(p) FILTER (WHERE inside), 0),
           coalesce(sum(p) FILTER (WHERE NOT decided), 0),
           coalesce(sum(p) FILTER (WHERE decided), 0)
    FROM pairs
    """).fetchall()[0]
    con.unregister("_clusters")
    return Estimates(int(row[0]), int(row[1]), None if row[2] is None else float(row[2]),
                     float(row[3]), float(row[4]), float(row[5]))


@dataclass(frozen=True)
class UnproposedRecall:
    """Precision and recall over clusters with the sampled pairs that no blocking rule proposes."""

    recall: float | None
    precision: float | None
    expected_matches: float  # expected true pairs among the unproposed pairs
    inside_matches: float  # of which in one person (found through other records)
    standard_error: float  # of expected_matches, from the sampling alone
    interval: tuple[float, float] | None  # 95 % of the recall

    def result_fields(self) -> dict[str, Any]:
        """The fields of :class:`ketenmonitor.linkage.scoring.ScoreResult` this estimate sets."""
        return {"estimated_recall": self.recall, "estimated_precision": self.precision,
                "unproposed_matches": self.expected_matches, "recall_method": UNPROPOSED_METHOD,
                "unproposed_standard_error": self.standard_error, "recall_interval": self.interval}


def cluster_estimates(estimates: Estimates, found: Unproposed, z: float = 1.96
                      ) -> UnproposedRecall:
    """Precision and recall over the persons, with the unproposed pairs of the sample.

    A sampled unproposed pair counts as found when its records ended up in one person (through
    other records), as a scored pair under the threshold does in :func:`scored_estimates`. The
    recall is a ratio of two Horvitz–Thompson sums over the same sample, ``R = (I + U_in) /
    (T + U)``; its variance by linearisation: per sampled pair ``z = p (c − R) / (T + U)`` (``c``
    = 1 in one person), ``Var R = Σ (1 − f) / f² · z²``, and a normal 95 % interval."""
    numerator = estimates.inside + found.inside_matches
    denominator = estimates.total + found.expected_matches
    recall = numerator / denominator if denominator > 0 else None
    interval = None
    if recall is not None:
        variance = sum((1 - s.fraction) / s.fraction**2 * (
            (1 - recall) ** 2 * s.inside_squares + recall**2 * (s.squares - s.inside_squares))
            for s in found.strata) / denominator**2
        error = z * math.sqrt(max(0.0, variance))
        interval = (max(0.0, recall - error), min(1.0, recall + error))
    pairs = estimates.matched + found.inside_pairs
    precision = numerator / pairs if pairs > 0 else estimates.precision
    return UnproposedRecall(recall, precision, found.expected_matches, found.inside_matches,
                            found.standard_error, interval)


def unproposed_recall(con: duckdb.DuckDBPyConnection, model: dict[str, Any], plan: BlockingPlan,
                      estimates: Estimates, clusters: pa.Table, config: ModelConfig
                      ) -> UnproposedRecall | None:
    """The estimates with the expected matches among the pairs no rule proposes (None when no
    sample could be drawn)."""
    found = estimate_unproposed(con, model, plan, config.u_max_pairs, config.seed,
                                clusters=persons_with_bsn(con, clusters))
    if found is None:
        return None
    result = cluster_estimates(estimates, found)
    log.info("linkage_niet_voorgesteld", expected_matches=found.expected_matches,
             scored_inside=estimates.inside, scored_total=estimates.total,
             scored_bsn_decided=estimates.decided,
             inside_matches=found.inside_matches, inside_pairs=found.inside_pairs,
             standard_error=found.standard_error, recall=result.recall,
             precision=result.precision, recall_interval_95=result.interval,
             sampled_pairs=found.sampled_pairs, fraction=found.fraction,
             dense_fraction=found.dense_fraction)
    return result


__all__ = ["RECALL_SCORED_ONLY", "UNPROPOSED_METHOD", "Estimates", "UnproposedRecall",
           "cluster_estimates", "persons_with_bsn", "scored_estimates", "unproposed_recall"]
