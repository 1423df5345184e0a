# SPDX-License-Identifier: EUPL-1.2
"""Age class at the reference date, from code list leeftijdsklasse."""

from __future__ import annotations

import pyarrow as pa

from ketenmonitor.codes import code_list
from ketenmonitor.pseudonymise.age import age_class_codes, age_classes, parse_iso_dates


def test_classes_come_from_the_code_list() -> None:
    bounded, unknown = age_classes()
    assert [c.code for c in bounded] + [unknown] == code_list("leeftijdsklasse").codes


def test_age_class_at_reference_date() -> None:
    births = ["1990-05-01", "2020-02-29", "2006-06-15", "2006-06-15", "1950-01-01"]
    refs = ["2024-04-30", "2024-02-28", "2024-06-14", "2024-06-15", "2024-01-01"]
    codes, unknown = age_class_codes(pa.array(births), pa.array(refs))
    assert codes.to_pylist() == ["25-44", "0-3", "12-17", "18-24", "65+"]
    assert unknown == 0


def test_unknown_when_a_date_is_missing_invalid_or_after_the_reference() -> None:
    codes, unknown = age_class_codes(
        pa.array(["2024-02-31", None, "1990-01-01", "2025-01-01", "01-01-1990"]),
        pa.array(["2024-06-01", "2024-06-01", None, "2024-06-01", "2024-06-01"]),
    )
    assert codes.to_pylist() == ["ONBEKEND"] * 5
    assert unknown == 5


def test_strict_iso_dates_reject_rollover() -> None:
    parsed = parse_iso_dates(pa.array(["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-5"]))
    assert [v is not None for v in parsed.to_pylist()] == [True, False, False, False]


def test_repeated_and_missing_dates_keep_their_rows() -> None:
    parsed = parse_iso_dates(pa.chunked_array([["2024-02-29", None], ["2023-02-29", "2024-02-29"]]))
    assert [v is not None for v in parsed.to_pylist()] == [True, False, False, True]
