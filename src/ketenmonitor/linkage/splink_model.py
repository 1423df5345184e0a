# SPDX-License-Identifier: EUPL-1.2
"""The Fellegi–Sunter model of the probabilistic linkage: comparisons, blocking rules, training.

Every comparison works on tokens (contract T), so agreement is equality of two keyed hashes; partial
agreement comes from the extra tokens the partner computed before hashing (initial, phonetic code,
swap-tolerant date, year, postcode), not from string distance. The levels, most specific first:

- BSN: same token, or different (strong evidence against).
- Voornaam: same first name (term-frequency adjusted), same initial where one side only has an
  initial, same initial but different names, different.
- Achternaam: same core (tf adjusted), the two parts of a double name crossed ('Jansen-de Vries'
  written as 'de Vries'), same phonetic code, different.
- Geboortedatum: same date, day and month swapped, same year only, different.
- Adres: same postcode + house number (tf adjusted: shelters host many people), same postcode.
- Geslacht: same or different (unknown 'O' counts as missing).
- Naam-Bloomfilter (only when the delivery has ``naam_bloom``): Dice ≥ 0.9 or ≥ 0.7.

The model is trained on the data itself: u by random sampling, m by EM on two blocking rules
(on BSN, and on date of birth + surname), each capped at ``max_pairs``, λ from the pairs the BSN
rule finds and the share of records that have a BSN. See ADR 0003 for the threshold.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.linker import Linker

# Token columns of contract T that the model reads (as 64-bit codes, see probabilistic.py).
TOKEN_COLUMNS = (
    "bsn_token", "voornaam_token", "initiaal_token", "achternaam_token", "achternaam2_token",
    "achternaam_fonetisch_token", "geboortedatum_token", "geboortejaar_token",
    "geboortedatum_wissel_token", "postcode_token", "huisnummer_token", "adres_token",
)
BLOOM_COLUMN = "naam_bloom"
UNIQUE_ID = "rid"
PROBABILITY_FLOOR = 1e-4

# Blocking rules for prediction: a pair is scored when any rule holds. A record for which no
# rule can hold (all of a rule's columns present) cannot be compared and stays 'ongekoppeld'.
BLOCKING_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("bsn_token",),
    ("geboortedatum_wissel_token", "initiaal_token"),
    ("geboortedatum_wissel_token", "achternaam_fonetisch_token"),
    ("adres_token", "initiaal_token"),
    ("achternaam_fonetisch_token", "geboortejaar_token"),
    ("voornaam_token", "achternaam_token"),
)
TRAINING_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("bsn_token",),
    ("geboortedatum_token", "achternaam_token"),
)
# Without BSN pairs (a source without BSNs, or the FEBRL benchmark): λ from agreement on first
# name, surname and full date of birth (assumed recall 0.7), EM on two rules that together leave
# every comparison free once.
TRAINING_WITHOUT_BSN: tuple[tuple[str, ...], ...] = (
    ("geboortedatum_token", "achternaam_token"),
    ("voornaam_token", "postcode_token"),
)
DETERMINISTIC_WITHOUT_BSN = ("voornaam_token", "achternaam_token", "geboortedatum_token")
DETERMINISTIC_WITHOUT_BSN_RECALL = 0.7


@dataclass(frozen=True)
class ModelConfig:
    """Training and decision parameters (defaults measured on the synthetic region, ADR 0003)."""

    match_threshold: float = 0.9
    u_max_pairs: float = 2e6
    em_max_pairs: float = 1e6
    seed: int = 42
    bloom: bool = True  # use naam_bloom (Dice levels) when the deliveries carry it


def _null(column: str) -> dict[str, Any]:
    return {"sql_condition": f"{column}_l IS NULL OR {column}_r IS NULL",
            "label_for_charts": "ontbreekt", "is_null_level": True}


def _level(condition: str, label: str, tf_column: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": condition, "label_for_charts": label}
    if tf_column:
        level.update(tf_adjustment_column=tf_column, tf_adjustment_weight=1.0)
    return level


def _else() -> dict[str, Any]:
    return {"sql_condition": "ELSE", "label_for_charts": "anders"}


def _dice(minimum: float) -> str:
    a, b = f"{BLOOM_COLUMN}_l::BIT", f"{BLOOM_COLUMN}_r::BIT"
    return (f"2.0 * bit_count({a} & {b}) / nullif(bit_count({a}) + bit_count({b}), 0)"
            f" >= {minimum}")


def comparisons(bloom: bool = False) -> list[dict[str, Any]]:
    """The comparisons with their levels (Splink settings dicts)."""
    result: list[dict[str, Any]] = [
        {"output_column_name": "bsn", "comparison_levels": [
            _null("bsn_token"), _level("bsn_token_l = bsn_token_r", "zelfde BSN"), _else()]},
        {"output_column_name": "voornaam", "comparison_levels": [
            _null("initiaal_token"),
            _level("voornaam_token_l = voornaam_token_r", "zelfde voornaam", "voornaam_token"),
            _level("(voornaam_token_l IS NULL OR voornaam_token_r IS NULL) "
                   "AND initiaal_token_l = initiaal_token_r", "alleen initiaal, gelijk"),
            _level("initiaal_token_l = initiaal_token_r", "zelfde initiaal, andere naam"),
            _else()]},
        {"output_column_name": "achternaam", "comparison_levels": [
            _null("achternaam_token"),
            _level("achternaam_token_l = achternaam_token_r", "zelfde achternaam",
                   "achternaam_token"),
            _level("achternaam_token_l = achternaam2_token_r "
                   "OR achternaam2_token_l = achternaam_token_r "
                   "OR achternaam2_token_l = achternaam2_token_r", "deel dubbele naam"),
            _level("achternaam_fonetisch_token_l = achternaam_fonetisch_token_r",
                   "zelfde fonetische code"),
            _else()]},
        {"output_column_name": "geboortedatum", "comparison_levels": [
            _null("geboortejaar_token"),
            _level("geboortedatum_token_l = geboortedatum_token_r", "zelfde datum"),
            _level("geboortedatum_wissel_token_l = geboortedatum_wissel_token_r",
                   "dag en maand verwisseld"),
            _level("geboortejaar_token_l = geboortejaar_token_r", "zelfde jaar"),
            _else()]},
        {"output_column_name": "adres", "comparison_levels": [
            _null("postcode_token"),
            _level("adres_token_l = adres_token_r", "zelfde adres", "adres_token"),
            _level("postcode_token_l = postcode_token_r", "zelfde postcode"),
            _else()]},
        {"output_column_name": "geslacht", "comparison_levels": [
            {"sql_condition": "geslacht_l IS NULL OR geslacht_r IS NULL "
                              "OR geslacht_l = 'O' OR geslacht_r = 'O'",
             "label_for_charts": "onbekend", "is_null_level": True},
            _level("geslacht_l = geslacht_r", "zelfde geslacht"), _else()]},
    ]
    if bloom:
        result.append({"output_column_name": "naam_bloom", "comparison_levels": [
            _null(BLOOM_COLUMN), _level(_dice(0.9), "Dice >= 0,9"),
            _level(_dice(0.7), "Dice >= 0,7"), _else()]})
    return result


def blocking_rules(columns: tuple[tuple[str, ...], ...] = BLOCKING_COLUMNS
                   ) -> list[BlockingRuleCreator]:
    return [block_on(*group) for group in columns]


def blockable_sql(alias: str = "") -> str:
    """SQL condition: the record has every column of at least one blocking rule."""
    prefix = f"{alias}." if alias else ""
    return " OR ".join(
        "(" + " AND ".join(f"{prefix}{c} IS NOT NULL" for c in group) + ")"
        for group in BLOCKING_COLUMNS
    )


def settings(config: ModelConfig) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        linker_uid=signature(config),
        unique_id_column_name=UNIQUE_ID,
        comparisons=comparisons(config.bloom),  # type: ignore[arg-type]
        blocking_rules_to_generate_predictions=blocking_rules(),  # type: ignore[arg-type]
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
        em_convergence=0.0005,
    )


def signature(config: ModelConfig) -> str:
    """Hash of the model definition: a stored model is reused only for the same definition."""
    definition = {"comparisons": comparisons(config.bloom), "blocking": BLOCKING_COLUMNS,
                  "training": TRAINING_COLUMNS, "unique_id": UNIQUE_ID}
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()[:16]


def train(linker: Linker, config: ModelConfig, bsn_share: float,
          with_bsn: bool = True) -> dict[str, Any]:
    """λ from the BSN rule, u by random sampling, m by EM on the training rules.

    ``with_bsn=False`` uses :data:`TRAINING_WITHOUT_BSN` and estimates λ from
    :data:`DETERMINISTIC_WITHOUT_BSN` instead.

    Returns the trained model as a settings dict with every probability kept within
    [``PROBABILITY_FLOOR``, 1]: a level EM never saw (say 'same postcode, other house number'
    among matches) gets the floor instead of Splink's default, and no single disagreement acts as
    a veto (registration errors in sex or name occur in real data more than in synthetic data).
    """
    if with_bsn:
        recall = min(max(bsn_share**2, 0.05), 1.0)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("bsn_token")], recall=recall)
    else:
        linker.training.estimate_probability_two_random_records_match(
            [block_on(*DETERMINISTIC_WITHOUT_BSN)], recall=DETERMINISTIC_WITHOUT_BSN_RECALL)
    linker.training.estimate_u_using_random_sampling(max_pairs=config.u_max_pairs,
                                                     seed=config.seed)
    for group in TRAINING_COLUMNS if with_bsn else TRAINING_WITHOUT_BSN:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*group), max_pairs=config.em_max_pairs,
            estimate_without_term_frequencies=True)
    model = linker.misc.save_model_to_json()
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            for key in ("m_probability", "u_probability"):
                value = level.get(key)
                level[key] = PROBABILITY_FLOOR if value is None else _round(max(value, PROBABILITY_FLOOR))
    model["probability_two_random_records_match"] = _round(
        model["probability_two_random_records_match"])
    return dict(model)


def _round(value: float) -> float:
    """Ten significant digits: multi-threaded sums differ in the last bits from run to run; rounded,
    the same data gives the same model JSON."""
    return float(f"{value:.10g}")


def model_json(model: dict[str, Any]) -> str:
    return json.dumps(model, sort_keys=True)


def quiet_splink() -> None:
    """Splink logs every step at INFO; the CLI shows its own progress."""
    logging.getLogger("splink").setLevel(logging.ERROR)
