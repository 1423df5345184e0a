# SPDX-License-Identifier: EUPL-1.2
"""One Splink run: score the blocked record pairs, cluster them into persons, estimate the errors.

Splink works in its own in-memory DuckDB connection, never in the warehouse: its many
intermediate tables stay out of the warehouse file, and the warehouse connection is never left
with a half-read result (the DuckDB ``ResourceInUseException`` pitfall). The input is an Arrow
table of 64-bit codes of the tokens (see :mod:`ketenmonitor.linkage.probabilistic`); the output is
one person cluster per record id, plus the error estimates and the model.

Prediction follows the blocking plan (:mod:`ketenmonitor.linkage.blocking`): the pairs its rules
propose are made once in SQL (:func:`ketenmonitor.linkage.pair_filter.blocked_pairs_sql`, far
cheaper than Splink's own blocking, the same pairs) and scored in chunks of about 40 million
pairs; it keeps only pairs with a match weight of at least
:data:`PREDICTION_FLOOR_WEIGHT`: nationally most blocked pairs are clear non-matches, and keeping
them all would need gigabytes for nothing (a pair under the floor has a match probability below
3·10⁻⁸, even after λ refinement moves it tenfold).

Error estimates come from the model's own match probabilities over the kept pairs: precision =
mean match probability of the pairs that ended up in one person; recall = the expected matches
inside persons (sum of their probabilities) over the expected matches among all kept pairs plus
those among the pairs no blocking rule proposes, estimated from a scored random sample of them
(:mod:`ketenmonitor.linkage.unproposed`; scored with Splink on DuckDB, also for the Spark engine,
whose driver holds the records anyway); the estimates are computed in
:mod:`ketenmonitor.linkage.estimates`. :func:`decide` holds these
decisions once for both engines (``spark_backend`` calls it on the pairs Spark scored).
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, TypeAlias

import duckdb
import numpy as np
import pyarrow as pa
from splink import DuckDBAPI, Linker

from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.settings import get_settings
from ketenmonitor.linkage import bloom_columns, splink_model
from ketenmonitor.linkage.blocking import CHUNK_PAIRS, BlockingPlan, plan_blocking
from ketenmonitor.linkage.clustering import constrained_clusters, groups_from_columns
from ketenmonitor.linkage.estimates import (
    RECALL_SCORED_ONLY,
    Estimates,
    scored_estimates,
    unproposed_recall,
)
from ketenmonitor.linkage.pair_filter import blocked_pairs_sql, scored_rule_dicts
from ketenmonitor.linkage.splink_model import UNIQUE_ID, ModelConfig

log = get_logger(__name__)
PREDICTION_FLOOR_WEIGHT = -25.0


def _round_lambda(value: float) -> float:
    return float(f"{value:.10g}")


@dataclass(frozen=True)
class ScoreResult:
    clusters: pa.Table  # (rid BIGINT, cluster BIGINT)
    scored_pairs: int  # pairs kept (match weight >= PREDICTION_FLOOR_WEIGHT)
    matched_pairs: int
    refused_pairs: int
    estimated_precision: float | None
    estimated_recall: float | None
    model: str
    trained: bool
    blocking: BlockingPlan | None = None
    estimates: Estimates | None = None
    # Expected true pairs that no blocking rule proposes (a scored random sample of such pairs,
    # see ketenmonitor.linkage.unproposed), and how the recall estimate was made.
    unproposed_matches: float | None = None
    recall_method: str = RECALL_SCORED_ONLY
    unproposed_standard_error: float | None = None  # sampling error of unproposed_matches
    recall_interval: tuple[float, float] | None = None  # 95 % from that sampling error


class RecordHandoff:
    """The Arrow records for a scorer, handed over once: :meth:`take` leaves no reference behind.

    A caller that passes a bare table keeps it alive for the whole Splink run (CPython holds a
    call's arguments until it returns). Passed in a handoff, the DuckDB scorer copies the records
    into its database, within the memory limit that DuckDB keeps (spilling what does not fit),
    and the Arrow copy is freed: at a million records that is some 0.6 GB less at the peak."""

    def __init__(self, table: pa.Table) -> None:
        self._table: pa.Table | None = table
        self.num_rows = table.num_rows

    def take(self) -> pa.Table:
        if self._table is None:
            raise RuntimeError("records already taken")
        table, self._table = self._table, None
        return table


Records: TypeAlias = pa.Table | RecordHandoff


def take_records(records: Records) -> pa.Table:
    """The table of ``records`` (taken out of a :class:`RecordHandoff`)."""
    return records.take() if isinstance(records, RecordHandoff) else records


def _groups(con: duckdb.DuckDBPyConnection) -> None:
    """``_grp(rid, grp)``: records with one BSN token form one group (must-link)."""
    con.execute(f"""
    CREATE TABLE _grp AS
    SELECT {UNIQUE_ID} AS rid,
           CASE WHEN bsn_token IS NULL THEN {UNIQUE_ID}
                ELSE min({UNIQUE_ID}) OVER (PARTITION BY bsn_token) END AS grp
    FROM invoer
    """)


# A pair whose birth years may differ within one person (clustering.py): the same day and month
# (the year is the part that is wrong, a typo such as 1985/1958), or the same given name (also
# exchanged with the surname, or alike on the Bloom filter: a typo). Two wholly different dates
# with different years and only an initial or another given name are a parent and a child, or
# two siblings, far more often (issue 16: without BSNs such pairs merged family members of the
# synthetic region, precision 0.94).
YEAR_TYPO = ("l.geboortemaanddag_token = r.geboortemaanddag_token",
             "l.voornaam_token = r.voornaam_token", "l.naampaar_token = r.naampaar_token")
YEAR_TYPO_NAME_DICE = 0.65
# The name set only where both records have a given name (with initials only the set is the
# surname alone, so a father 'T.R.' would pass with a son written 'Waas, T.T.').
YEAR_TYPO_BLOOM = (("voornaam_bloom", YEAR_TYPO_NAME_DICE, None),
                   ("namen_bloom", splink_model.NAME_SET_DICE,
                    "l.achternaam_token <> r.achternaam_token AND l.voornaam_token IS NOT NULL "
                    "AND r.voornaam_token IS NOT NULL"))


def year_typo_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SQL on the records ``l`` and ``r`` of a pair: :data:`YEAR_TYPO`, with the Bloom levels
    when the records carry the filters."""
    columns = {r[0] for r in con.execute("DESCRIBE invoer").fetchall()}
    terms = list(YEAR_TYPO)
    for column, minimum, unless_shared in YEAR_TYPO_BLOOM:
        if bloom_columns.count_column(column) in columns:
            dice = re.sub(r"\b(\w+)_([lr])\b", r"\2.\1", bloom_columns.dice_sql(column, minimum))
            terms.append(f"({dice}) AND {unless_shared}" if unless_shared else dice)
    return " OR ".join(f"coalesce({t}, false)" for t in terms)


def _cluster(con: duckdb.DuckDBPyConnection, predictions: str, threshold: float
             ) -> tuple[pa.Table, int, int]:
    con.execute(f"""
    CREATE TABLE _pairs AS
    SELECT least(a.grp, b.grp) AS ga, greatest(a.grp, b.grp) AS gb, max(p.match_probability) AS p,
           bool_or({year_typo_sql(con)}) AS year_typo
    FROM {predictions} p
    JOIN _grp a ON a.rid = p.{UNIQUE_ID}_l JOIN _grp b ON b.rid = p.{UNIQUE_ID}_r
    JOIN invoer l ON l.{UNIQUE_ID} = p.{UNIQUE_ID}_l JOIN invoer r ON r.{UNIQUE_ID} = p.{UNIQUE_ID}_r
    WHERE p.match_probability >= {threshold} AND a.grp <> b.grp
    GROUP BY ALL
    """)
    pairs = con.execute("SELECT ga, gb, year_typo FROM _pairs ORDER BY p DESC, ga, gb"
                        ).fetchnumpy()
    rows = con.execute(f"""
    SELECT g.grp, list(DISTINCT i.bsn_token) FILTER (WHERE i.bsn_token IS NOT NULL),
           list(DISTINCT i.geboortejaar_token) FILTER (WHERE i.geboortejaar_token IS NOT NULL)
    FROM _grp g JOIN invoer i ON i.{UNIQUE_ID} = g.rid
    WHERE g.grp IN (SELECT ga FROM _pairs UNION SELECT gb FROM _pairs)
    GROUP BY g.grp
    """).fetchall()
    groups = groups_from_columns({"grp": [r[0] for r in rows], "bsn": [r[1] for r in rows],
                                  "years": [r[2] for r in rows]})
    result = constrained_clusters(groups, np.asarray(pairs["ga"], dtype=np.int64),
                                  np.asarray(pairs["gb"], dtype=np.int64),
                                  np.asarray(pairs["year_typo"], dtype=np.bool_))
    roots = pa.table({"grp": pa.array(list(result.root), pa.int64()),
                      "root": pa.array(list(result.root.values()), pa.int64())})
    con.register("_roots", roots)
    clusters = con.sql("""
    SELECT g.rid, coalesce(r.root, g.grp) AS cluster
    FROM _grp g LEFT JOIN _roots r USING (grp) ORDER BY g.rid
    """).to_arrow_table()
    con.unregister("_roots")
    return clusters, result.merged_pairs, result.refused_pairs


LAMBDA_FACTOR = 10.0  # the refined λ stays within this factor of the trained λ


def refine_lambda(con: duckdb.DuckDBPyConnection, predictions: str, prior: float, records: int,
                  iterations: int = 100, tolerance: float = 1e-6) -> float:
    """λ as the fixed point of λ = (sum of match probabilities of the scored pairs) / (all pairs).

    The λ of training comes from a deterministic rule and a guessed recall of that rule; this is
    the M-step of the Fellegi–Sunter EM for λ alone, on the model's own Bayes factors (pairs that
    no blocking rule proposes count as non-matches). Only the prior changes, so it is computed
    from ``match_weight`` without predicting again, on a histogram of the Bayes factors in steps
    of 0.01 bit (one pass over the pairs). The result stays within :data:`LAMBDA_FACTOR` of
    ``prior``: with only weak evidence among the scored pairs the fixed point can collapse
    towards zero, which would unlink everyone.
    """
    total = records * (records - 1) / 2
    if total <= 0:
        return prior
    prior_weight = math.log2(prior / (1 - prior))
    histogram = con.execute(
        f"SELECT round(match_weight - ?, 2) AS w, count(*) AS n FROM {predictions} GROUP BY w",
        [prior_weight]).fetchnumpy()
    factors = np.asarray(histogram["w"], dtype=np.float64)
    counts = np.asarray(histogram["n"], dtype=np.float64)
    low, high = prior / LAMBDA_FACTOR, min(prior * LAMBDA_FACTOR, 0.5)
    current = prior
    for _ in range(iterations):
        odds = current / (1 - current) * np.exp2(np.minimum(factors, 1000.0))
        updated = min(max(float((counts * odds / (1 + odds)).sum()) / total, low), high)
        converged = abs(updated - current) <= tolerance * current
        current = updated
        if converged:
            break
    if current in (low, high):
        log.warning("linkage_lambda_begrensd", trained=prior, refined=current)
    return current


def _reprice(con: duckdb.DuckDBPyConnection, predictions: str, prior: float, refined: float
             ) -> str:
    """The predictions with match probabilities under the refined λ (view ``_scored``: a copy
    of tens of millions of pairs would double the memory the predictions take)."""
    shift = math.log2(refined / (1 - refined)) - math.log2(prior / (1 - prior))
    con.execute(f"""
    CREATE VIEW _scored AS
    SELECT {UNIQUE_ID}_l, {UNIQUE_ID}_r, match_weight + {shift!r} AS match_weight,
           1.0 / (1.0 + pow(2.0, -(match_weight + {shift!r}))) AS match_probability
    FROM {predictions}
    """)
    return "_scored"


# Splink's database gets a memory budget per record (bounded by the settings' limit): with the
# limit alone (an eighth of memory, 2.9 GiB on a 24 GiB machine) it filled up to it at a million
# records, on top of the warehouse and the Arrow copies (issue 16.6: peak 4.4 GiB). What does not
# fit the budget spills to the temporary folder.
SPLINK_BYTES_PER_RECORD = 2048
SPLINK_MIN_MEMORY = 2**30
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def memory_bytes(limit: str) -> int | None:
    """Bytes of a DuckDB memory setting such as ``'2900MB'`` or ``'3 GiB'`` (None if unreadable)."""
    found = re.fullmatch(r"\s*([0-9.]+)\s*([a-zA-Z]*)\s*", limit)
    if not found or (found.group(2) or "b").lower() not in _UNITS:
        return None
    return int(float(found.group(1)) * _UNITS[(found.group(2) or "b").lower()])


def splink_memory_limit(records: int | None) -> str:
    """The settings' limit, lowered to :data:`SPLINK_BYTES_PER_RECORD` per record (at least
    :data:`SPLINK_MIN_MEMORY`)."""
    limit = get_settings().memory_limit
    ceiling = memory_bytes(limit)
    if records is None or ceiling is None:
        return limit
    budget = max(SPLINK_MIN_MEMORY, records * SPLINK_BYTES_PER_RECORD)
    return limit if budget >= ceiling else f"{budget // 2**20}MiB"


@contextmanager
def splink_connection(records: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Splink's own in-memory database, within :func:`splink_memory_limit` for ``records``. What
    does not fit spills to a private temporary folder (record-level codes: removed right after)."""
    with tempfile.TemporaryDirectory(prefix="ketenmonitor-koppeling-") as spill:
        con = duckdb.connect(":memory:", config={"temp_directory": spill,
                                                 "memory_limit": splink_memory_limit(records)})
        try:
            yield con
        finally:
            con.close()


def prediction_plan(con: duckdb.DuckDBPyConnection, config: ModelConfig,
                    table: str = "invoer") -> BlockingPlan:
    """The blocking plan for the records in ``table`` under ``config``'s pair budget."""
    return plan_blocking(con, table, splink_model.PREDICTION_BLOCKING, config.pairs_per_record,
                         config.min_block_pairs)


def prediction_settings(model: dict[str, Any], plan: BlockingPlan, dialect: str
                        ) -> dict[str, Any]:
    """The trained ``model`` with the plan's prediction rules (the stored model keeps its own),
    without the pairs of two records with a BSN token (:mod:`ketenmonitor.linkage.pair_filter`)."""
    return {**model, "blocking_rules_to_generate_predictions": scored_rule_dicts(plan, dialect)}


def decide(con: duckdb.DuckDBPyConnection, predictions: str, records: int,
           model: dict[str, Any], config: ModelConfig, trained: bool, plan: BlockingPlan | None,
           engine: str) -> ScoreResult:
    """λ refinement (after training), must-links, constrained clustering and the error estimates
    on the scored pairs in ``predictions`` (table with rid_l, rid_r, match_weight,
    match_probability) and the records in ``invoer``; the same on both engines."""
    if trained and config.refine_lambda:
        prior = float(model["probability_two_random_records_match"])
        refined = _round_lambda(refine_lambda(con, predictions, prior, records))
        predictions = _reprice(con, predictions, prior, refined)
        model["probability_two_random_records_match"] = refined
        log.info("linkage_lambda", trained=prior, refined=refined, engine=engine)
    _groups(con)
    clusters, merged, refused = _cluster(con, predictions, config.match_threshold)
    estimates = scored_estimates(con, predictions, clusters)
    log.info("linkage_scored", scored_pairs=estimates.scored, matched_pairs=estimates.matched,
             engine=engine, merged_group_pairs=merged, refused_pairs=refused, trained=trained)
    return ScoreResult(clusters, estimates.scored, estimates.matched, refused,
                       estimates.precision, estimates.recall(),
                       splink_model.model_json(model), trained=trained, blocking=plan,
                       estimates=estimates)


def with_unproposed(con: duckdb.DuckDBPyConnection, model: dict[str, Any], plan: BlockingPlan,
                     result: ScoreResult, config: ModelConfig) -> ScoreResult:
    """The recall estimate with the expected matches among the pairs no rule proposes
    (:func:`ketenmonitor.linkage.estimates.unproposed_recall`)."""
    if result.estimates is None:
        return result
    found = unproposed_recall(con, model, plan, result.estimates, result.clusters, config)
    if found is None:
        return result
    return replace(result, **found.result_fields())


BLOCKED_PAIRS = "_blokparen"


def _predict(con: duckdb.DuckDBPyConnection, api: DuckDBAPI, linker: Linker,
             plan: BlockingPlan) -> str:
    """Score the pairs of :func:`pair_filter.blocked_pairs_sql` in chunks of about
    :data:`blocking.CHUNK_PAIRS` pairs (by the left record id, so a chunk's records are few);
    the table of the pairs kept above :data:`PREDICTION_FLOOR_WEIGHT`."""
    con.execute(f"CREATE TABLE {BLOCKED_PAIRS} AS {blocked_pairs_sql(plan, 'invoer')}")
    pairs = int(con.execute(f"SELECT count(*) FROM {BLOCKED_PAIRS}").fetchall()[0][0])
    chunks = max(1, math.ceil(pairs / CHUNK_PAIRS))
    log.info("linkage_blokparen", pairs=pairs, chunks=chunks)
    if chunks == 1:
        predictions = _predict_registered(api, linker, BLOCKED_PAIRS)
    else:
        predictions = "_voorspeld"
        for chunk in range(chunks):
            con.execute(f"CREATE OR REPLACE TABLE _blokparen_deel AS FROM {BLOCKED_PAIRS} "
                        f"WHERE join_key_l % {chunks} = {chunk}")
            scored = _predict_registered(api, linker, "_blokparen_deel")
            con.execute(f"CREATE TABLE {predictions} AS FROM {scored}" if chunk == 0 else
                        f"INSERT INTO {predictions} BY NAME FROM {scored}")
            con.execute(f"DROP TABLE {scored}")
        con.execute("DROP TABLE _blokparen_deel")
    con.execute(f"DROP TABLE {BLOCKED_PAIRS}")
    return predictions


def _predict_registered(api: DuckDBAPI, linker: Linker, pairs: str) -> str:
    linker.table_management.register_blocked_pairs_for_predict(
        api.table_to_splink_dataframe(pairs, pairs))
    return linker.inference.predict(threshold_match_weight=PREDICTION_FLOOR_WEIGHT,
                                    warning_mode="never").physical_name


def _load_records(con: duckdb.DuckDBPyConnection, records: Records) -> int:
    """Table ``invoer`` in Splink's database from ``records``; the Arrow copy is let go."""
    table = take_records(records)
    con.register("_invoer_arrow", table)
    con.execute("CREATE TABLE invoer AS FROM _invoer_arrow")
    con.unregister("_invoer_arrow")
    rows = int(table.num_rows)
    del table
    return rows


def score(records: Records, config: ModelConfig, stored_model: str | None,
          with_bsn: bool = True) -> ScoreResult:
    """Train (or reuse ``stored_model``), predict, cluster and estimate on ``records``."""
    splink_model.quiet_splink()
    with splink_connection(records.num_rows) as con:
        api = DuckDBAPI(con)
        rows = _load_records(con, records)
        frame = api.register("invoer", table_name="invoer")
        plan = prediction_plan(con, config)
        if stored_model is None:
            bsn_share = con.execute(
                "SELECT avg((bsn_token IS NOT NULL)::INTEGER) FROM invoer").fetchall()[0][0]
            trainer = Linker(frame, splink_model.settings(config), log_level=None)
            model = splink_model.train(trainer, config, float(bsn_share or 0.0), with_bsn)
        else:
            model = json.loads(stored_model)
        linker = Linker(frame, prediction_settings(model, plan, "duckdb"), log_level=None)
        predictions = _predict(con, api, linker, plan)
        result = decide(con, predictions, rows, model, config,
                        trained=stored_model is None, plan=plan, engine="duckdb")
        result = with_unproposed(con, model, plan, result, config)
    if stored_model is not None:  # the stored text, byte for byte
        return replace(result, model=stored_model)
    return result
