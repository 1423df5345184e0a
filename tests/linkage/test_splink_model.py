# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.linkage.blocking import rule_columns
from ketenmonitor.linkage.bloom_columns import split_filters
from ketenmonitor.linkage.scoring import year_typo_sql
from ketenmonitor.linkage.splink_model import (
    BLOCKING_COLUMNS,
    BLOOM_COLUMNS,
    EXTRA_BLOCKING_COLUMNS,
    NAME_SET_DICE,
    PROBABILITY_FLOOR,
    TOKEN_COLUMNS,
    ModelConfig,
    blockable_sql,
    bound_probabilities,
    comparisons,
    signature,
)

CONTRACT_T = {"bsn_token", "voornaam_token", "initiaal_token", "achternaam_token",
              "achternaam2_token", "achternaam_fonetisch_token", "geboortedatum_token",
              "geboortejaar_token", "geboortedatum_wissel_token", "postcode_token",
              "huisnummer_token", "adres_token", "naampaar_token",
              # schema 1.4 (issue 16)
              "voornamen_token", "geboortejaarmaand_token", "geboortemaanddag_token",
              "geboortejaardag_token", "postcode4_token", "voornaam_gedeeld_token",
              "achternaam_gedeeld_token"}


def test_the_model_reads_the_token_columns_of_contract_t() -> None:
    assert set(TOKEN_COLUMNS) == CONTRACT_T
    assert {c for group in (*BLOCKING_COLUMNS, *EXTRA_BLOCKING_COLUMNS)
            for c in rule_columns(group)} <= CONTRACT_T


def test_every_comparison_has_a_null_level_and_an_else_level() -> None:
    for comparison in comparisons(bloom=True):
        levels = comparison["comparison_levels"]
        assert levels[0].get("is_null_level") is True
        assert levels[-1]["sql_condition"] == "ELSE"
        assert len(levels) >= 3
    assert [c["output_column_name"] for c in comparisons(bloom=False)] == [
        c["output_column_name"] for c in comparisons(bloom=True)]


def _conditions(bloom: bool) -> dict[str, str]:
    return {c["output_column_name"]: " ".join(lv["sql_condition"] for lv in c["comparison_levels"])
            for c in comparisons(bloom)}


def test_bloom_filters_add_dice_levels_inside_the_comparisons_of_their_field() -> None:
    # Dice levels sit between the exact and the 'else' level of the same field (not as a comparison
    # of their own, which would count a name's agreement twice).
    with_bloom, without = _conditions(True), _conditions(False)
    for field, column in (("voornaam", "voornaam_bloom"), ("achternaam", "achternaam_bloom"),
                          ("geboortedatum", "geboortedatum_bloom"), ("adres", "postcode_bloom"),
                          ("voornaam", "namen_bloom"), ("achternaam", "namen_bloom")):
        assert f"{column}_n_l" in with_bloom[field] and "_bloom" not in without[field]
    labels = [lv["label_for_charts"] for lv in comparisons(True)[1]["comparison_levels"]]
    assert labels.index("zelfde voornaam") < labels.index("voornaam lijkt sterk (Dice >= 0.75)")
    assert labels.index("voornaam lijkt (Dice >= 0.5)") < labels.index("anders")


def test_partial_agreement_levels_are_there() -> None:
    labels = {c["output_column_name"]: [lv["label_for_charts"] for lv in c["comparison_levels"]]
              for c in comparisons()}
    assert "dag en maand verwisseld" in labels["geboortedatum"]
    assert "zelfde jaar" in labels["geboortedatum"]
    assert "deel dubbele naam" in labels["achternaam"]
    assert "zelfde fonetische code" in labels["achternaam"]
    assert "alleen initiaal, gelijk" in labels["voornaam"]
    # schema 1.4: all given names, one name in the other field, one date part wrong, PC4, and
    # postcode and house number each agreeing alone
    assert "zelfde voornamen" in labels["voornaam"]
    assert "een naam in het andere veld" in labels["voornaam"]
    assert "zelfde jaar, dag of maand anders" in labels["geboortedatum"]
    assert "zelfde dag en maand, ander jaar" in labels["geboortedatum"]
    assert "zelfde PC4" in labels["adres"]
    assert "zelfde huisnummer, andere postcode" in labels["adres"]


