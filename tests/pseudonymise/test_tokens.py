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
