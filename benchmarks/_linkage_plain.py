# SPDX-License-Identifier: EUPL-1.2
"""The reference of the linkage benchmark: Splink 5 on plain identifiers.

Names with Jaro-Winkler levels, the date of birth with swap and Damerau-Levenshtein levels, the
address with exact and near-equal postcode, BSN (elfproef checked, as the pseudonymisation does)
and sex; the same information the tokens carry, compared on the plain strings. Reads only
``plain.parquet``; clusters with Splink's connected components or, for comparison, with the token
linkage's constrained clustering.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

_TUSSENVOEGSELS = ("van", "der", "den", "de", "ter", "ten", "te", "het", "t", "in", "op", "vd",
                   "la", "le", "du", "von", "da", "del", "dos", "el", "al", "uit", "aan", "bij", "d")
_PLAIN_CLEAN = f"""
CREATE TABLE schoon AS
WITH raw AS (
  SELECT unique_id,
    lower(strip_accents(coalesce(voornamen, ''))) AS vn,
    lower(strip_accents(concat_ws(' ', tussenvoegsel, achternaam))) AS an,
    geboortedatum, geslacht, postcode, huisnummer, huisnummer_toevoeging, bsn
  FROM read_parquet(?)
), parts AS (
  SELECT *,
    length(regexp_replace(split_part(trim(vn), ' ', 1), '[^a-z]', '', 'g')) <= 1
      OR regexp_matches(vn, '^\\s*([a-z]\\.\\s*)+$') AS initialen,
    list_filter(string_split(regexp_replace(regexp_replace(an, '[^a-z\\- ]', '', 'g'), '-', ' ',
                                            'g'), ' '),
                lambda x: x <> '' AND NOT list_contains({list(_TUSSENVOEGSELS)}, x)) AS delen
  FROM raw
)
SELECT unique_id,
  CASE WHEN NOT initialen
       THEN nullif(regexp_replace(split_part(trim(vn), ' ', 1), '[^a-z]', '', 'g'), '') END
    AS voornaam,
  nullif(left(regexp_replace(vn, '[^a-z]', '', 'g'), 1), '') AS initiaal,
  delen[1] AS achternaam1,
  CASE WHEN len(delen) > 1 THEN delen[-1] END AS achternaam2,
  CASE WHEN regexp_full_match(geboortedatum, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
       THEN geboortedatum END AS geboortedatum,
  nullif(upper(regexp_replace(postcode, '\\s', '', 'g')), '') AS postcode,
  nullif(regexp_replace(upper(concat(huisnummer, huisnummer_toevoeging)), '[^A-Z0-9]', '', 'g'),
         '') AS huisnummer,
  CASE WHEN regexp_full_match(b9, '[0-9]{{9}}') AND b9 <> '000000000'
        AND ({" + ".join(f"{w} * (ascii(b9[{i + 1}]) - 48)"
                         for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2, -1)))}) % 11 = 0
       THEN b9 END AS bsn,
  CASE WHEN geslacht IN ('M', 'V') THEN geslacht END AS geslacht
FROM (SELECT *, lpad(ltrim(regexp_replace(coalesce(bsn, ''), '[^0-9]', '', 'g'), '0'), 9, '0')
                AS b9 FROM parts)