def test_signature_changes_with_the_model_definition_only() -> None:
    assert signature(ModelConfig()) == signature(ModelConfig(match_threshold=0.5))
    assert signature(ModelConfig(bloom=False)) != signature(ModelConfig(bloom=True))


def test_blockable_means_some_blocking_rule_has_all_its_columns() -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT {', '.join(f'NULL::UBIGINT AS {c}' for c in CONTRACT_T)}")
    assert con.execute(f"SELECT {blockable_sql()} FROM t").fetchall() == [(False,)]
    # an address alone links no person (the extra rule on the address only proposes more pairs
    # of records that are comparable anyway)
    con.execute("UPDATE t SET adres_token = 1")
    assert con.execute(f"SELECT {blockable_sql()} FROM t").fetchall() == [(False,)]
    con.execute("UPDATE t SET initiaal_token = 2")  # address + initial does
    assert con.execute(f"SELECT {blockable_sql()} FROM t").fetchall() == [(True,)]


@pytest.mark.parametrize(("right", "strong", "weak"), [
    (b"\xf0\x0f" + bytes(62), True, True),  # the same filter: Dice 1
    (b"\xf0\x00" + bytes(62), False, True),  # Dice = 2*4/(8+4) = 0.67
    (b"\x0f\xf0" + bytes(62), False, False),  # no bit in common: Dice 0
    (None, None, None),  # missing filter: no level applies
])
def test_dice_on_bloom_filters_is_computed_in_duckdb(right: bytes | None, strong: bool | None,
                                                      weak: bool | None) -> None:
    records = split_filters(pa.table({
        "rid": [1, 2], **{c: pa.array([b"\xf0\x0f" + bytes(62), right], pa.binary())
                          for c in BLOOM_COLUMNS}}), BLOOM_COLUMNS)
    levels = [lv["sql_condition"] for lv in comparisons(bloom=True)[1]["comparison_levels"]
              if "voornaam_bloom" in lv["sql_condition"]]
    con = duckdb.connect()
    con.register("r", records)
    columns = [c for c in records.column_names if c.startswith("voornaam_bloom")]
    pair = ", ".join(f"a.{c} AS {c}_l, b.{c} AS {c}_r" for c in columns)
    row = con.execute(f"SELECT {', '.join(levels)} FROM (SELECT {pair} FROM r a, r b "
                      "WHERE a.rid = 1 AND b.rid = 2)").fetchall()
    assert row == [(strong, weak)]


def _tokens(**columns: list[str | None]) -> pa.Table:
    """Records as the pseudonymisation writes them (with Bloom filters), split for the model."""
    from ketenmonitor.pseudonymise import PseudonymKey
    from ketenmonitor.pseudonymise.identity import tokenise_betrokkenen

    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    generated, _stats = tokenise_betrokkenen(table, PseudonymKey(secret=b"\x07" * 32),
                                             pa.nulls(table.num_rows, pa.string()), bloom=True)
    records = pa.table({"rid": list(range(table.num_rows)),
                        **{c: generated[c] for c in (*TOKEN_COLUMNS, *BLOOM_COLUMNS)}})
    return split_filters(records, BLOOM_COLUMNS)


def _level(records: pa.Table, comparison: str) -> str:
    """The label of the level the pair (record 0, record 1) gets in ``comparison``."""
    levels = next(c for c in comparisons(bloom=True)
                  if c["output_column_name"] == comparison)["comparison_levels"]
    case = " ".join(f"WHEN {lv['sql_condition']} THEN '{lv['label_for_charts']}'"
                    for lv in levels[:-1])
    con = duckdb.connect()
    con.register("r", records)
    pair = ", ".join(f"a.{c} AS {c}_l, b.{c} AS {c}_r" for c in records.column_names)
    row = con.execute(f"SELECT CASE {case} ELSE 'anders' END FROM (SELECT {pair} FROM r a, r b "
                      "WHERE a.rid = 0 AND b.rid = 1)").fetchall()
    return str(row[0][0])


