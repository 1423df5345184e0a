# SPDX-License-Identifier: EUPL-1.2
"""Normalising identifiers before they are tokenised, so that spelling does not change the token.

All functions work on whole pyarrow columns at once (no Python loop per row). A value that cannot
be normalised becomes null and is counted, so the partner sees how many records lost a token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_POSTCODE = r"^[1-9][0-9]{3}[A-Z]{2}$"
_HUISNUMMER = r"^0*(?P<nr>[1-9][0-9]{0,5})[\s\-/]*(?P<rest>[A-Z0-9]*)$"


@dataclass(frozen=True)
class Normalised:
    """Normalised values (null where missing or invalid) with the counts of both."""

    values: Any  # pyarrow.StringArray
    missing: int
    invalid: int

    @property
    def valid(self) -> int:
        return int(len(self.values) - self.values.null_count)


def _strings(column: Any) -> Any:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return pc.cast(column, pa.string())


def _blank_to_null(values: Any) -> Any:
    trimmed = pc.utf8_trim_whitespace(values)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def elfproef(bsn9: Any) -> Any:
    """Boolean mask: which values are 9 digits passing the BSN elfproef (and not all zeros).

    Works on the raw bytes of the Arrow string buffer (9 ASCII digits per value), one weighted
    column sum per digit position with the weights 9..2, -1.
    """
    strings = _strings(bsn9)
    nine = pc.fill_null(pc.match_substring_regex(strings, "^[0-9]{9}$"), False)
    fixed = pc.if_else(nine, strings, "000000000")
    count = len(fixed)
    if count == 0:
        return np.zeros(0, dtype=bool)
    offsets = np.frombuffer(fixed.buffers()[1], dtype=np.int32)
    first = int(offsets[fixed.offset])
    data = np.frombuffer(fixed.buffers()[2], dtype=np.uint8)[first:first + 9 * count]
    digits = data.reshape(count, 9)
    total = np.zeros(count, dtype=np.int16)
    for position, weight in enumerate(_BSN_WEIGHTS):
        total += (digits[:, position].astype(np.int16) - ord("0")) * np.int16(weight)
    nonzero = (digits != ord("0")).any(axis=1)
    mask: np.ndarray[Any, Any] = (total % 11 == 0) & nonzero
    return mask


def normalise_bsn(column: Any) -> Normalised:
    """Digits only, leading zeros dropped then left-padded to 9; elfproef must pass.

    A BSN has 9 digits, or 8 written without the leading zero; fewer significant digits (e.g.
    '12', which passes the elfproef as 000000012) are invalid.
    """
    digits = pc.replace_substring_regex(_strings(column), r"[^0-9]", "")
    digits = pc.utf8_ltrim(digits, characters="0")
    raw_missing = pc.is_null(_blank_to_null(_strings(column)))
    missing = int(pc.sum(raw_missing).as_py() or 0)
    length = pc.utf8_length(digits)
    wrong_length = pc.or_(pc.greater(length, 9), pc.less(length, 8))
    padded = pc.utf8_lpad(digits, width=9, padding="0")
    unusable = pc.or_kleene(wrong_length, raw_missing)
    candidate = pc.if_else(unusable, pa.scalar(None, pa.string()), padded)
    passes = pa.array(elfproef(candidate), pa.bool_())
    ok = pc.and_(pc.is_valid(candidate), passes)
    values = pc.if_else(ok, candidate, pa.scalar(None, pa.string()))
    invalid = int(len(values) - int(pc.sum(ok).as_py() or 0) - missing)
    return Normalised(values=values, missing=missing, invalid=invalid)


def normalise_postcode(column: Any) -> Any:
    """'2511 ab' -> '2511AB'; anything that is not a Dutch postcode becomes null."""
    compact = pc.utf8_upper(pc.replace_substring_regex(_strings(column), r"\s+", ""))
    return pc.if_else(pc.match_substring_regex(compact, _POSTCODE), compact,
                      pa.scalar(None, pa.string()))


def normalise_house_number(huisnummer: Any, toevoeging: Any) -> Any:
    """'huisnummer|toevoeging', e.g. '12|A' or '17|'; null when the number is missing or bad.

    A toevoeging written into the house number ('12 a', '12-2') is split off when the toevoeging
    column is empty; toevoegingen keep only letters and digits, upper-case.
    """
    nr_raw = _blank_to_null(_strings(huisnummer))
    parts = pc.extract_regex(pc.utf8_upper(nr_raw), _HUISNUMMER)
    number = pc.struct_field(parts, "nr")
    rest = pc.fill_null(pc.struct_field(parts, "rest"), "")
    extra = pc.replace_substring_regex(pc.utf8_upper(_strings(toevoeging)), r"[^A-Z0-9]", "")
    extra = pc.fill_null(extra, "")
    suffix = pc.if_else(pc.equal(extra, ""), rest, extra)
    return pc.binary_join_element_wise(number, suffix, "|")


def normalise_address(postcode: Any, huisnummer: Any, toevoeging: Any,
                      parts: tuple[Any, Any] | None = None) -> Normalised:
    """'postcode|huisnummer|toevoeging', e.g. '2511AB|12|A'; null if postcode or number is bad.

    The house number part is :func:`normalise_house_number`. ``parts`` are the already computed
    ``normalise_postcode`` (of the blank-trimmed postcode) and ``normalise_house_number``.
    """
    pc_raw = _blank_to_null(_strings(postcode))
    nr_raw = _blank_to_null(_strings(huisnummer))
    code, number = parts or (normalise_postcode(pc_raw),
                             normalise_house_number(huisnummer, toevoeging))
    joined = pc.binary_join_element_wise(code, number, "|")
    missing_mask = pc.and_(pc.is_null(pc_raw), pc.is_null(nr_raw))
    missing = int(pc.sum(missing_mask).as_py() or 0)
    invalid = int(joined.null_count - missing)
    return Normalised(values=joined, missing=missing, invalid=invalid)


def blank_to_null(column: Any) -> Any:
    """Trimmed strings, with empty strings as null."""
    return _blank_to_null(_strings(column))
