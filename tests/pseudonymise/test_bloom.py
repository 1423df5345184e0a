# SPDX-License-Identifier: EUPL-1.2
"""Hardened Bloom filters: similar names score higher than different ones, in Python and DuckDB."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.delivery.schema import BLOOM_BYTES
from ketenmonitor.pseudonymise import PseudonymKey
from ketenmonitor.pseudonymise.bloom import (
    BloomEncoder,
    bigrams,
    bit_permutation,
    dice,
    dice_sql,
    permute_bits,
    positions,
)

KEY = PseudonymKey(secret=b"\x05" * 32)


@pytest.fixture
def encoder() -> BloomEncoder:
    return BloomEncoder(KEY.field_key("naam_bloom"))


def test_bigrams_are_padded_and_distinct() -> None:
    assert bigrams("jan") == ["_j", "ja", "an", "n_"]
    assert bigrams("aaa") == ["_a", "aa", "a_"]


def test_positions_are_characters_in_place_plus_the_sorted_form() -> None:
    assert positions("2514") == ["0:2", "1:5", "2:1", "3:4", "s:1245"]


@pytest.mark.parametrize(("value", "typo", "other"), [
    ("19850412", "19850413", "19620930"),  # one digit of the date
    ("2513KX", "2531KX", "3011AB"),  # two digits swapped in the postcode
])
def test_positional_filters_keep_one_typo_close(value: str, typo: str, other: str) -> None:
    encoder = BloomEncoder(KEY.field_key("geboortedatum_bloom"), positions)
    base = encoder.encode_one(value, "")
    assert dice(base, encoder.encode_one(typo, "")) >= 0.6 > dice(base,
                                                                  encoder.encode_one(other, ""))


def test_a_short_code_with_swapped_digits_stays_closer_than_another_code() -> None:
    encoder = BloomEncoder(KEY.field_key("postcode_bloom"), positions)
    base = encoder.encode_one("4223", "")
    assert dice(base, encoder.encode_one("4232", "")) > dice(base, encoder.encode_one("6017", ""))


@pytest.mark.parametrize(
    ("name", "similar", "different"),
    [("verbruggen", "verbrugen", "bakker"), ("jansen", "janssen", "pietersen"),
     ("meyer", "meyers", "dekker"), ("vermeulen", "vermeule", "smit"),
     ("hendriks", "hendrikx", "mulder")],
)
def test_similar_names_score_higher_than_different_ones(
        encoder: BloomEncoder, name: str, similar: str, different: str) -> None:
    base = encoder.encode_one(name, "1985")
    close = dice(base, encoder.encode_one(similar, "1985"))
    far = dice(base, encoder.encode_one(different, "1985"))
    assert dice(base, encoder.encode_one(name, "1985")) == 1.0
    assert close > 0.55 > far
    assert close - far > 0.25


def test_filters_are_fixed_length_keyed_and_salted(encoder: BloomEncoder) -> None:
    one = encoder.encode_one("jansen", "1985")
    assert len(one) == BLOOM_BYTES
    assert one == encoder.encode_one("jansen", "1985")  # deterministic
    other_year = encoder.encode_one("jansen", "1986")
    other_key = BloomEncoder(PseudonymKey(secret=b"\x06" * 32).field_key("naam_bloom"))
    # another salt or another key scatters the same name like an unrelated one
    assert dice(one, other_year) < 0.45
    assert dice(one, other_key.encode_one("jansen", "1985")) < 0.45
    assert "05" * 8 not in repr(encoder)


def test_encode_column_spreads_distinct_values_and_keeps_nulls(encoder: BloomEncoder) -> None:
    filters, distinct = encoder.encode(pa.array(["jansen", None, "jansen", "jansen", ""]),
                                       pa.array(["1985", "1985", "1985", None, "1985"]))
    values = filters.to_pylist()
    assert distinct == 2
    assert values[0] == values[2] == encoder.encode_one("jansen", "1985")
    assert values[3] == encoder.encode_one("jansen", "")
    assert values[1] is None and values[4] is None


def test_dice_sql_in_duckdb_equals_python(encoder: BloomEncoder) -> None:
    names = ["jansen", "janssen", "pietersen", "de boer"]
    filters = [encoder.encode_one(n, "1970") for n in names]
    con = duckdb.connect()
    con.execute("CREATE TABLE f (naam VARCHAR, naam_bloom BLOB)")
    con.executemany("INSERT INTO f VALUES (?, ?)", list(zip(names, filters, strict=True)))
    con.execute("INSERT INTO f VALUES ('leeg', NULL)")
    rows = con.execute(
        f"SELECT l.naam, r.naam, {dice_sql('l.naam_bloom', 'r.naam_bloom')} "
        "FROM f l, f r ORDER BY ALL").fetchall()
    by_pair = {(a, b): score for a, b, score in rows}
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            assert by_pair[(a, b)] == pytest.approx(dice(filters[i], filters[j]))
        assert by_pair[(a, "leeg")] is None
    assert by_pair[("jansen", "janssen")] > by_pair[("jansen", "pietersen")]


def test_permuting_bits_rekeys_but_keeps_every_dice(encoder: BloomEncoder) -> None:
    names = ["jansen", "janssen", "pietersen"]
    filters = pa.array([encoder.encode_one(n, "1970") for n in names] + [None], pa.binary())
    ttp = PseudonymKey(secret=b"\x07" * 32).field_key("naam_bloom")
    moved = permute_bits(filters, ttp).to_pylist()
    original = filters.to_pylist()
    assert moved[3] is None
    assert moved[0] != original[0]
    assert moved == permute_bits(filters, ttp).to_pylist()
    for i in range(3):
        for j in range(3):
            assert dice(moved[i], moved[j]) == pytest.approx(dice(original[i], original[j]))
    assert sorted(bit_permutation(ttp).tolist()) == list(range(BLOOM_BYTES * 8))
