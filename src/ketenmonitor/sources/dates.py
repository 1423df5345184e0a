# SPDX-License-Identifier: EUPL-1.2
"""Date formats of a mapping: a pattern (``dd-mm-jjjj``), ``iso`` or ``excel``, to ``jjjj-mm-dd``.

* a pattern of ``dd``, ``mm`` and ``jjjj`` (or ``yyyy``) with any separators;
* ``iso``: ISO 8601 dates and date-times, with or without a time zone (``2024-03-31``,
  ``2024-03-31T00:30:00+02:00``, ``2024-03-30T23:30:00Z``). A time with a zone is converted to
  the Dutch local date (Europe/Amsterdam, summer time included), because registrations are about
  what happened on a Dutch calendar day; a time without a zone is taken as local time already;
* ``excel``: Excel serial day numbers (``45292`` is 2024-01-01), as exports of spreadsheets without
  date formatting give them.

Whatever the format, a value already written as a valid ``jjjj-mm-dd`` passes (a real date cell of
an Excel sheet arrives that way). A value that cannot be read stays as written, so that ingest
quarantines the row with a reason instead of the reader guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _

ISO = "iso"
EXCEL = "excel"
LOCAL_ZONE = "Europe/Amsterdam"
_DATE_TOKENS = {"dd": r"(?P<d>\d{1,2})", "mm": r"(?P<m>\d{1,2})", "jjjj": r"(?P<y>\d{4})",
                "yyyy": r"(?P<y>\d{4})"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was (serial 60), so from
# serial 61 on the days count from 1899-12-30. The largest serial Excel shows is 9999-12-31.
_EXCEL_MAX = 2_958_465


def date_regex(date_format: str) -> re.Pattern[str]:
    """'dd-mm-jjjj' -> a regex with groups d, m and y."""
    parts = re.split(r"(dd|mm|jjjj|yyyy)", date_format.lower())
    return re.compile("^" + "".join(_DATE_TOKENS.get(p, re.escape(p)) for p in parts) + "$")


def check_date_format(value: str) -> str:
    """The format itself, or a Dutch ``ValueError`` saying why it cannot be used.

    Checked before any regex is built from it: 'YYYY-MM-DDTHH:MM' names the month twice and
    would otherwise end in a regex error (a traceback) instead of a sentence."""
    lowered = value.lower()
    if lowered in (ISO, EXCEL):
        return lowered
    tokens = sorted(t.replace("yyyy", "jjjj") for t in re.findall(r"dd|mm|jjjj|yyyy", lowered))
    if tokens != ["dd", "jjjj", "mm"]:
        raise ValueError(_("datumformaat '{waarde}' moet dd, mm en jjjj elk precies één keer "
                           "bevatten, of 'iso' (ook voor datums met een tijd) of 'excel' "
                           "zijn").format(waarde=value))
    rest = re.sub(r"dd|mm|jjjj|yyyy", "", lowered)
    if re.search(r"[^\W_]", rest):
        raise ValueError(_("datumformaat '{waarde}' bevat tekens die geen dd, mm of jjjj zijn; "
                           "gebruik bijvoorbeeld dd-mm-jjjj, jjjj/mm/dd, iso of excel").format(
            waarde=value))
    return value


@cache
def local_zone() -> ZoneInfo:
    try:
        return ZoneInfo(LOCAL_ZONE)
    except ZoneInfoNotFoundError:
        raise ConfigurationError(
            "tijdzone_onbekend",
            _("De tijdzonegegevens voor {zone} ontbreken op deze computer.").format(
                zone=LOCAL_ZONE),
            _("Installeer het pakket tzdata (pip install tzdata) en probeer het opnieuw."),
        ) from None


def iso_to_local_date(text: str) -> str:
    """An ISO 8601 date or date-time as the Dutch local date; unchanged when unreadable."""
    candidate = text.strip()
    if len(candidate) > 10 and candidate[10] == " ":
        candidate = candidate[:10] + "T" + candidate[11:]
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(local_zone())
    return moment.date().isoformat()


def excel_to_date(text: str) -> str:
    """An Excel serial day number (a time of day as fraction is dropped); unchanged otherwise."""
    if _ISO_DATE.match(text):
        return text
    try:
        serial = float(text.replace(",", "."))
    except ValueError:
        return text
    if not 1 <= serial <= _EXCEL_MAX or int(serial) == 60:
        return text
    day = int(serial)
    base = date(1899, 12, 31) if day < 60 else date(1899, 12, 30)
    return (base + timedelta(days=day)).isoformat()


def map_distinct(array: pa.Array, func: Callable[[str], str | None]) -> pa.Array:
    """Apply ``func`` once per distinct non-null value."""
    if len(array) == 0:
        return array
    encoded = array.dictionary_encode()
    mapped = pa.array([func(v) for v in encoded.dictionary.to_pylist()], type=pa.string())
    return pa.DictionaryArray.from_arrays(encoded.indices, mapped).cast(pa.string())


def normalise_dates(array: pa.Array, date_format: str) -> pa.Array:
    """Dates in ``date_format`` -> 'jjjj-mm-dd'; values that are not a valid date stay unchanged."""
    if len(array) == 0:
        return array
    if date_format == ISO:
        return map_distinct(array, iso_to_local_date)
    if date_format == EXCEL:
        return map_distinct(array, excel_to_date)
    # Parsed once per distinct value (strptime and strftime are slow) and spread back.
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    encoded = array.dictionary_encode()
    distinct = encoded.dictionary
    parts = pc.extract_regex(distinct, pattern=date_regex(date_format).pattern)
    day = pc.utf8_lpad(pc.struct_field(parts, "d"), width=2, padding="0")
    month = pc.utf8_lpad(pc.struct_field(parts, "m"), width=2, padding="0")
    iso = pc.binary_join_element_wise(pc.struct_field(parts, "y"), month, day, "-")
    parsed = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
    valid = pc.fill_null(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), iso), False)
    return pc.take(pc.if_else(valid, iso, distinct), encoded.indices)
