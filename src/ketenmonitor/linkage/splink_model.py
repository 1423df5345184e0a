# SPDX-License-Identifier: EUPL-1.2
"""The Fellegi–Sunter model of the probabilistic linkage: comparisons, blocking rules, training.

Every comparison works on tokens (contract T), so agreement is equality of two keyed hashes; partial
agreement comes from the extra tokens the partner computed before hashing (initial, phonetic code,
swap-tolerant date, year, postcode), not from string distance, and, when the deliveries carry the
field-level Bloom filters of schema 1.2, from their Dice coefficient (marked ~). The levels, most
specific first:

- BSN: same token, or different (strong evidence against).
- Voornaam: same first name (term-frequency adjusted), given name and surname exchanged (same
  name-pair token of schema 1.3, other first name), ~ all name words alike as a set (Dice ≥ 0.9,
  other surnames), ~ Dice ≥ 0.75, same initial where one side only has an initial, one name in
  the other field, ~ Dice ≥ 0.5, same initial but different names, different.
- Achternaam: same core (tf adjusted); no weight when the given-name comparison weighed both
  names at once (exchanged, or alike as a set: counted once); the two parts of a double name
  crossed ('Jansen-de Vries' written as 'de Vries'), ~ Dice ≥ 0.75, same phonetic code,
  ~ Dice ≥ 0.5, different.
- Geboortedatum: same date, day and month swapped, ~ Dice ≥ 0.8 on the digits (about one digit
  wrong), same year only, different.
- Adres: same postcode + house number, ~ postcode Dice ≥ 0.6 with the same house number (a typo
  in the postcode), same PC4 and house number, ~ postcode Dice ≥ 0.5 with the same house number
  (two characters wrong or exchanged), same postcode, same house number with another postcode,
  ~ postcode Dice ≥ 0.6, same PC4, different (one comparison, so a shared address is
  not counted twice; see :func:`_address`).
- Geslacht: same or different (unknown 'O' counts as missing).

The model is trained on the data itself: u by random sampling, m by EM on two blocking rules
(on BSN, and on date of birth + surname; without BSN pairs on first name + surname and on date of
birth), each capped at ``max_pairs``, λ from the pairs the BSN rule finds and the share of records
that have a BSN, re-estimated after scoring (:func:`ketenmonitor.linkage.scoring.refine_lambda`).
See ADR 0003 for the threshold. :func:`settings` builds the whole Splink model definition
independent of the backend (DuckDB here, Spark in ``spark_backend``).
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

from ketenmonitor.linkage import bloom_columns
from ketenmonitor.linkage.blocking import splink_rule

# Token columns of contract T that the model reads (as 64-bit codes, see probabilistic.py).
TOKEN_COLUMNS = (
    "bsn_token", "voornaam_token", "initiaal_token", "achternaam_token", "achternaam2_token",
    "achternaam_fonetisch_token", "geboortedatum_token", "geboortejaar_token",
    "geboortedatum_wissel_token", "postcode_token", "huisnummer_token", "adres_token",
    "naampaar_token", "voornamen_token", "geboortejaarmaand_token", "geboortemaanddag_token",
    "geboortejaardag_token", "postcode4_token", "voornaam_gedeeld_token",
    "achternaam_gedeeld_token",
)
# Field-level Bloom filters of schema 1.2 and 1.4 (ketenmonitor.pseudonymise.identity.BLOOM_FIELDS).
BLOOM_COLUMNS = ("voornaam_bloom", "achternaam_bloom", "geboortedatum_bloom", "postcode_bloom",
                 "namen_bloom")
UNIQUE_ID = "rid"
PROBABILITY_FLOOR = 1e-4

# Blocking rules for prediction: a pair is scored when any rule holds. A record for which no
# rule of BLOCKING_COLUMNS can hold (all of a rule's columns present) has too little identifying
# data to be compared and stays 'ongekoppeld'. The EXTRA rules propose more pairs of records that
# are comparable anyway: both names changed (typos, or given name and surname swapped) but the same
# date of birth or the same address (as the plain-identifier reference blocks; 25 M and 10 M pairs
# at 1 M records of the synthetic region); the postcode alone (a typo in the house number, or
# names and date both changed) and the house number with the initial or the surname's sound (a
# typo in the postcode). Issue 16 measured which true pairs no rule proposed: on FEBRL4 these
# three raise the pair completeness from 0.9836 to 0.9974 for 0.1 M more pairs (0.05 M from the
# postcode alone, which plan_blocking narrows where a postcode has many records). The surname with
# the initial proposes the records of a person written once in full and once with initials only,
# with the date of birth missing and another address (26 of the 39,046 true pairs of the synthetic
# region no other rule proposed).
BLOCKING_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("bsn_token",),
    ("geboortedatum_wissel_token", "initiaal_token"),
    ("geboortedatum_wissel_token", "achternaam_fonetisch_token"),
    ("adres_token", "initiaal_token"),
    ("achternaam_fonetisch_token", "geboortejaar_token"),
    ("voornaam_token", "achternaam_token"),
)
EXTRA_BLOCKING_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("geboortedatum_token",),
    ("adres_token",),
    ("postcode_token",),
    ("huisnummer_token", "initiaal_token"),
    ("huisnummer_token", "achternaam_fonetisch_token"),
    ("naampaar_token",),
    ("achternaam_token", "initiaal_token"),
    # The given name with the surname's sound, or with the year and month of birth: a typo in
    # the surname and in the postcode, or a date whose day is wrong (issue 16: 2 of the 9 true
    # pairs of FEBRL4 no other rule proposed, some 3,000 pairs each at 10,000 records).
    ("voornaam_token", "achternaam_fonetisch_token"),
    ("voornaam_token", "geboortejaarmaand_token"),
    # One name in the other field, the other name changed (schema 1.4, shared name key): the
    # left record's given name is the right record's surname, or the other way round.
    ("voornaam_gedeeld_token>achternaam_gedeeld_token",),
    ("achternaam_gedeeld_token>voornaam_gedeeld_token",),
)
# What prediction starts from; ketenmonitor.linkage.blocking narrows rules over the pair budget.
PREDICTION_BLOCKING = (*BLOCKING_COLUMNS, *EXTRA_BLOCKING_COLUMNS)
TRAINING_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("bsn_token",),
    ("geboortedatum_token", "achternaam_token"),
)
# Without BSN pairs (a source without BSNs, or the FEBRL benchmark): λ from agreement on first
# name, surname and full date of birth (assumed recall 0.7, then re-estimated after scoring), EM
# on two rules that together leave every comparison free once.
TRAINING_WITHOUT_BSN: tuple[tuple[str, ...], ...] = (
    ("voornaam_token", "achternaam_token"),
    ("geboortedatum_token",),
)
DETERMINISTIC_WITHOUT_BSN = ("voornaam_token", "achternaam_token", "geboortedatum_token")
DETERMINISTIC_WITHOUT_BSN_RECALL = 0.7


@dataclass(frozen=True)
class ModelConfig:
    """Training and decision parameters (defaults measured on the synthetic region, ADR 0003)."""

    # 0.5: link when the model finds one person more likely than two (the Bayes decision for
    # equal costs; for calibrated probabilities about the F1-optimal threshold). Issue 16: since
    # the birth-year cannot-link refuses wholly different dates unless the given name agrees
    # (scoring.YEAR_TYPO), 0.5 no longer merges family members without BSNs (ADR 0003).
    match_threshold: float = 0.5
    u_max_pairs: float = 2e6
    em_max_pairs: float = 1e6
    seed: int = 42
    bloom: bool = True  # use the Bloom filters (Dice levels) when the deliveries carry them
    refine_lambda: bool = True  # re-estimate λ from the scored pairs after training
    # Pair budget per prediction rule: max(min_block_pairs, pairs_per_record × records), see
    # ketenmonitor.linkage.blocking (the defaults change no rule up to a million records).
    pairs_per_record: float = 10.0
    min_block_pairs: int = 30_000_000


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


# Dice thresholds of the Bloom levels (measured on FEBRL4 and the synthetic region, ADR 0003).
NAME_DICE = (0.75, 0.5)
NAME_SET_DICE = 0.9
DATE_DICE = 0.8
POSTCODE_DICE = 0.6
# With the same house number, a postcode with about two characters wrong: two digits exchanged
# (2617/2167) or two typos. For a Dutch postcode (six characters) that is Dice about 0.67, above
# POSTCODE_DICE already; for a four-digit postcode (FEBRL, Australian) about 0.5, where the
# folding noise put these pairs on either side of 0.6 depending on the key (issue 16).
POSTCODE_NEAR_DICE = 0.5


def _dice(column: str, minimum: float) -> str:
    """Dice on the words of a Bloom column (see :mod:`ketenmonitor.linkage.bloom_columns`)."""
    return bloom_columns.dice_sql(column, minimum)


def _fuzzy(bloom: bool, column: str, minimum: float, label: str) -> list[dict[str, Any]]:
    """A Dice level on a Bloom column, or nothing without Bloom filters."""
    return [_level(_dice(column, minimum), f"{label} (Dice >= {minimum:g})")] if bloom else []


# Given name and surname exchanged (schema 1.3): the sorted name pair agrees, the given names not.
SWAPPED = ("naampaar_token_l = naampaar_token_r AND voornaam_token_l <> voornaam_token_r")
# One name in the other field (schema 1.4, both under the shared name key), the other name not.
CROSSED = ("voornaam_gedeeld_token_l = achternaam_gedeeld_token_r "
           "OR achternaam_gedeeld_token_l = voornaam_gedeeld_token_r")
# All name words alike as a set (schema 1.4): exchanged names with a typo, or one name split.
NAME_SET = "namen_bloom"


def _name_set(bloom: bool) -> str | None:
    """The given-name comparison's name-set level: all name words alike as a set, where both
    records have a given name (with initials only the set is the surname alone) and the surnames
    differ (with the same surname the set is alike for any two members of a family: the given
    names must speak for themselves)."""
    if not bloom:
        return None
    return (f"voornaam_token_l IS NOT NULL AND voornaam_token_r IS NOT NULL AND "
            f"coalesce(achternaam_token_l <> achternaam_token_r, true) AND "
            f"{_dice(NAME_SET, NAME_SET_DICE)}")


def _counted_with_given_name(bloom: bool) -> str:
    """The pair reaches the given-name comparison's 'exchanged' or name-set level: that level
    weighs both names at once, so the surname comparison must not weigh them again (issue 16: as
    two levels the same evidence counted twice, about 13 bits too much, which merged two persons
    'Lachlan Nguyen' and 'Nguyen Lachlan' with different dates on FEBRL4). The name-set level
    comes before 'voornaam lijkt sterk', so this needs no Dice on the given names (as cheap as
    the levels it replaced; same scores on FEBRL4 and the synthetic region)."""
    name_set = _name_set(bloom)
    if name_set is None:
        return f"({SWAPPED})"
    return (f"({SWAPPED}) OR (voornaam_token_l <> voornaam_token_r AND "
            f"coalesce(voornamen_token_l <> voornamen_token_r, true) AND {name_set})")


def _names(bloom: bool) -> list[dict[str, Any]]:
    high, low = NAME_DICE
    name_set = _name_set(bloom)
    name_set_level = ([_level(name_set, f"namen samen lijken (Dice >= {NAME_SET_DICE:g})")]
                      if name_set else [])
    return [
        {"output_column_name": "voornaam", "comparison_levels": [
            _null("initiaal_token"),
            _level("voornaam_token_l = voornaam_token_r", "zelfde voornaam", "voornaam_token"),
            _level("voornamen_token_l = voornamen_token_r", "zelfde voornamen"),
            _level(SWAPPED, "voornaam en achternaam verwisseld"),
            *name_set_level,
            *_fuzzy(bloom, "voornaam_bloom", high, "voornaam lijkt sterk"),
            _level("(voornaam_token_l IS NULL OR voornaam_token_r IS NULL) "
                   "AND initiaal_token_l = initiaal_token_r", "alleen initiaal, gelijk"),
            _level(CROSSED, "een naam in het andere veld"),
            *_fuzzy(bloom, "voornaam_bloom", low, "voornaam lijkt"),
            _level("initiaal_token_l = initiaal_token_r", "zelfde initiaal, andere naam"),
            _else()]},
        {"output_column_name": "achternaam", "comparison_levels": [
            _null("achternaam_token"),
            _level("achternaam_token_l = achternaam_token_r", "zelfde achternaam",
                   "achternaam_token"),
            # Weighed once, by the given-name comparison (a level without weight).
            {"sql_condition": _counted_with_given_name(bloom),
             "label_for_charts": "namen samen gewogen bij de voornaam", "is_null_level": True},
            _level("achternaam_token_l = achternaam2_token_r "
                   "OR achternaam2_token_l = achternaam_token_r "
                   "OR achternaam2_token_l = achternaam2_token_r", "deel dubbele naam"),
            *_fuzzy(bloom, "achternaam_bloom", high, "achternaam lijkt sterk"),
            _level("achternaam_fonetisch_token_l = achternaam_fonetisch_token_r",
                   "zelfde fonetische code"),
            *_fuzzy(bloom, "achternaam_bloom", low, "achternaam lijkt"),
            _else()]},
    ]


# One part of the date wrong (a digit, a month or a year off, another day): the pairs of parts
# of schema 1.4 still agree on one pair.
DATE_PART_WRONG = ("geboortejaarmaand_token_l = geboortejaarmaand_token_r "
                   "OR geboortejaardag_token_l = geboortejaardag_token_r")
YEAR_WRONG = "geboortemaanddag_token_l = geboortemaanddag_token_r"


def _date(bloom: bool) -> dict[str, Any]:
    return {"output_column_name": "geboortedatum", "comparison_levels": [
        _null("geboortejaar_token"),
        _level("geboortedatum_token_l = geboortedatum_token_r", "zelfde datum"),
        _level("geboortedatum_wissel_token_l = geboortedatum_wissel_token_r",
               "dag en maand verwisseld"),
        *_fuzzy(bloom, "geboortedatum_bloom", DATE_DICE, "datum lijkt"),
        _level(DATE_PART_WRONG, "zelfde jaar, dag of maand anders"),
        _level(YEAR_WRONG, "zelfde dag en maand, ander jaar"),
        _level("geboortejaar_token_l = geboortejaar_token_r", "zelfde jaar"),
        _else()]}


def _address(bloom: bool) -> list[dict[str, Any]]:
    """Postcode and house number in one comparison, with levels for each agreeing alone.

    As two comparisons (as plain Splink has them) the weights of 'same postcode' and 'same house
    number' add up as if independent, but a household shares both: without BSNs that merged
    family members of the synthetic test region (precision 0.96 -> 0.92). One comparison with a
    level per combination keeps what each field says alone (a typo in the other) without counting
    a shared address twice.
    """
    near = _dice("postcode_bloom", POSTCODE_DICE) if bloom else None
    number = "huisnummer_token_l = huisnummer_token_r"
    return [
        {"output_column_name": "adres", "comparison_levels": [
            {"sql_condition": "(postcode_token_l IS NULL OR postcode_token_r IS NULL) AND "
                              "(huisnummer_token_l IS NULL OR huisnummer_token_r IS NULL)",
             "label_for_charts": "ontbreekt", "is_null_level": True},
            _level("adres_token_l = adres_token_r", "zelfde adres"),
            *([_level(f"({near}) AND {number}", "postcode lijkt, zelfde huisnummer")]
              if near else []),
            _level(f"postcode4_token_l = postcode4_token_r AND {number}",
                   "zelfde PC4, zelfde huisnummer"),
            *([_level(f"({_dice('postcode_bloom', POSTCODE_NEAR_DICE)}) AND {number}",
                      "postcode lijkt wat, zelfde huisnummer")] if bloom else []),
            _level("postcode_token_l = postcode_token_r", "zelfde postcode"),
            _level(number, "zelfde huisnummer, andere postcode"),
            *([_level(near, f"postcode lijkt (Dice >= {POSTCODE_DICE:g})")] if near else []),
            _level("postcode4_token_l = postcode4_token_r", "zelfde PC4"),
            _else()]},
    ]


def comparisons(bloom: bool = False) -> list[dict[str, Any]]:
    """The comparisons with their levels (Splink settings dicts); ``bloom`` adds the Dice levels."""
    return [
        {"output_column_name": "bsn", "comparison_levels": [
            _null("bsn_token"), _level("bsn_token_l = bsn_token_r", "zelfde BSN"), _else()]},
        *_names(bloom),
        _date(bloom),
        *_address(bloom),
        {"output_column_name": "geslacht", "comparison_levels": [
            {"sql_condition": "geslacht_l IS NULL OR geslacht_r IS NULL "
                              "OR geslacht_l = 'O' OR geslacht_r = 'O'",
             "label_for_charts": "onbekend", "is_null_level": True},
            _level("geslacht_l = geslacht_r", "zelfde geslacht"), _else()]},
    ]


def blocking_rules(columns: tuple[tuple[str, ...], ...] = PREDICTION_BLOCKING
                   ) -> list[BlockingRuleCreator]:
    return [splink_rule(group) for group in columns]


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
    definition = {"comparisons": comparisons(config.bloom),
                  "blocking": PREDICTION_BLOCKING,
                  "training": (TRAINING_COLUMNS, TRAINING_WITHOUT_BSN),
                  "unique_id": UNIQUE_ID}
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()[:16]


def train(linker: Linker, config: ModelConfig, bsn_share: float,
          with_bsn: bool = True) -> dict[str, Any]:
    """λ from the BSN rule, u by random sampling, m by EM on the training rules.

    ``with_bsn=False`` uses :data:`TRAINING_WITHOUT_BSN` and estimates λ from
    :data:`DETERMINISTIC_WITHOUT_BSN` instead.

    Returns the trained model as a settings dict with the probabilities bounded by
    :func:`bound_probabilities`: a level EM never saw (say 'same postcode, other house number'
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
    bound_probabilities(model, config.u_max_pairs)
    model["probability_two_random_records_match"] = _round(
        model["probability_two_random_records_match"])
    return dict(model)


def bound_probabilities(model: dict[str, Any], sampled_pairs: float) -> None:
    """Every level's m and u made usable, in place.

    - m at least :data:`PROBABILITY_FLOOR`: no single disagreement acts as a veto.
    - u without the true matches among the random pairs: Splink estimates u from random pairs as
      if none matched, but a share λ of them does, so an agreement level's u is about λ·m too
      high. In a small file that is most of it (FEBRL4: λ = 10⁻⁴, 'same address' u 8.5·10⁻⁵ of
      which 6.7·10⁻⁵ are the matches), capping the evidence of every strong level; at a million
      records (λ ≈ 10⁻⁶) it is negligible. Corrected: (u − λ·m) / (1 − λ).
    - u at least one pair in the sample (1 / ``sampled_pairs``): what the sample cannot resolve.
    - A level that EM hardly saw (m under the floor) never counts for a match: u ≥ m.
    """
    share = float(model["probability_two_random_records_match"])
    u_floor = 1.0 / sampled_pairs
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m = level.get("m_probability") or 0.0
            u = level.get("u_probability")
            u = u_floor if u is None else max((u - share * m) / (1.0 - share), u_floor)
            if m < PROBABILITY_FLOOR:
                u = max(u, PROBABILITY_FLOOR)
            level["m_probability"] = _round(max(m, PROBABILITY_FLOOR))
            level["u_probability"] = _round(u)


def _round(value: float) -> float:
    """Ten significant digits: multi-threaded sums differ in the last bits from run to run; rounded,
    the same data gives the same model JSON."""
    return float(f"{value:.10g}")


def model_json(model: dict[str, Any]) -> str:
    return json.dumps(model, sort_keys=True)


def quiet_splink() -> None:
    """Splink logs every step at INFO; the CLI shows its own progress."""
    logging.getLogger("splink").setLevel(logging.ERROR)
