# SPDX-License-Identifier: EUPL-1.2
"""The model's own error estimates after clustering (precision, recall and its 95 % interval).

Computed from the model's match probabilities over the scored pairs (precision = mean match
probability of the pairs that ended up in one person; recall = the expected matches inside
persons over the expected matches among all scored pairs) and, when a sample could be drawn,
the expected matches among the pairs that no blocking rule proposes
(:mod:`ketenmonitor.linkage.unproposed`). Kept out of :mod:`ketenmonitor.linkage.scoring`, which
runs Splink and clusters; both engines call :func:`scored_estimates` and :func:`with_unproposed`
through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.core.logging import get_logger
from ketenmonitor.linkage.blocking import BlockingPlan
from ketenmonitor.linkage.splink_model import UNIQUE_ID, ModelConfig
from ketenmonitor.linkage.unproposed import METHOD as UNPROPOSED_METHOD
from ketenmonitor.linkage.unproposed import estimate_unproposed

log = get_logger(__name__)
RECALL_SCORED_ONLY = "voorgestelde_paren"  # recall over the proposed pairs only (no sample)


@dataclass(frozen=True)
class Estimates:
    """The model's own error estimates over the scored pairs (see the module docstring)."""

    scored: int
    matched: int
    precision: float | None
    inside: float  # expected matches inside persons (sum of their match probabilities)
    total: float  # expected matches among all scored pairs

    def recall(self, unproposed: float = 0.0) -> float | None:
        """Recall, with ``unproposed`` expected matches among pairs no rule proposed."""
        denominator = self.total + unproposed
        return self.inside / denominator if denominator > 0 else None


def scored_estimates(con: duckdb.DuckDBPyConnection, predictions: str, clusters: pa.Table
                     ) -> Estimates:
    """:class:`Estimates` of the pairs in ``predictions`` under the persons in ``clusters``."""
    con.register("_clusters", clusters)
    row = con.execute(f"""
    SELECT count(*), count(*) FILTER (WHERE a.cluster = b.cluster),
           avg(p.match_probability) FILTER (WHERE a.cluster = b.cluster),
           coalesce(sum(p.match_probability) FILTER (WHERE a.cluster = b.cluster), 0),
           coalesce(sum(p.match_probability), 0)
    FROM {predictions} p
    JOIN _clusters a ON a.rid = p.{UNIQUE_ID}_l JOIN _clusters b ON b.rid = p.{UNIQUE_ID}_r
    """).fetchall()[0]
    con.unregister("_clusters")
    return Estimates(int(row[0]), int(row[1]), None if row[2] is None else float(row[2]),
                     float(row[3]), float(row[4]))


@dataclass(frozen=True)
class UnproposedRecall:
    """The recall with the sampled pairs that no blocking rule proposes."""

    recall: float | None
    expected_matches: float  # expected true pairs among the unproposed pairs
    standard_error: float  # of expected_matches, from the sampling alone
    interval: tuple[float, float] | None  # 95 % of the recall

    def result_fields(self) -> dict[str, Any]:
        """The fields of :class:`ketenmonitor.linkage.scoring.ScoreResult` this estimate sets."""
        return {"estimated_recall": self.recall, "unproposed_matches": self.expected_matches,
                "recall_method": UNPROPOSED_METHOD,
                "unproposed_standard_error": self.standard_error, "recall_interval": self.interval}


def unproposed_recall(con: duckdb.DuckDBPyConnection, model: dict[str, Any], plan: BlockingPlan,
                      estimates: Estimates, clusters: pa.Table, config: ModelConfig
                      ) -> UnproposedRecall | None:
    """The recall estimate with the expected matches among the pairs no rule proposes (None when
    no sample could be drawn)."""
    found = estimate_unproposed(con, model, plan, config.u_max_pairs, config.seed)
    if found is None:
        return None
    low, high = found.interval()
    recall_low, recall_high = estimates.recall(high), estimates.recall(low)
    log.info("linkage_niet_voorgesteld", expected_matches=found.expected_matches,
             standard_error=found.standard_error, interval_95=(low, high),
             recall_interval_95=(recall_low, recall_high), sampled_pairs=found.sampled_pairs,
             fraction=found.fraction, dense_fraction=found.dense_fraction)
    interval = None if recall_low is None or recall_high is None else (recall_low, recall_high)
    return UnproposedRecall(estimates.recall(found.expected_matches), found.expected_matches,
                            found.standard_error, interval)


__all__ = ["RECALL_SCORED_ONLY", "UNPROPOSED_METHOD", "Estimates", "UnproposedRecall",
           "scored_estimates", "unproposed_recall"]