def test_swapped_names_agree_with_and_without_a_typo() -> None:
    # the given-name comparison weighs both names; the surname comparison does not weigh them again
    exact = _tokens(voornamen=["Benedict", "Hursey"], achternaam=["Hursey", "Benedict"])
    assert _level(exact, "voornaam") == "voornaam en achternaam verwisseld"
    assert _level(exact, "achternaam") == "namen samen gewogen bij de voornaam"
    typo = _tokens(voornamen=["Maximiliaan", "Vandenberghe"],
                   achternaam=["Vandenberghe", "Maximiliann"])
    assert _level(typo, "voornaam") == f"namen samen lijken (Dice >= {NAME_SET_DICE:g})"
    assert _level(typo, "achternaam") == "namen samen gewogen bij de voornaam"
    moved = _tokens(voornamen=["Gillian", "Lodge"], achternaam=["Lodge", "Adele"])
    assert _level(moved, "voornaam") == "een naam in het andere veld"
    siblings = _tokens(voornamen=["Joshua", "Zachary"], achternaam=["Berry", "Berry"])
    assert _level(siblings, "voornaam") == "anders"


def test_name_set_needs_a_given_name_on_both_sides() -> None:
    # with initials only the name set is the surname alone: family members would agree on it
    family = _tokens(voornamen=["Stefan", "D.D."], achternaam=["Ploeg", "Ploeg"])
    assert _level(family, "voornaam") == "anders"


def test_name_set_does_not_speak_for_the_given_names_of_one_family() -> None:
    # a long shared surname makes the sets alike; the given names must speak for themselves
    siblings = _tokens(voornamen=["Amin", "Amir"], achternaam=["Schwartsbach", "Schwartsbach"])
    assert not _level(siblings, "voornaam").startswith("namen samen")
    # names exchanged and the given names written as initials: the set is the surname alone
    initials = _tokens(voornamen=["Schwartsbach", "Amin"], achternaam=["A.J.", "Schwartsbach"])
    assert not _level(initials, "voornaam").startswith("namen samen")
    assert _level(siblings, "achternaam") == "zelfde achternaam"


def test_a_year_may_differ_for_exchanged_names_but_not_for_initials_alone() -> None:
    records = _tokens(voornamen=["Maximiliaan", "Vandenberghe", "Waas", "T.R."],
                      achternaam=["Vandenberghe", "Maximiliann", "T.T.", "Waas"])
    con = duckdb.connect()
    con.register("invoer", records)
    sql = year_typo_sql(con)
    flags = con.execute(f"SELECT l.rid, {sql} FROM invoer l JOIN invoer r ON r.rid = l.rid + 1 "
                        "WHERE l.rid % 2 = 0 ORDER BY l.rid").fetchall()
    assert flags == [(0, True), (2, False)]


def _model(levels: list[tuple[float | None, float | None]], share: float) -> dict[str, Any]:
    return {"probability_two_random_records_match": share, "comparisons": [
        {"comparison_levels": [{"is_null_level": True},
                               *({"m_probability": m, "u_probability": u} for m, u in levels)]}]}


def test_u_leaves_out_the_matches_among_the_random_pairs() -> None:
    # agreement u 1e-4 of which λ·m = 1e-4 · 0.6 are the true matches in the sample
    model = _model([(0.6, 1e-4), (0.4, 1 - 1e-4)], share=1e-4)
    bound_probabilities(model, sampled_pairs=2e6)
    agree, other = model["comparisons"][0]["comparison_levels"][1:]
    assert agree["u_probability"] == pytest.approx((1e-4 - 0.6e-4) / (1 - 1e-4), rel=1e-6)
    assert agree["m_probability"] == 0.6
    assert other["u_probability"] == pytest.approx((1 - 1e-4 - 0.4e-4) / (1 - 1e-4), rel=1e-6)


