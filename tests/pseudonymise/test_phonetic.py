# SPDX-License-Identifier: EUPL-1.2
"""The Dutch phonetic code: spelling variants agree, different names do not."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ketenmonitor.pseudonymise.phonetic import dutch_phonetic, dutch_phonetic_column


@pytest.mark.parametrize(
    "variants",
    [
        ("jansen", "janssen"),
        ("meijer", "meyer", "mijer", "meier"),
        ("smit", "smid"),
        ("vries", "fries"),
        ("visser", "visscher"),
        ("bosch", "bos"),
        ("hendriks", "hendrikx", "hendricks"),
        ("bruijn", "bruin", "bruyn"),
        ("bouwman", "bauman"),
        ("aarts", "arts"),
        ("eijk", "eyk", "ijk"),
        ("jong", "jongh"),
        ("thijssen", "tijssen"),
        ("willems", "willemse"),
        ("brand", "brandt"),
    ],
)
def test_spelling_variants_share_one_code(variants: tuple[str, ...]) -> None:
    codes = {dutch_phonetic(v) for v in variants}
    assert len(codes) == 1, codes


@pytest.mark.parametrize(
    ("one", "other"),
    [("jansen", "pietersen"), ("smit", "smits"), ("meijer", "moor"), ("bakker", "visser"),
     ("vries", "wries"), ("dijk", "dekker")],
)
def test_different_names_get_different_codes(one: str, other: str) -> None:
    assert dutch_phonetic(one) != dutch_phonetic(other)


@pytest.mark.parametrize(
    ("core", "code"),
    [("jansen", "JNSN"), ("meijer", "MYR"), ("smid", "SMT"), ("fries", "FRS"),
     ("visscher", "FSR"), ("bruyn", "BRUIN"), ("schouten", "SGAUTN"), ("aarts", "ARTS"), ("", "")],
)
def test_documented_codes(core: str, code: str) -> None:
    assert dutch_phonetic(core) == code


# Cores that exercise every rule, the look-ahead of 'c' ('cc', 'ck', 'cq', 'ce', 'ci') and runs.
CORES = ["jansen", "janssen", "meijer", "meyer", "smid", "vries", "visscher", "bosch", "schouten",
         "hendrickx", "bruijn", "bouwman", "christiaan", "cicero", "quint", "zuidam", "cck", "cce",
         "ckc", "cq", "acci", "xavier", "thijs", "dt", "ab", "hoogh", "eijkelenboom", "uy", "c"]


def test_column_form_agrees_with_the_single_value_code() -> None:
    codes = dutch_phonetic_column(pa.array([*CORES, None], pa.string())).to_pylist()
    assert codes == [*(dutch_phonetic(c) for c in CORES), None]


def test_column_form_on_a_slice_with_nulls() -> None:
    column = pa.array(["xx", None, "janssen", None, "meijer", "cck"], pa.string()).slice(1, 4)
    assert dutch_phonetic_column(column).to_pylist() == [None, "JNSN", None, "MYR"]
