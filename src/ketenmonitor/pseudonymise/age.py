# SPDX-License-Identifier: EUPL-1.2
"""Age class (code list ``leeftijdsklasse``) instead of the date of birth.

The date of birth is an identifier and never leaves the partner; the age class at the reference
date of the record (e.g. the day Veilig Thuis received the melding) is what the monitor needs.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.codes.registry import DATA_DIR

UNKNOWN_AGE = -1


@dataclass(frozen=True)
class AgeClass:
    code: str
    minimum: int
    maximum: int


@lru_cache(maxsize=1)
def age_classes() -> tuple[tuple[AgeClass, ...], str]:
    """The bounded classes of code list ``leeftijdsklasse`` and the code for 'unknown'."""
    with (DATA_DIR / "leeftijdsklasse.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bounded = tuple(
        AgeClass(r["code"], int(r["min_leeftijd"]), int(r["max_leeftijd"]))
        for r in rows
        if r["min_leeftijd"] and r["max_leeftijd"]
    )
    unknown = next(r["code"] for r in rows if not r["min_leeftijd"])
    return bounded, unknown


def parse_iso_dates(values: Any) -> Any:
    """Timestamps for strict ISO dates (``jjjj-mm-dd``); null for anything else (e.g. 31 Feb).

    Parsed once per distinct value (strptime and strftime are slow) and spread back."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(pc.cast(values, pa.string())))
    strings = encoded.dictionary
    parsed = pc.strptime(strings, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 2024-02-31 over to 2024-03-02; a round trip catches that.
    same = pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), strings)
    valid = pc.if_else(pc.fill_null(same, False), parsed, pa.scalar(None, parsed.type))
    return pc.take(valid, encoded.indices)


def ages(birth: Any, reference: Any) -> Any:
    """Completed years between two date columns (numpy int64; ``UNKNOWN_AGE`` where unknown)."""
    born = parse_iso_dates(birth)
    ref = parse_iso_dates(reference)
    years = pc.subtract(pc.year(ref), pc.year(born))
    ref_md = pc.add(pc.multiply(pc.month(ref), 100), pc.day(ref))
    born_md = pc.add(pc.multiply(pc.month(born), 100), pc.day(born))
    before_birthday = pc.cast(pc.less(ref_md, born_md), pa.int64())
    age = pc.subtract(pc.cast(years, pa.int64()), before_birthday)
    result: np.ndarray[Any, Any] = pc.fill_null(age, UNKNOWN_AGE).to_numpy(zero_copy_only=False)
    return result


def age_class_codes(birth: Any, reference: Any) -> tuple[Any, int]:
    """Age class code per row, and how many rows got the 'unknown' class."""
    bounded, unknown = age_classes()
    age = ages(birth, reference)
    conditions = [(age >= c.minimum) & (age <= c.maximum) for c in bounded]
    codes = np.select(conditions, [c.code for c in bounded], default=unknown)
    return pa.array(codes.astype(object), pa.string()), int(np.sum(codes == unknown))