def test_unresolved_probabilities_are_bounded() -> None:
    model = _model([(0.9, None), (None, 0.5), (1e-6, 1e-6), (0.1, 0.0)], share=0.0)
    bound_probabilities(model, sampled_pairs=1e6)
    levels = model["comparisons"][0]["comparison_levels"][1:]
    assert levels[0]["u_probability"] == 1e-6  # never sampled: one pair in the sample
    assert levels[1]["m_probability"] == PROBABILITY_FLOOR  # no veto
    # a level EM hardly saw never counts for a match
    assert levels[2]["m_probability"] <= levels[2]["u_probability"]
    assert levels[3]["u_probability"] == 1e-6


@pytest.mark.parametrize(("left", "right"), [("Gerrit Jan", "Gerrit-Jan"), ("Ab bey", "Abbey")])
def test_all_given_names_agree_when_split_or_joined(left: str, right: str) -> None:
    records = _tokens(voornamen=[left, right], achternaam=["Wielinga", "Wielinga"])
    assert _level(records, "voornaam") in ("zelfde voornaam", "zelfde voornamen")
    assert _level(_tokens(voornamen=["Gerrit Jan", "Jan"], achternaam=["W", "W"]),
                  "voornaam") != "zelfde voornamen"


@pytest.mark.parametrize(("left", "right", "label"), [
    ("1985-04-12", "1985-04-13", "zelfde jaar, dag of maand anders"),  # one digit of the day
    ("1985-04-12", "1985-05-12", "zelfde jaar, dag of maand anders"),  # one month apart
    ("1985-04-12", "1986-04-12", "zelfde dag en maand, ander jaar"),  # one year apart
    ("1985-04-12", "1985-12-04", "dag en maand verwisseld"),
    ("1985-04-12", "1985-09-27", "zelfde jaar"),
    ("1985-04-12", "1962-09-27", "anders"),
])
def test_date_of_birth_levels(left: str, right: str, label: str) -> None:
    records = _tokens(geboortedatum=[left, right])
    assert _level(records, "geboortedatum") in (label, "datum lijkt (Dice >= 0.8)")
    if label == "anders":
        assert _level(records, "geboortedatum") == "anders"


def test_postcode_and_house_number_each_agree_alone() -> None:
    assert _level(_tokens(postcode=["2513KX", "2513AB"], huisnummer=["17", "17"]), "adres") in (
        "postcode lijkt, zelfde huisnummer", "zelfde PC4, zelfde huisnummer")
    assert _level(_tokens(postcode=["2513KX", "2513KX"], huisnummer=["17", "71"]),
                  "adres") == "zelfde postcode"
    assert _level(_tokens(postcode=["2513KX", "9711AB"], huisnummer=["17", "17"]),
                  "adres") == "zelfde huisnummer, andere postcode"


@pytest.mark.parametrize(("right", "label"), [
    (b"\xf0\x0f", "postcode lijkt wat, zelfde huisnummer"),  # Dice 2*4/(8+8) = 0.5
    (b"\xc0\x3f", "zelfde huisnummer, andere postcode"),  # Dice 2*2/(8+8) = 0.25
])
def test_a_postcode_with_two_characters_wrong_agrees_a_little(right: bytes, label: str) -> None:
    # two digits exchanged in a four-digit postcode (2617/2167) leave about half the filter
    columns: dict[str, Any] = {c: pa.nulls(2, pa.uint64()) for c in TOKEN_COLUMNS}
    columns.update(postcode_token=pa.array([1, 2], pa.uint64()),
                   postcode4_token=pa.array([1, 2], pa.uint64()),
                   huisnummer_token=pa.array([7, 7], pa.uint64()),
                   adres_token=pa.array([3, 4], pa.uint64()))
    filters = {c: pa.nulls(2, pa.binary()) for c in BLOOM_COLUMNS}
    filters["postcode_bloom"] = pa.array([b"\xff" + bytes(63), right + bytes(62)], pa.binary())
    records = split_filters(pa.table({"rid": [0, 1], **columns, **filters}), BLOOM_COLUMNS)
    assert _level(records, "adres") == label