"""


def plain_settings() -> Any:
    """Names with Jaro-Winkler levels, DOB with swap and typo levels, address, BSN (elfproef
    checked, as the pseudonymisation does), sex; term frequencies on the exact name levels. The
    same information the tokens carry, compared fuzzily."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    def custom(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label)

    dob_l, dob_r = "geboortedatum_l", "geboortedatum_r"
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.CustomComparison(output_column_name="voornaam", comparison_levels=[
                custom("initiaal_l IS NULL OR initiaal_r IS NULL", "leeg").configure(
                    is_null_level=True),
                cll.ExactMatchLevel("voornaam", term_frequency_adjustments=True),
                cll.JaroWinklerLevel("voornaam", 0.92), cll.JaroWinklerLevel("voornaam", 0.80),
                cll.ExactMatchLevel("initiaal"), cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="achternaam", comparison_levels=[
                cll.NullLevel("achternaam1"),
                cll.ExactMatchLevel("achternaam1", term_frequency_adjustments=True),
                custom("achternaam1_l = achternaam2_r OR achternaam2_l = achternaam1_r "
                       "OR achternaam2_l = achternaam2_r", "ander deel van dubbele naam"),
                cll.JaroWinklerLevel("achternaam1", 0.92),
                cll.JaroWinklerLevel("achternaam1", 0.80), cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="geboortedatum", comparison_levels=[
                cll.NullLevel("geboortedatum"), cll.ExactMatchLevel("geboortedatum"),
                custom(f"substr({dob_l}, 1, 4) = substr({dob_r}, 1, 4) AND substr({dob_l}, 6, 2)"
                       f" = substr({dob_r}, 9, 2) AND substr({dob_l}, 9, 2) = substr({dob_r}, 6, 2)",
                       "dag en maand verwisseld"),
                cll.DamerauLevenshteinLevel("geboortedatum", 1),
                custom(f"substr({dob_l}, 6) = substr({dob_r}, 6)", "zelfde dag en maand"),
                cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="adres", comparison_levels=[
                cll.NullLevel("postcode"),
                custom("postcode_l = postcode_r AND huisnummer_l = huisnummer_r",
                       "postcode en huisnummer"),
                custom("damerau_levenshtein(postcode_l, postcode_r) <= 1 "
                       "AND huisnummer_l = huisnummer_r", "postcode bijna gelijk, huisnummer"),
                custom("substr(postcode_l, 1, 4) = substr(postcode_r, 1, 4)", "zelfde PC4"),
                custom("damerau_levenshtein(postcode_l, postcode_r) <= 1", "postcode bijna"),
                cll.ElseLevel()]),
            cl.ExactMatch("bsn"),
            cl.ExactMatch("geslacht"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bsn"), block_on("geboortedatum"), block_on("achternaam1", "initiaal"),
            block_on("postcode", "huisnummer"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _constrained_clusters(con: duckdb.DuckDBPyConnection, predictions: str, threshold: float
                          ) -> Any:
    """The constrained clustering of ``ketenmonitor.linkage.clustering`` on the plain model's
    scores: one BSN is one person (must-link); other pairs at or above the threshold merge
    strongest first unless that joins two BSNs or only different birth years (cannot-link).
    Different years of the pair's own records are allowed for every pair (no ``year_typo``
    argument): looser than the token linkage, which allows them only for a pair that looks like a
    typo in the year (``ketenmonitor.linkage.scoring.YEAR_TYPO``)."""
    from ketenmonitor.linkage.clustering import constrained_clusters, groups_from_columns

    con.execute("""CREATE TABLE _grp AS SELECT unique_id AS rid, CASE WHEN bsn IS NULL
      THEN unique_id ELSE min(unique_id) OVER (PARTITION BY bsn) END AS grp FROM schoon""")
    con.execute(f"""CREATE TABLE _pairs AS
      SELECT least(a.grp, b.grp) AS ga, greatest(a.grp, b.grp) AS gb, max(p.match_probability) AS p
      FROM {predictions} p JOIN _grp a ON a.rid = p.unique_id_l JOIN _grp b ON b.rid = p.unique_id_r
      WHERE p.match_probability >= {threshold} AND a.grp <> b.grp GROUP BY ALL""")
    pairs = con.execute("SELECT ga, gb FROM _pairs ORDER BY p DESC, ga, gb").fetchnumpy()
    rows = con.execute("""
      SELECT g.grp, list(DISTINCT s.bsn::BIGINT) FILTER (WHERE s.bsn IS NOT NULL),
             list(DISTINCT substr(s.geboortedatum, 1, 4)::INTEGER)
               FILTER (WHERE s.geboortedatum IS NOT NULL)
      FROM _grp g JOIN schoon s ON s.unique_id = g.rid
      WHERE g.grp IN (SELECT ga FROM _pairs UNION SELECT gb FROM _pairs) GROUP BY g.grp""").fetchall()
    groups = groups_from_columns({"grp": [r[0] for r in rows],
                                  "bsn": [r[1] for r in rows],
                                  "years": [r[2] for r in rows]})
    result = constrained_clusters(groups, np.asarray(pairs["ga"], dtype=np.int64),
                                  np.asarray(pairs["gb"], dtype=np.int64))
    con.register("_roots", pa.table({"grp": pa.array(list(result.root), pa.int64()),
                                     "root": pa.array(list(result.root.values()), pa.int64())}))
    return con.sql("""SELECT g.rid AS unique_id, coalesce(r.root, g.grp)::VARCHAR AS cluster
                      FROM _grp g LEFT JOIN _roots r USING (grp)""").to_arrow_table()


def plain_splink(folder: Path, constrained: bool = False) -> tuple[Any, dict[str, Any]]:
    """Clean, train (λ from deterministic rules, u by random sampling, m by EM on BSN blocks, or
    name blocks when no record has a BSN, and on DOB blocks), predict, cluster (Splink's connected
    components, or with ``constrained`` the token linkage's constrained clustering). Training
    budget (pairs for u and EM, seed) and match threshold are those of the token model
    (``ModelConfig``), so both runs do the same amount of training. Returns (unique_id, cluster)
    and timings."""
    from splink import Linker, block_on
    from splink.backends.duckdb import DuckDBAPI

    from ketenmonitor.linkage import ModelConfig

    budget = ModelConfig()

    laps: dict[str, float] = {}
    clock = time.perf_counter()
    api = DuckDBAPI()
    api.duckdb_con.execute(_PLAIN_CLEAN, [str(folder / "plain.parquet")])
    laps["opschonen"] = time.perf_counter() - clock
    linker = Linker(api.register("schoon"), plain_settings(), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        ["l.bsn = r.bsn",
         "l.geboortedatum = r.geboortedatum AND l.achternaam1 = r.achternaam1"], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=budget.u_max_pairs,
                                                     seed=budget.seed)
    has_bsn = api.duckdb_con.execute("SELECT count(bsn) FROM schoon").fetchall()[0][0] > 0
    for rule in (("bsn",) if has_bsn else ("voornaam", "achternaam1"), ("geboortedatum",)):
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*rule), estimate_without_term_frequencies=True,
            max_pairs=budget.em_max_pairs)
    laps["trainen"] = time.perf_counter() - clock - sum(laps.values())
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    if constrained:
        table = _constrained_clusters(api.duckdb_con, predictions.physical_name,
                                      budget.match_threshold)
    else:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, budget.match_threshold)
        table = clusters.as_duckdbpyrelation().select(
            "unique_id, cluster_id::VARCHAR AS cluster").to_arrow_table()
    laps["voorspellen_en_clusteren"] = time.perf_counter() - clock - sum(laps.values())
    return table, {"stappen_seconden": laps, "drempel": budget.match_threshold,
                   "u_max_pairs": budget.u_max_pairs, "em_max_pairs": budget.em_max_pairs}


