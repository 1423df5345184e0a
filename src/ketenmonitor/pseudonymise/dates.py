# SPDX-License-Identifier: EUPL-1.2
"""Date-of-birth forms for tokens: the full date, the year, and a day/month swap-tolerant form.

Partners swap day and month (04-03 for 03-04), write only a year, or write '00' for an unknown day
or month. Three forms keep as much agreement as the written date allows:

* ``full``: ``jjjj-mm-dd`` when the date exists;
* ``year``: ``jjjj`` when a year between :data:`MIN_YEAR` and :data:`MAX_YEAR` can be read, also
  from '1990', '1990-00-00' or a date that does not exist ('1990-13-04');
* ``swapped``: ``jjjj|a|b`` with (a, b) = sorted(day, month), when the date exists in at least one
  reading; 1990-03-04 and 1990-04-03 give the same value, and so does the impossible 1990-13-04
  with 1990-04-13;
* ``digits``: ``jjjjmmdd`` whenever year, month and day can be read and the year is plausible, also
  for a date that does not exist (a typo such as 1990-31-04 keeps seven of its eight digits); the
  input of the Bloom filter of the date;
* the three *pairs of parts* of ``digits`` (schema 1.4, :func:`date_part_pairs`): year + month,
  month + day and year + day. Two dates that differ in one part only (a typo in one digit, one
  month or one year apart, a wrong day) still agree on one pair, so linkage can tell 'one part
  wrong' from 'another date' without comparing the dates themselves.

Accepted spellings: ``jjjj-mm-dd`` (what ``ketenmonitor.sources`` makes of a valid date) and, for
values that the source left as written because they are not a valid date, ``dd-mm-jjjj``, with
'-', '/' or '.' between the parts. Everything works on whole pyarrow columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MIN_YEAR = 1880
MAX_YEAR = 2100
_ISO = r"^(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})$"
_DUTCH = r"^(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})$"
_YEAR = r"^(?P<y>[0-9]{4})$"


@dataclass(frozen=True)
class BirthDateForms:
    """The three forms as pyarrow string columns (null where not available)."""

    full: Any
    year: Any
    swapped: Any
    digits: Any


def _strings(column: Any) -> Any:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return pc.utf8_trim_whitespace(pc.cast(column, pa.string()))


def _part(name: str, *matches: Any) -> Any:
    """The named part of the first pattern that matched, as int32 (null if none matched)."""
    return pc.coalesce(*(pc.cast(pc.struct_field(m, name), pa.int32()) for m in matches))


_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _iso(year: Any, month: Any, day: Any) -> Any:
    """'jjjj-mm-dd' when (year, month, day) is a real date, else null (Gregorian calendar; only
    used for years of four digits)."""
    text = pc.binary_join_element_wise(
        pc.utf8_lpad(pc.cast(year, pa.string()), width=4, padding="0"),
        pc.utf8_lpad(pc.cast(month, pa.string()), width=2, padding="0"),
        pc.utf8_lpad(pc.cast(day, pa.string()), width=2, padding="0"),
        "-",
    )
    known = pc.fill_null(pc.is_valid(text), False).to_numpy(zero_copy_only=False)
    y, m, d = (pc.fill_null(part, 0).to_numpy(zero_copy_only=False).astype(np.int64)
               for part in (year, month, day))
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    days = _DAYS_IN_MONTH[np.clip(m, 0, 12)] + ((m == 2) & leap)
    real = known & (m >= 1) & (m <= 12) & (d >= 1) & (d <= days)
    return pc.if_else(pa.array(real, pa.bool_()), text, pa.scalar(None, pa.string()))


def _two(values: Any) -> Any:
    return pc.utf8_lpad(pc.cast(values, pa.string()), width=2, padding="0")


def birth_date_forms(column: Any) -> BirthDateForms:
    """Full, year and swap-tolerant forms of a column of written dates of birth.

    The forms are computed once per distinct written value and spread back over the rows.
    """
    encoded = pc.dictionary_encode(_strings(column))
    forms = _forms(encoded.dictionary)
    return BirthDateForms(full=pc.take(forms.full, encoded.indices),
                          year=pc.take(forms.year, encoded.indices),
                          swapped=pc.take(forms.swapped, encoded.indices),
                          digits=pc.take(forms.digits, encoded.indices))


def _forms(text: Any) -> BirthDateForms:
    iso = pc.extract_regex(text, _ISO)
    dutch = pc.extract_regex(text, _DUTCH)
    only_year = pc.extract_regex(text, _YEAR)
    year = _part("y", iso, dutch, only_year)
    month = _part("m", iso, dutch)
    day = _part("d", iso, dutch)
    plausible = pc.fill_null(
        pc.and_(pc.greater_equal(year, MIN_YEAR), pc.less_equal(year, MAX_YEAR)), False)
    null = pa.scalar(None, pa.string())
    year_text = pc.if_else(plausible, pc.cast(year, pa.string()), null)
    full = pc.if_else(plausible, _iso(year, month, day), null)
    turned = pc.if_else(plausible, _iso(year, day, month), null)
    either = pc.or_(pc.is_valid(full), pc.is_valid(turned))
    low = _two(pc.min_element_wise(month, day))
    high = _two(pc.max_element_wise(month, day))
    swapped = pc.if_else(either, pc.binary_join_element_wise(year_text, low, high, "|"), null)
    digits = pc.if_else(pc.fill_null(pc.and_(pc.is_valid(month), pc.is_valid(day)), False),
                        pc.binary_join_element_wise(year_text, _two(month), _two(day), ""), null)
    return BirthDateForms(full=full, year=year_text, swapped=swapped, digits=digits)


def date_part_pairs(digits: Any) -> tuple[Any, Any, Any]:
    """(year+month 'jjjjmm', month+day 'mmdd', year+day 'jjjjdd') of ``digits`` ('jjjjmmdd';
    null stays null). Each pair is tokenised under its own key."""
    def cut(start: int, stop: int) -> Any:
        return pc.utf8_slice_codeunits(digits, start, stop)

    year, month, day = cut(0, 4), cut(4, 6), cut(6, 8)
    return (pc.binary_join_element_wise(year, month, ""), pc.binary_join_element_wise(month, day, ""),
            pc.binary_join_element_wise(year, day, ""))
