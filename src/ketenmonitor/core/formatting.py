# SPDX-License-Identifier: EUPL-1.2
"""Dutch notation of numbers, percentages, amounts and dates: the one place that writes them.

Council staff read figures the way CBS writes them: a decimal comma, a dot between thousands,
rounding half away from zero on the decimal representation (2,25 → 2,3). Reports, portal,
exports, regiovisie texts and the CLI all call these functions, so a figure looks the same
everywhere. It lives in ``core`` because the partner commands print counts too, and it uses the
standard library only: Babel would add a dependency (and 30 MB of locale data) to the partner
install for four functions, and its rounding follows the decimal context rather than CBS.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"  # no figure for this cell (not published)

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

Number = float | int | Decimal


def _is_missing(value: Number | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(value: Number, decimals: int) -> Decimal:
    """``value`` rounded half away from zero, on its decimal (not binary) representation."""
    exact = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    return exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def format_number(
    value: Number | None, decimals: int = 1, *, thousands: bool = True, missing: str = MISSING
) -> str:
    """``1234.56`` → ``'1.234,6'``; ``None``/NaN → ``missing``.

    ``thousands=False`` leaves out the dot between thousands, for CSV that Excel must read as a
    number. A value that rounds to zero never gets a minus sign (``-0.04`` → ``'0,0'``).
    """
    if _is_missing(value):
        return missing
    assert value is not None
    rounded = _rounded(value, decimals)
    text = f"{abs(rounded):{',' if thousands else ''}.{decimals}f}"
    text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return ("-" if rounded < 0 else "") + text


def format_count(value: Number | None) -> str:
    """A count without decimals: ``12345`` → ``'12.345'``."""
    return format_number(value, 0)


def format_percent(value: Number | None, decimals: int = 1) -> str:
    """``12.34`` (already in percent) → ``'12,3%'``."""
    if _is_missing(value):
        return MISSING
    return format_number(value, decimals) + "%"


def format_share(part: int | None, whole: int | None, decimals: int = 1) -> str:
    """``part`` as a percentage of ``whole`` in Dutch notation; missing when ``whole`` is 0."""
    if part is None or not whole:
        return MISSING
    return format_percent(100.0 * part / whole, decimals)


def format_signed(value: Number | None, decimals: int = 1, unit: str = "") -> str:
    """A difference with an explicit sign: ``+1,2`` / ``-0,4`` / ``0,0``."""
    if _is_missing(value):
        return MISSING
    assert value is not None
    text = format_number(value, decimals)
    if value > 0 and text.strip("0,.") != "":
        text = "+" + text
    return f"{text} {unit}".strip() if unit else text


def format_amount(value: Number, decimals: int = 2) -> str:
    """``Decimal('8310.5')`` → ``'€ 8.310,50'``."""
    return "€ " + format_number(value, decimals)


def format_bytes(size: int) -> str:
    """A file size for a message: ``2147483648`` → ``'2,0 GB'``."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= factor:
            return f"{format_number(size / factor, 1)} {unit}"
    return f"{size} bytes"


def format_date(day: date | str | None) -> str:
    """``2025-12-31`` → ``'31 december 2025'``."""
    if day is None or day == "":
        return MISSING
    value = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
