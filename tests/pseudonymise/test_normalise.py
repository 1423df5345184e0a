# SPDX-License-Identifier: EUPL-1.2
"""Normalisation of BSN, postcode and house number before tokenisation."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ketenmonitor.pseudonymise.normalise import (
    elfproef,
    normalise_address,
    normalise_bsn,
    normalise_postcode,
)

from .conftest import elfproef_ok, valid_bsns


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("111222333", "111222333"),
        (" 111.222.333 ", "111222333"),
        ("111-222-333", "111222333"),
        ("0111222333", "111222333"),  # leading zero beyond 9 digits
        ("11122233", None),  # padded to 011122233, fails the elfproef
        ("123456789", None),  # elfproef fails
        ("000000000", None),
        ("1234567890", None),  # too long
        ("12", None),  # passes the elfproef as 000000012, but a BSN has at least 8 digits
        ("abc", None),
    ],
)
def test_bsn_normalisation(raw: str, expected: str | None) -> None:
    assert normalise_bsn(pa.array([raw])).values.to_pylist() == [expected]


def test_bsn_left_pad_keeps_valid_short_numbers() -> None:
    short = next(b for b in valid_bsns(200, start=10_000_000) if b.startswith("0"))
    assert normalise_bsn(pa.array([short.lstrip("0")])).values.to_pylist() == [short]


def test_bsn_counts_missing_and_invalid_separately() -> None:
    result = normalise_bsn(pa.array(["111222333", None, "", "  ", "123456789", "12"]))
    assert (result.valid, result.missing, result.invalid) == (1, 3, 2)


def test_vectorised_elfproef_agrees_with_the_definition() -> None:
    numbers = [f"{n:09d}" for n in range(100_000_000, 100_002_000)]
    mask = elfproef(pa.array(numbers))
    assert list(mask) == [elfproef_ok(n) for n in numbers]


def test_postcode() -> None:
    raw = ["2511 ab", "2511AB", " 2511  aB ", "0511AB", "2511A", None]
    values = normalise_postcode(pa.array(raw))
    assert values.to_pylist() == ["2511AB", "2511AB", "2511AB", None, None, None]


def test_address_message_and_toevoeging() -> None:
    result = normalise_address(
        pa.array(["2511 ab", "2511AB", "2511ab", "2511AB", None, None, "2511AB"]),
        pa.array(["12", "012 a", "7", "12-2", None, "5", "x"]),
        pa.array([None, "", "-b ", None, None, None, None]),
    )
    assert result.values.to_pylist() == [
        "2511AB|12|", "2511AB|12|A", "2511AB|7|B", "2511AB|12|2", None, None, None,
    ]
    assert (result.valid, result.missing, result.invalid) == (4, 1, 2)


def test_toevoeging_column_wins_over_suffix_in_number() -> None:
    result = normalise_address(pa.array(["2511AB"]), pa.array(["12a"]), pa.array(["bis"]))
    assert result.values.to_pylist() == ["2511AB|12|BIS"]
