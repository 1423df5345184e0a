# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import duckdb

from ketenmonitor.linkage.splink_model import (
    BLOCKING_COLUMNS,
    TOKEN_COLUMNS,
    ModelConfig,
    blockable_sql,
    comparisons,
    signature,
)

CONTRACT_T = {"bsn_token", "voornaam_token", "initiaal_token", "achternaam_token",
              "achternaam2_token", "achternaam_fonetisch_token", "geboortedatum_token",
              "geboortejaar_token", "geboortedatum_wissel_token", "postcode_token",
              "huisnummer_token", "adres_token"}


def test_the_model_reads_the_token_columns_of_contract_t() -> None:
    assert set(TOKEN_COLUMNS) == CONTRACT_T
    assert {c for group in BLOCKING_COLUMNS for c in group} <= CONTRACT_T


def test_every_comparison_has_a_null_level_and_an_else_level() -> None:
    for comparison in comparisons(bloom=True):
        levels = comparison["comparison_levels"]
        assert levels[0].get("is_null_level") is True
        assert levels[-1]["sql_condition"] == "ELSE"
        assert len(levels) >= 3
    names = [c["output_column_name"] for c in comparisons(bloom=False)]
    assert "naam_bloom" not in names and "naam_bloom" in [
        c["output_column_name"] for c in comparisons(bloom=True)]


def test_partial_agreement_levels_are_there() -> None:
    labels = {c["output_column_name"]: [lv["label_for_charts"] for lv in c["comparison_levels"]]
              for c in comparisons()}
    assert "dag en maand verwisseld" in labels["geboortedatum"]
    assert "zelfde jaar" in labels["geboortedatum"]
    assert "deel dubbele naam" in labels["achternaam"]
    assert "zelfde fonetische code" in labels["achternaam"]
    assert "alleen initiaal, gelijk" in labels["voornaam"]


def test_signature_changes_with_the_model_definition_only() -> None:
    assert signature(ModelConfig()) == signature(ModelConfig(match_threshold=0.5))
    assert signature(ModelConfig(bloom=False)) != signature(ModelConfig(bloom=True))


def test_blockable_means_some_blocking_rule_has_all_its_columns() -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT {', '.join(f'NULL::UBIGINT AS {c}' for c in CONTRACT_T)}")
    assert con.execute(f"SELECT {blockable_sql()} FROM t").fetchall() == [(False,)]
    con.execute("UPDATE t SET adres_token = 1")  # an address alone links no person
    assert con.execute(f"SELECT {blockable_sql()} FROM t").fetchall() == [(False,)]
    con.execute("UPDATE t SET initiaal_token = 2")  # address + initial does
    assert con.execute(f"SELECT {blockable_sql()} FROM t").fetchall() == [(True,)]


def test_dice_on_bloom_filters_is_computed_in_duckdb() -> None:
    con = duckdb.connect()
    level = next(c for c in comparisons(bloom=True)
                 if c["output_column_name"] == "naam_bloom")["comparison_levels"][1]
    row = con.execute(f"SELECT {level['sql_condition']} FROM (SELECT "
                      "'\\xF0\\x0F'::BLOB AS naam_bloom_l, '\\xF0\\x0F'::BLOB AS naam_bloom_r)"
                      ).fetchall()
    assert row == [(True,)]
    row = con.execute(f"SELECT {level['sql_condition']} FROM (SELECT "
                      "'\\xF0\\x0F'::BLOB AS naam_bloom_l, '\\xF0\\x00'::BLOB AS naam_bloom_r)"
                      ).fetchall()
    assert row == [(False,)]  # Dice = 2*4/(8+4) = 0.67
