# SPDX-License-Identifier: EUPL-1.2
"""Probabilistic linkage of all partners' betrokkene records into persons and households.

All records of all partners are deduplicated at once (one model, blocking across partners) on the
tokens of contract T, so no plain identifier is ever needed. The result goes into the same tables
the deterministic linkage writes, in one transaction, so derivations and publications need no
change:

- ``link_persoon(partner, bron_id, volgnummer, persoon_id, methode)`` with ``methode``
  'bsn_token' (shares its BSN token with another record of the person), 'probabilistisch' (joined
  by the model), 'enkelvoudig' (compared, matched nobody: a person seen once) or 'ongekoppeld'
  (too little identifying data to compare: no blocking rule applies);
- ``link_huishouden`` (see :mod:`ketenmonitor.linkage.households`);
- ``link_samenvatting`` (see :mod:`ketenmonitor.linkage.summary`);
- ``link_persoon_register``/``link_huishouden_register`` keep ids stable
  (:mod:`ketenmonitor.linkage.stable_ids`), ``link_model`` keeps the trained model for reuse.

Tokens are 32-byte HMACs; Splink gets 64-bit codes of them (DuckDB ``hash``), which joins and
compares several times faster. Two different tokens share a code with probability ~n²/2⁶⁵
(≈ 10⁻⁸ for a million distinct values), far below any linkage error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import duckdb
import pyarrow as pa

from ketenmonitor.core.linkage_fallback import NO_QUASI_IDENTIFIERS, TOO_FEW_TRAINING_PAIRS
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.settings import get_settings
from ketenmonitor.linkage.bloom_columns import split_filters
from ketenmonitor.linkage.deterministic import link_deterministic
from ketenmonitor.linkage.households import household_components
from ketenmonitor.linkage.model_store import load_model, store_model
from ketenmonitor.linkage.scoring import RecordHandoff, ScoreResult, score
from ketenmonitor.linkage.splink_model import (
    BLOCKING_COLUMNS,
    BLOOM_COLUMNS,
    TOKEN_COLUMNS,
    TRAINING_COLUMNS,
    TRAINING_WITHOUT_BSN,
    UNIQUE_ID,
    ModelConfig,
    signature,
)
from ketenmonitor.linkage.stable_ids import assign_stable_ids
from ketenmonitor.linkage.summary import LinkageSummary, write_summary

log = get_logger(__name__)
Scorer = Callable[..., ScoreResult]  # (RecordHandoff, config, stored_model, with_bsn=) -> ScoreResult

METHOD = "probabilistisch"
PERSON_REGISTER = "link_persoon_register"
HOUSEHOLD_REGISTER = "link_huishouden_register"
QUASI_IDENTIFIERS = ("voornaam_token", "initiaal_token", "achternaam_token", "geboortedatum_token")
# Fewer record pairs than this under an EM training rule cannot estimate the m probabilities: with
# no stored model either, the linkage falls back to BSN only and records why (docs/afleidingen.md).
MIN_TRAINING_PAIRS = 100


def _present(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns "
                       "WHERE table_name = 'betrokkene' AND table_schema = 'main'").fetchall()
    return {r[0] for r in rows}


def _has_quasi_identifiers(con: duckdb.DuckDBPyConnection, present: set[str]) -> bool:
    columns = [c for c in QUASI_IDENTIFIERS if c in present]
    if not columns:
        return False
    condition = " OR ".join(f"{c} IS NOT NULL" for c in columns)
    return bool(con.execute(f"SELECT count(*) FROM betrokkene WHERE {condition}").fetchall()[0][0])


def _enough_pairs(con: duckdb.DuckDBPyConnection, present: set[str],
                  groups: tuple[tuple[str, ...], ...]) -> bool:
    """Enough record pairs under every EM training rule to estimate the m probabilities."""
    for group in groups:
        if not set(group) <= present:
            return False
        keys = ", ".join(group)
        condition = " AND ".join(f"{c} IS NOT NULL" for c in group)
        pairs = con.execute(f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*) AS n "
                            f"FROM betrokkene WHERE {condition} GROUP BY {keys})").fetchall()[0][0]
        if pairs < MIN_TRAINING_PAIRS:
            return False
    return True


def _training_plan(con: duckdb.DuckDBPyConnection, present: set[str]) -> bool | None:
    """True: train with the BSN rules; False: train without BSN; None: cannot train."""
    if _enough_pairs(con, present, TRAINING_COLUMNS):
        return True
    if _enough_pairs(con, present, TRAINING_WITHOUT_BSN):
        return False
    return None


def _use_bloom(con: duckdb.DuckDBPyConnection, present: set[str], config: ModelConfig) -> bool:
    columns = [c for c in BLOOM_COLUMNS if c in present]
    if not config.bloom or not columns:
        return False
    query = "SELECT count(*) FROM betrokkene WHERE " + " OR ".join(
        f"{c} IS NOT NULL" for c in columns)
    return bool(con.execute(query).fetchall()[0][0])


def _blockable(present: set[str]) -> str:
    """:func:`splink_model.blockable_sql` on ``betrokkene``, where a missing column is NULL."""
    groups = [g for g in BLOCKING_COLUMNS if set(g) <= present]
    return " OR ".join("(" + " AND ".join(f"{c} IS NOT NULL" for c in g) + ")"
                       for g in groups) or "false"


def _prepare_records(con: duckdb.DuckDBPyConnection, present: set[str], bloom: bool) -> pa.Table:
    """TEMP table ``_lp_records`` (keys, blockable) and the Arrow input for Splink.

    The record ids are numbered on the keys alone (sorting the tokens and 64-byte filters along
    would move hundreds of megabytes at a million records); the codes and filters are read in one
    streaming pass joined on the row id, straight into Arrow."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _lp_records AS
    SELECT row_number() OVER (ORDER BY partner, bron_id, volgnummer) AS {UNIQUE_ID},
           rowid AS source_row, partner, bron_id, volgnummer, bsn_token AS bsn_raw,
           {_blockable(present)} AS blockable
    FROM betrokkene
    """)
    codes = ", ".join(
        f"CASE WHEN b.{c} IS NULL THEN NULL ELSE hash(b.{c}) END AS {c}" if c in present
        else f"NULL::UBIGINT AS {c}" for c in TOKEN_COLUMNS
    )
    extra = "".join(f", b.{c}" if c in present else f", NULL::BLOB AS {c}"
                    for c in BLOOM_COLUMNS) if bloom else ""
    records = con.sql(f"""
    SELECT r.{UNIQUE_ID}, {codes}, nullif(b.geslacht, '') AS geslacht{extra}
    FROM _lp_records r JOIN betrokkene b ON b.rowid = r.source_row ORDER BY r.{UNIQUE_ID}
    """).to_arrow_table()
    return split_filters(records, BLOOM_COLUMNS) if bloom else records


_PERSON_CLUSTERS = f"""
CREATE OR REPLACE TEMP TABLE _lp_persons AS
WITH c AS (
  SELECT r.partner, r.bron_id, r.volgnummer, r.bsn_raw, r.blockable, k.cluster
  FROM _lp_records r JOIN _lp_clusters k ON k.rid = r.{UNIQUE_ID}
)
SELECT partner, bron_id, volgnummer, cluster,
  CASE WHEN count(*) OVER (PARTITION BY cluster) = 1
         THEN CASE WHEN blockable THEN 'enkelvoudig' ELSE 'ongekoppeld' END
       WHEN bsn_raw IS NOT NULL AND count(*) OVER (PARTITION BY cluster, bsn_raw) > 1
         THEN 'bsn_token'
       ELSE '{METHOD}' END AS methode
