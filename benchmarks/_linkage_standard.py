# SPDX-License-Identifier: EUPL-1.2
"""The strongest plain reference of the linkage benchmark: standard Splink 5 on the same five fields.

Issue 16: the earlier reference (:mod:`_linkage_plain`) mirrors the token design on plain text
(first given name only, the token linkage's own levels), so "tokens are as good as plain names"
was only checked against the project's own design. This reference is Splink as its documentation
sets it up, on the fields the tokens carry:

- given names (all of them, not the first word) and surname: ``NameComparison`` levels (exact with
  term frequencies, Jaro-Winkler 0.92 / 0.88 / 0.7), plus a names-swapped level (given name of one
  record equals the surname of the other), in both comparisons;
- date of birth: ``DateOfBirthComparison`` (exact, one character, within a month, a year, ten
  years);
- postcode (exact with term frequencies, one edit, same four digits) and house number as separate
  comparisons; BSN (elfproef checked) and sex as exact matches;
- blocking on names, names crossed, date of birth, postcode, house number + either name, BSN;
- training as the Splink documentation recommends: λ from deterministic rules (recall 0.7),
  u by random sampling, m by EM on two blocking rules that each leave the other fields free.

Reads only ``plain.parquet``. Clusters with Splink's connected components at the production
threshold and at every threshold of :data:`THRESHOLDS` (for the best-threshold F1).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from _linkage_plain import _PLAIN_CLEAN

# Thresholds at which every method is also clustered, to report its F1 at its best threshold.
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)
U_MAX_PAIRS = 1e7  # Splink's documentation: 1e7 or more for a good u estimate

# The cleaning of the mirror reference (same BSN, postcode, house number and date handling), plus
# the full given names and the full surname (tussenvoegsel included), letters and single spaces.
_MIRROR_CLEAN = _PLAIN_CLEAN.replace("CREATE TABLE schoon AS", "CREATE TABLE _schoon AS")
_STANDARD_CLEAN = """
CREATE TABLE schoon AS
SELECT s.*,
  nullif(trim(regexp_replace(regexp_replace(lower(strip_accents(coalesce(r.voornamen, ''))),
         '[^a-z ]', ' ', 'g'), '\\s+', ' ', 'g')), '') AS voornamen,
  nullif(trim(regexp_replace(regexp_replace(lower(strip_accents(concat_ws(' ', r.tussenvoegsel,
         r.achternaam))), '[^a-z ]', ' ', 'g'), '\\s+', ' ', 'g')), '') AS achternaam
FROM _schoon s JOIN read_parquet(?) r USING (unique_id)
"""


def _name(column: str, other: str) -> Any:
    """``NameComparison`` levels on ``column`` with term frequencies, plus 'names swapped'."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    return cl.CustomComparison(output_column_name=column, comparison_levels=[
        cll.NullLevel(column),
        cll.ExactMatchLevel(column, term_frequency_adjustments=True),
        cll.CustomLevel(f"{column}_l = {other}_r OR {other}_l = {column}_r",
                        label_for_charts="namen verwisseld"),
        cll.JaroWinklerLevel(column, 0.92), cll.JaroWinklerLevel(column, 0.88),
        cll.JaroWinklerLevel(column, 0.7), cll.ElseLevel()])


def standard_settings() -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    postcode = cl.CustomComparison(output_column_name="postcode", comparison_levels=[
        cll.NullLevel("postcode"),
        cll.ExactMatchLevel("postcode", term_frequency_adjustments=True),
        cll.DamerauLevenshteinLevel("postcode", 1),
        cll.CustomLevel("substr(postcode_l, 1, 4) = substr(postcode_r, 1, 4)",
                        label_for_charts="zelfde cijfers (PC4)"),
        cll.ElseLevel()])
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            _name("voornamen", "achternaam"), _name("achternaam", "voornamen"),
            cl.DateOfBirthComparison("geboortedatum", input_is_string=True,
                                     datetime_format="%Y-%m-%d"),
            postcode, cl.ExactMatch("huisnummer"), cl.ExactMatch("bsn"),
            cl.ExactMatch("geslacht"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bsn"), block_on("voornamen", "achternaam"),
            "l.voornamen = r.achternaam AND l.achternaam = r.voornamen",
            block_on("geboortedatum"), block_on("postcode"),
            block_on("huisnummer", "voornamen"), block_on("huisnummer", "achternaam"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def clean_and_train(folder: Path, settings: Any, seed: int, u_max_pairs: float
                    ) -> tuple[Any, dict[str, float]]:
    """Clean ``plain.parquet`` and train ``settings`` as Splink's documentation recommends: λ from
    deterministic rules (recall 0.7), u by random sampling, m by EM on two rules that each leave
    the other fields free. Returns the linker and the seconds of both steps."""
    from splink import Linker, block_on
    from splink.backends.duckdb import DuckDBAPI

    laps: dict[str, float] = {}
    clock = time.perf_counter()
    api = DuckDBAPI()
    plain = str(folder / "plain.parquet")
    api.duckdb_con.execute(_MIRROR_CLEAN, [plain])
    api.duckdb_con.execute(_STANDARD_CLEAN, [plain])
    laps["opschonen"] = time.perf_counter() - clock
    linker = Linker(api.register("schoon"), settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        ["l.bsn = r.bsn",
         "l.voornamen = r.voornamen AND l.achternaam = r.achternaam "
         "AND l.geboortedatum = r.geboortedatum"], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
    for rule in (("voornamen", "achternaam"), ("geboortedatum",)):
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
    laps["trainen"] = time.perf_counter() - clock - laps["opschonen"]
    return linker, laps


def standard_splink(folder: Path, threshold: float, seed: int
                    ) -> tuple[Any, dict[str, Any], dict[float, Any]]:
    """Clean, train, predict, cluster. Returns (unique_id, cluster) at ``threshold``, timings,
    and the clusters at each of :data:`THRESHOLDS` (not timed)."""
    clock = time.perf_counter()
    linker, laps = clean_and_train(folder, standard_settings(), seed, U_MAX_PAIRS)
    predictions = linker.inference.predict(threshold_match_probability=min(THRESHOLDS))

    def clusters(at: float) -> Any:
        done = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, at)
        return done.as_duckdbpyrelation().select(
            "unique_id, cluster_id::VARCHAR AS cluster").to_arrow_table()

    table = clusters(threshold)
    laps["voorspellen_en_clusteren"] = time.perf_counter() - clock - sum(laps.values())
    grid = {at: clusters(at) for at in THRESHOLDS}
    return table, {"stappen_seconden": laps, "drempel": threshold, "u_max_pairs": U_MAX_PAIRS,
                   "lambda": linker.misc.save_model_to_json()[
                       "probability_two_random_records_match"]}, grid
