# SPDX-License-Identifier: EUPL-1.2
"""HMAC tokens with precomputed pads must equal the standard library's HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac

import pyarrow as pa

from ketenmonitor.pseudonymise import FieldTokeniser, PseudonymKey


def test_token_equals_hmac_sha256() -> None:
    for field_key in (b"k" * 32, b"", b"x" * 64, b"y" * 100):
        tokeniser = FieldTokeniser(field_key)
        for message in (b"", b"111222333", b"2511AB|12|A" * 20):
            assert tokeniser.token(message) == hmac.new(field_key, message, hashlib.sha256).digest()


def test_tokens_of_a_column_keep_nulls_and_repeat_for_equal_values() -> None:
    tokeniser = FieldTokeniser(b"k" * 32)
    tokens, distinct = tokeniser.tokens(pa.chunked_array([["a", None], ["b", "a"]]))
    values = tokens.to_pylist()
    assert distinct == 2
    assert values[1] is None
    assert values[0] == values[3] == tokeniser.token(b"a")
    assert values[2] == tokeniser.token(b"b")
    assert all(len(v) == 32 for v in values if v is not None)
    assert tokens.type == pa.binary()


def test_different_keys_and_fields_give_unrelated_tokens() -> None:
    one = PseudonymKey(secret=b"\x01" * 32)
    two = PseudonymKey(secret=b"\x02" * 32)
    message = b"111222333"
    assert FieldTokeniser(one.field_key("bsn")).token(message) != FieldTokeniser(
        two.field_key("bsn")).token(message)
    assert FieldTokeniser(one.field_key("bsn")).token(message) != FieldTokeniser(
        one.field_key("adres")).token(message)


def test_repr_hides_the_key() -> None:
    assert "6b6b" not in repr(FieldTokeniser(b"k" * 32)) and "k" * 8 not in repr(
        FieldTokeniser(b"k" * 32))


def test_memoised_tokens_equal_fresh_ones_and_the_memo_stays_within_its_limit() -> None:
    field_key = b"k" * 32
    memoising = FieldTokeniser(field_key, memo_limit=3)
    fresh = FieldTokeniser(field_key)
    first = pa.array(["a", "b", None, "a", "c", "d"])
    second = pa.array(["d", "e", "a", None, "b"])
    for values in (first, second, first):
        tokens, distinct = memoising.tokens(values)
        expected, expected_distinct = fresh.tokens(values)
        assert tokens.equals(expected)
        assert distinct == expected_distinct
    assert memoising.memo_size == 3


def test_the_key_keeps_one_tokeniser_per_field_and_limit() -> None:
    key = PseudonymKey(b"s" * 32)
    assert key.tokeniser("bsn") is key.tokeniser("bsn")
    assert key.tokeniser("bsn", 10) is not key.tokeniser("bsn")
    assert key.tokeniser("bsn").token(b"1") == FieldTokeniser(key.field_key("bsn")).token(b"1")
    assert key == PseudonymKey(b"s" * 32)