FROM c
"""


def _write_tables(con: duckdb.DuckDBPyConnection, run_at: datetime) -> None:
    persons = assign_stable_ids(con, "_lp_persons", PERSON_REGISTER, "persoon_id", "P", run_at)
    con.execute(f"""
    CREATE OR REPLACE TABLE link_persoon AS
    SELECT p.partner, p.bron_id, p.volgnummer, s.persoon_id, p.methode
    FROM _lp_persons p JOIN {persons} s USING (partner, bron_id, volgnummer)
    """)
    households = household_components(con, "_lp_persons", "betrokkene")
    ids = assign_stable_ids(con, households, HOUSEHOLD_REGISTER, "huishouden_id", "H", run_at)
    con.execute(f"""
    CREATE OR REPLACE TABLE link_huishouden AS
    SELECT h.partner, h.bron_id, h.volgnummer, s.huishouden_id, h.methode
    FROM {households} h JOIN {ids} s USING (partner, bron_id, volgnummer)
    """)


# The warehouse's memory limit while Splink scores in its own database: the warehouse is idle
# then, and without this its buffer pool keeps the pages of the just-loaded deliveries (up to its
# whole limit) next to Splink's. Lowering the limit makes DuckDB drop them (they are on disk).
IDLE_WAREHOUSE_MEMORY = "256MB"


@contextmanager
def _warehouse_idle(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The warehouse's cached pages released while the block runs; after it, the limit of the
    settings again (what ``warehouse.connect`` sets: DuckDB reports the current limit only
    rounded, so reading it back and restoring that would shrink it run by run)."""
    limit = get_settings().memory_limit
    try:
        con.execute(f"SET memory_limit = '{IDLE_WAREHOUSE_MEMORY}'")
    except duckdb.Error as error:  # pinned pages that cannot go: keep the limit as it is
        log.debug("linkage_warehouse_memory_kept", reason=str(error))
        yield
        return
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = '{limit}'")


