# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.linkage.bloom_columns import split_filters
from ketenmonitor.linkage.splink_model import (
    BLOCKING_COLUMNS,
    BLOOM_COLUMNS,
    EXTRA_BLOCKING_COLUMNS,
    TOKEN_COLUMNS,
    ModelConfig,
    blockable_sql,
    comparisons,
    signature,
)

CONTRACT_T = {"bsn_token", "voornaam_token", "initiaal_token", "achternaam_token",
              "achternaam2_token", "achternaam_fonetisch_token", "geboortedatum_token",
              "geboortejaar_token", "geboortedatum_wissel_token", "postcode_token",
              "huisnummer_token", "adres_token", "naampaar_token"}


def test_the_model_reads_the_token_columns_of_contract_t() -> None:
    assert set(TOKEN_COLUMNS) == CONTRACT_T
    assert {c for group in (*BLOCKING_COLUMNS, *EXTRA_BLOCKING_COLUMNS) for c in group
            } <= CONTRACT_T


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
                          ("geboortedatum", "geboortedatum_bloom"), ("adres", "postcode_bloom")):
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
