# SPDX-License-Identifier: EUPL-1.2
"""Bloom filters split into words: the same Dice as on the filters, nulls kept, bad sizes refused."""

from __future__ import annotations

import random

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.delivery.schema import BLOOM_BYTES
from ketenmonitor.linkage.bloom_columns import (
    WORDS,
    count_column,
    dice_sql,
    split_filters,
    word_columns,
)
from ketenmonitor.pseudonymise.bloom import dice


def _filters(n: int, seed: int = 3) -> list[bytes | None]:
    rng = random.Random(seed)
    return [None if i % 4 == 3 else bytes(rng.getrandbits(8) for _ in range(BLOOM_BYTES))
            for i in range(n)]


def test_words_and_counts_replace_the_filter_column_in_place() -> None:
    filters = _filters(8)
    table = split_filters(pa.table({"rid": range(8), "f": pa.array(filters, pa.binary()),
                                    "x": range(8)}), ("f",))
    assert table.column_names == ["rid", *word_columns("f"), count_column("f"), "x"]
    assert len(word_columns("f")) == WORDS == 8
    counts = table.column("f_n").to_pylist()
    for value, count in zip(filters, counts, strict=True):
        assert count == (None if value is None else int.from_bytes(value, "big").bit_count())


def test_dice_in_duckdb_on_words_equals_dice_on_the_filters() -> None:
    filters = _filters(12)
    table = split_filters(pa.table({"rid": range(12), "f": pa.array(filters, pa.binary())}),
                          ("f",))
    con = duckdb.connect()
    con.register("t", table)
    columns = [*word_columns("f"), count_column("f")]
    pair = ", ".join(f"l.{c} AS {c}_l, r.{c} AS {c}_r" for c in columns)
    condition = dice_sql("f", 0.0).removesuffix(" >= 0.0")
    rows = con.execute(f"SELECT lr, rr, {condition} FROM (SELECT l.rid AS lr, r.rid AS rr, "
                       f"{pair} FROM t l, t r)").fetchall()
    assert len(rows) == 144
    for left, right, value in rows:
        a, b = filters[left], filters[right]
        if a is None or b is None:
            assert value is None
        else:
            assert value == pytest.approx(dice(a, b))


def test_a_filter_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        split_filters(pa.table({"f": pa.array([b"\x01" * 63], pa.binary())}), ("f",))


def test_a_column_without_any_filter_gives_null_words() -> None:
    table = split_filters(pa.table({"f": pa.nulls(3, pa.binary())}), ("f",))
    assert table.column("f_0").null_count == 3 and table.column("f_n").null_count == 3