_COUNT_NAMES = ("records", "linked_records", "unlinked_records", "persons", "households",
                "probabilistic_records", "single_records")


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.execute("""
    SELECT count(*),
           count(*) FILTER (WHERE methode IN ('bsn_token', 'probabilistisch')),
           count(*) FILTER (WHERE methode = 'ongekoppeld'),
           count(DISTINCT persoon_id) FILTER (WHERE methode <> 'ongekoppeld'),
           (SELECT count(DISTINCT huishouden_id) FROM link_huishouden
             WHERE methode <> 'ongekoppeld'),
           count(*) FILTER (WHERE methode = 'probabilistisch'),
           count(*) FILTER (WHERE methode = 'enkelvoudig')
    FROM link_persoon
    """).fetchall()[0]
    return {name: int(value) for name, value in zip(_COUNT_NAMES, row, strict=True)}


def link_probabilistic(con: duckdb.DuckDBPyConnection, config: ModelConfig | None = None, *,
                       retrain: bool = False, run_at: datetime | None = None,
                       scorer: Scorer = score) -> LinkageSummary:
    """Link ``betrokkene`` into persons and households; reuse the stored model unless ``retrain``.

    ``scorer`` runs Splink: :func:`scoring.score` on DuckDB; an engine passes its own
    (``ketenmonitor.engine``: the Spark engine scores with Splink on Spark).

    Falls back to the deterministic BSN linkage (``method`` says so in the summary and report)
    when no record carries name or date-of-birth tokens (only schema 1.0 deliveries), or when
    there is no stored model and too few record pairs to train one.
    """
    config = config or ModelConfig()
    run_at = run_at or datetime.now()
    present = _present(con)
    if not _has_quasi_identifiers(con, present):
        log.warning("linkage_fallback_bsn", reason=NO_QUASI_IDENTIFIERS)
        return link_deterministic(con, fallback_reason=NO_QUASI_IDENTIFIERS)
    config = ModelConfig(**{**config.__dict__, "bloom": _use_bloom(con, present, config)})
    model_signature = signature(config)
    stored = None if retrain else load_model(con, model_signature)
    with_bsn = _training_plan(con, present)
    if stored is None and with_bsn is None:
        log.warning("linkage_fallback_bsn", reason=TOO_FEW_TRAINING_PAIRS,
                    min_training_pairs=MIN_TRAINING_PAIRS)
        return link_deterministic(con, fallback_reason=TOO_FEW_TRAINING_PAIRS,
                                  min_training_pairs=MIN_TRAINING_PAIRS)
    records = RecordHandoff(_prepare_records(con, present, config.bloom))
    with _warehouse_idle(con):
        result = scorer(records, config, stored, with_bsn=with_bsn is not False)
    del records
    con.register("_lp_clusters", result.clusters)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_PERSON_CLUSTERS)
        _write_tables(con, run_at)
        counts = _counts(con)
        summary = LinkageSummary(
            METHOD, **counts, match_threshold=config.match_threshold,
            estimated_precision=result.estimated_precision,
            estimated_recall=result.estimated_recall, model=result.model,
            blocking=result.blocking.to_json() if result.blocking else None,
            fallback_reason=None,
            estimated_unproposed_matches=result.unproposed_matches,
            recall_method=result.recall_method,
            estimated_unproposed_standard_error=result.unproposed_standard_error,
            estimated_recall_low=result.recall_interval[0] if result.recall_interval else None,
            estimated_recall_high=result.recall_interval[1] if result.recall_interval else None,
        )
        write_summary(con, summary)
        if result.trained:
            store_model(con, model_signature, result.model, run_at)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_lp_clusters")
        con.execute("DROP TABLE IF EXISTS _lp_records")
        con.execute("DROP TABLE IF EXISTS _lp_persons")
    log.info("linkage_done", **summary.log_fields())
    return summary
