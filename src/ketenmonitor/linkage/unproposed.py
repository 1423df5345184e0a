# SPDX-License-Identifier: EUPL-1.2
"""Expected true pairs that no blocking rule proposes, from a scored random sample of pairs.

The model's own recall estimate (sum of the match probabilities inside persons over the sum over
all scored pairs) cannot see pairs that blocking never proposes: on FEBRL4 it said 0.986 where the
measured recall was 0.976 (issue 16). So after scoring, the linkage draws a stratified random sample
of all record pairs, keeps those that no prediction rule of the plan proposes, scores them with
the same trained model (refined λ) and scales their summed match probability up by the sampling
fraction of its stratum: an unbiased estimate of the expected matches among the unproposed pairs,
which goes into the denominator of the recall.

Pairs of two records that both carry a BSN token are left out of the sample as they are left
out of prediction (:mod:`ketenmonitor.linkage.pair_filter`): the BSN decides them (the same token a
must-link, which the BSN rule always proposes; two different tokens a cannot-link), so they are
neither proposed nor missed. Before, the sample scored them when no rule proposed them while
prediction skipped those that a rule did propose: the denominator of the recall counted one part
of them and not the other.

The estimate is a stratified Horvitz–Thompson sum (ADR 0003). A uniform sample alone was
fragile: at 609k records each sampled pair stands for some 93,000 pairs, so one rare unproposed
pair that agrees on name or date of birth (a true pair with typos in just the fields the rules
block on) carried 29,000 expected misses in one seed and none in the next. So the unproposed
pairs are split in two strata:

- *dense*: pairs that agree on at least one of the :data:`DENSE_KEYS` (date of birth and its
  parts, name variants, address, postcode; cheap equality joins), sampled hundreds of times
  denser: this is where the unproposed true pairs are;
- *sparse*: all other pairs, sampled uniformly as before; their match probabilities are near zero.

Every record gets a bucket per stratum from a hash of its id, the seed and the stratum; a pair is
in a stratum's sample when its records share that bucket (one bucket per record, not per key, so
a pair agreeing on three keys is in the dense sample with the same probability ``1 / buckets`` as
one agreeing on one). Each stratum is scaled up by its own inverse probability: the sum is
unbiased. Pairs are in a sample pairwise independently (two pairs sharing a record are both in it
only if all three records share a bucket), so the variance is ``Σ (1 − f) / f² · p²`` over the
sampled pairs of both strata; the standard error and a normal 95 % interval (rough when few
sampled pairs carry the sum) are reported with the estimate.

Both samples are scored by Splink in one run. The pairs are those of a rule per key (same key
value and dense bucket) and one for the sparse stratum (same sparse bucket, no key shared), each
also requiring that no prediction rule holds; they are made here in SQL
(:func:`_sampled_pairs_sql`: joins on the record id, key and bucket only, no pairs of two BSN
tokens) and registered with Splink, which only scores them. Letting Splink block on those rules
itself gave the same pairs at about three times the CPU (15.7 against 5.2 s on the demo region,
most of it evaluating every earlier rule on each joined pair). Each stratum gets about half of
``max_pairs``; when a stratum has fewer pairs, all of them are in its sample and its part is
exact for the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from ketenmonitor.core.logging import get_logger
from ketenmonitor.linkage.blocking import BlockingPlan, rule_sql
from ketenmonitor.linkage.pair_filter import BSN_COLUMN
from ketenmonitor.linkage.splink_model import UNIQUE_ID

log = get_logger(__name__)
SAMPLE_TABLE = "invoer_steekproef"
BUCKET = "_steekproef"
NONE, SOME = "geen", "wel"  # strata: pairs agreeing on none or on some of the keys
STRATA = (NONE, SOME)
METHOD = "steekproef_niet_voorgestelde_paren"
CLUSTERS = "_steekproef_personen"
_NO_CLUSTERS = pa.table({"rid": pa.array([], pa.int64()), "cluster": pa.array([], pa.int64()),
                         "bsn": pa.array([], pa.bool_())})
FLOOR_WEIGHT = -25.0  # as for prediction: pairs below add less than 3·10⁻⁸ each
# The dense stratum: pairs agreeing on one of these (those present in the records). Every token
# that alone says much (parts of the date of birth, name variants, address), so that pairs
# agreeing on none of them have match probabilities near zero.
DENSE_KEYS = ("geboortedatum_token", "geboortedatum_wissel_token", "geboortejaarmaand_token",
              "geboortemaanddag_token", "geboortejaardag_token", "achternaam_token",
              "achternaam2_token", "achternaam_fonetisch_token", "voornaam_token",
              "voornamen_token", "naampaar_token", "adres_token", "postcode_token")


@dataclass(frozen=True)
class Stratum:
    fraction: float  # probability that a pair of the stratum is in the sample
    found: float  # sum of the match probabilities of its sampled pairs
    squares: float  # sum of their squares
    # The same over the sampled pairs whose records ended up in one person (cluster), and their
    # number (all of them, also those under the scoring floor).
    inside: float = 0.0
    inside_squares: float = 0.0
    inside_pairs: int = 0


@dataclass(frozen=True)
class Unproposed:
    expected_matches: float  # expected true pairs among the pairs no rule proposes
    sampled_pairs: int  # all pairs in the samples (proposed or not)
    fraction: float  # sampling probability of the sparse stratum (pairs agreeing on no key)
    standard_error: float = 0.0  # of expected_matches, from the sampling alone
    dense_fraction: float = 0.0  # that of pairs agreeing on some key (0: no such stratum)
    strata: tuple[Stratum, ...] = ()  # the sums per stratum (for estimates over clusters)

    @property
    def inside_matches(self) -> float:
        """Expected true pairs among the unproposed pairs whose records share a person."""
        return sum(s.inside / s.fraction for s in self.strata)

    @property
    def inside_pairs(self) -> float:
        """Expected number of unproposed pairs whose records share a person."""
        return sum(s.inside_pairs / s.fraction for s in self.strata)

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """Normal interval of ``expected_matches`` (95 % by default), not below zero."""
        return (max(0.0, self.expected_matches - z * self.standard_error),
                self.expected_matches + z * self.standard_error)


def stratified(strata: list[Stratum]) -> tuple[float, float]:
    """Horvitz–Thompson estimate and standard error of the summed match probability over all
    pairs of the strata, from independent per-pair samples (``fraction`` > 0)."""
    estimate = sum(s.found / s.fraction for s in strata)
    variance = sum((1 - s.fraction) * s.squares / s.fraction**2 for s in strata)
    return estimate, math.sqrt(max(0.0, variance))


def _proposed_sql(plan: BlockingPlan) -> str:
    """SQL on ``l`` and ``r``: some prediction rule of the plan proposes the pair."""
    rules = [f"({rule_sql(columns)})" for columns in plan.columns]
    return f"coalesce({' OR '.join(rules)}, false)" if rules else "false"


def _group_pairs(con: duckdb.DuckDBPyConnection, keys: str, where: str = "true") -> int:
    return int(con.execute(
        f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n "
        f"FROM {SAMPLE_TABLE} WHERE {where} GROUP BY {keys})").fetchall()[0][0])


def _bucket(seed: int, stratum: str) -> str:
    """SQL: a hash of the record id mixed with the seed and the stratum. Not ``hash(id, seed)``:
    DuckDB combines the hashes of its arguments so that the low bits barely depend on the seed
    (with two buckets, seeds 0 and 2 drew the same sample)."""
    return f"hash(xor(hash({UNIQUE_ID}), hash({int(seed)}, '{stratum}')))"


def _agrees(keys: list[str]) -> str:
    """SQL on ``l`` and ``r``: the pair agrees on at least one of ``keys``."""
    return " OR ".join(f"coalesce(l.{k} = r.{k}, false)" for k in keys) or "false"


def _sampled_pairs_sql(plan: BlockingPlan, keys: list[str]) -> str:
    """``SELECT match_key, join_key_l, join_key_r``: every pair of the two samples of
    :data:`SAMPLE_TABLE` that no prediction rule proposes and that does not have two BSN tokens,
    once (``join_key_l < join_key_r``); ``match_key`` is the first key the pair agrees on (its
    index in ``keys``), or ``len(keys)`` for the sparse stratum.

    The same pairs as Splink's own blocking on one rule per key (same key value and dense bucket)
    and one for the sparse stratum (same sparse bucket, no key shared), each requiring that no
    prediction rule holds, for a fraction of the work: Splink joins every rule on whole records,
    pairs of two BSN tokens included, and drops what an earlier rule made by evaluating every
    earlier rule, prediction rules and all, on each joined pair (some 14 s CPU on the demo
    region). Here the joins carry only the record id, the key and the bucket; as in
    :func:`ketenmonitor.linkage.pair_filter.blocked_pairs_sql`, a record with a BSN token is
    joined only with records without one; a pair made by several keys keeps the first; and the
    prediction rules are evaluated once per pair that is left."""
    parts = []
    for index, key in enumerate([*keys, None]):
        bucket = f"{BUCKET}_{SOME if key else NONE}"
        columns = f"{UNIQUE_ID}, {bucket}" + (f", {key}" if key else "")
        present = f" AND {key} IS NOT NULL" if key else ""
        on = (f"l.{bucket} = r.{bucket} AND l.{UNIQUE_ID} < r.{UNIQUE_ID}"
              + (f" AND l.{key} = r.{key}" if key else ""))
        everyone = f"(SELECT {columns} FROM {SAMPLE_TABLE} WHERE true{present})"
        without = f"(SELECT {columns} FROM {SAMPLE_TABLE} WHERE {BSN_COLUMN} IS NULL{present})"
        with_bsn = (f"(SELECT {columns} FROM {SAMPLE_TABLE} "
                    f"WHERE {BSN_COLUMN} IS NOT NULL{present})")
        parts += [f"SELECT {index}::SMALLINT AS match_key, l.{UNIQUE_ID} AS id_l, "
                  f"r.{UNIQUE_ID} AS id_r FROM {left} l JOIN {right} r ON {on}"
                  for left, right in ((without, everyone), (with_bsn, without))]
    return f"""
    WITH candidates AS ({" UNION ALL ".join(parts)}),
    pairs AS (SELECT min(match_key) AS match_key, id_l, id_r FROM candidates GROUP BY ALL)
    SELECT p.match_key, p.id_l AS join_key_l, p.id_r AS join_key_r
    FROM pairs p
    JOIN {SAMPLE_TABLE} l ON l.{UNIQUE_ID} = p.id_l
    JOIN {SAMPLE_TABLE} r ON r.{UNIQUE_ID} = p.id_r
    WHERE NOT {_proposed_sql(plan)} AND (p.match_key < {len(keys)} OR NOT ({_agrees(keys)}))
    """


def _same_cluster_sql(left: str, right: str) -> str:
    return (f"LEFT JOIN {CLUSTERS} ca ON ca.rid = {left} LEFT JOIN {CLUSTERS} cb "
            f"ON cb.rid = {right}")


def estimate_unproposed(con: duckdb.DuckDBPyConnection, model: dict[str, Any],
                        plan: BlockingPlan, max_pairs: float, seed: int,
                        table: str = "invoer", clusters: pa.Table | None = None
                        ) -> Unproposed | None:
    """Score a stratified random sample of the pairs of ``table`` that ``plan`` does not propose.

    With ``clusters`` (``rid``, ``cluster``: the persons the linkage made; ``bsn``: the person
    carries a BSN token), the sums per stratum also count the sampled pairs whose two records
    ended up in one person (joined through other records): those are found, not missed; and a
    pair across two persons that both carry a BSN token is left out, as the BSN tokens decide it
    (:mod:`ketenmonitor.linkage.estimates`)."""
    records = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    total = records * (records - 1) / 2
    if total <= 0:
        return None
    present = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    keys = [key for key in DENSE_KEYS if key in present]
    budget = max(max_pairs / 2 if keys else max_pairs, 1.0)
    con.execute(f"CREATE OR REPLACE VIEW {SAMPLE_TABLE} AS SELECT * FROM {table}")
    # An upper bound of the dense stratum (a pair agreeing on two keys counts twice).
    some = sum(_group_pairs(con, key, f"{key} IS NOT NULL") for key in keys)
    buckets = {stratum: max(1, round(size / budget))
               for stratum, size in ((NONE, total), (SOME, some))}
    # A view, not a copy of every record (0.6 GB at a million records): the buckets are hashes.
    con.execute(f"""
    CREATE OR REPLACE VIEW {SAMPLE_TABLE} AS
    SELECT *, {", ".join(f"{_bucket(seed, stratum)} % {buckets[stratum]} AS {BUCKET}_{stratum}"
                         for stratum in STRATA)}
    FROM {table}
    """)
    sampled = _group_pairs(con, f"{BUCKET}_{NONE}") + sum(
        _group_pairs(con, f"{key}, {BUCKET}_{SOME}", f"{key} IS NOT NULL") for key in keys)
    if sampled == 0:
        return Unproposed(0.0, 0, 0.0)
    pairs = f"{SAMPLE_TABLE}_paren"
    con.execute(f"CREATE OR REPLACE TABLE {pairs} AS {_sampled_pairs_sql(plan, keys)}")
    con.register(CLUSTERS, clusters if clusters is not None else _NO_CLUSTERS)
    # Sampled pairs inside one person, per rule: counted before scoring, so that pairs under the
    # floor count too (for the precision).
    inside_pairs = dict(con.execute(
        f"SELECT CAST(match_key AS INTEGER), count(*) FROM {pairs} p "
        f"{_same_cluster_sql('p.join_key_l', 'p.join_key_r')} "
        f"WHERE ca.cluster = cb.cluster GROUP BY ALL").fetchall())
    # One rule per key and one for the sparse stratum, as the pairs' match_key says; Splink
    # scores the registered pairs and does no blocking of its own.
    rules = [(SOME, f"l.{key} = r.{key} AND l.{BUCKET}_{SOME} = r.{BUCKET}_{SOME}")
             for key in keys]
    rules.append((NONE, f"l.{BUCKET}_{NONE} = r.{BUCKET}_{NONE} AND NOT ({_agrees(keys)})"))
    api = DuckDBAPI(con)
    frame = api.register(SAMPLE_TABLE, table_name=f"{SAMPLE_TABLE}_splink")
    linker = Linker(frame, {**model, "blocking_rules_to_generate_predictions": [
        {"blocking_rule": rule, "sql_dialect": "duckdb"} for _, rule in rules]}, log_level=None)
    linker.table_management.register_blocked_pairs_for_predict(
        api.table_to_splink_dataframe(pairs, pairs))
    predictions = linker.inference.predict(threshold_match_weight=FLOOR_WEIGHT,
                                           warning_mode="never").physical_name
    con.execute(f"DROP TABLE {pairs}")
    # match_key: the index of the rule (key, or the sparse stratum) that made the pair.
    same = "coalesce(ca.cluster = cb.cluster, false)"
    rows = con.execute(
        f"SELECT CAST(match_key AS INTEGER), coalesce(sum(match_probability), 0), "
        f"coalesce(sum(match_probability ^ 2), 0), "
        f"coalesce(sum(match_probability) FILTER (WHERE {same}), 0), "
        f"coalesce(sum(match_probability ^ 2) FILTER (WHERE {same}), 0) FROM {predictions} p "
        f"{_same_cluster_sql(f'p.{UNIQUE_ID}_l', f'p.{UNIQUE_ID}_r')} "
        f"WHERE NOT coalesce(ca.cluster <> cb.cluster AND ca.bsn AND cb.bsn, false) "
        f"GROUP BY ALL").fetchall()
    con.unregister(CLUSTERS)
    sums: dict[str, list[float]] = {stratum: [0.0] * 5 for stratum in STRATA}
    for key, *values in rows:
        for index, value in enumerate(values):
            sums[rules[key][0]][index] += float(value)
    for key, count in inside_pairs.items():
        sums[rules[key][0]][4] += int(count)
    strata = tuple(Stratum(1 / buckets[stratum], found=sums[stratum][0],
                           squares=sums[stratum][1], inside=sums[stratum][2],
                           inside_squares=sums[stratum][3], inside_pairs=int(sums[stratum][4]))
                   for stratum in STRATA)
    estimate, error = stratified(list(strata))
    log.info("linkage_niet_voorgesteld_lagen", keys=keys, buckets=buckets,
             per_stratum={stratum: sums[stratum][0] * buckets[stratum] for stratum in STRATA},
             inside_per_stratum={stratum: sums[stratum][2] * buckets[stratum]
                                 for stratum in STRATA})
    return Unproposed(estimate, sampled, 1 / buckets[NONE], error,
                      1 / buckets[SOME] if keys else 0.0, strata)
