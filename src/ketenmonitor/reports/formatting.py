# SPDX-License-Identifier: EUPL-1.2
"""Dutch notation for everything the report prints: numbers, dates, periods and labels.

Council staff read figures the way CBS writes them: a decimal comma, a dot between thousands,
``.`` for a cell that is suppressed and ``*`` for a provisional figure. Keeping this in one module
means every table, chart text and sentence in the report uses the same notation.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period

SUPPRESSED = "."  # CBS sign: onderdrukt wegens onthullingsrisico
PROVISIONAL = "*"  # CBS sign: voorlopig cijfer
MISSING = "–"  # no figure for this cell (not published)

_MONTHS = (
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


def _is_missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | int | None, decimals: int = 1) -> str:
    """``1234.56`` → ``'1.234,6'``; ``None``/NaN → the sign for a missing figure."""
    if _is_missing(value):
        return MISSING
    assert value is not None
    # Half away from zero on the decimal representation, as CBS and the publication do (2,25 → 2,3).
    rounded = Decimal(repr(float(abs(value)))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    negative = value < 0 and any(ch not in "0,." for ch in text)
    return ("-" if negative else "") + text


def format_count(value: float | int | None) -> str:
    """A count without decimals: ``12345`` → ``'12.345'``."""
    return format_number(value, 0)


def format_percent(value: float | None, decimals: int = 1) -> str:
    """``12.34`` (already in percent) → ``'12,3%'``."""
    if _is_missing(value):
        return MISSING
    return format_number(value, decimals) + "%"


def format_share(part: int | None, whole: int | None, decimals: int = 1) -> str:
    """``part`` as a percentage of ``whole`` in Dutch notation; missing when ``whole`` is 0."""
    if part is None or not whole:
        return MISSING
    return format_percent(100.0 * part / whole, decimals)


def format_signed(value: float | None, decimals: int = 1, unit: str = "") -> str:
    """A difference with an explicit sign: ``+1,2`` / ``-0,4`` / ``0,0``."""
    if _is_missing(value):
        return MISSING
    assert value is not None
    text = format_number(value, decimals)
    if value > 0 and text.strip("0,.") != "":
        text = "+" + text
    return f"{text} {unit}".strip() if unit else text


def format_date(day: date | str | None) -> str:
    """``2025-12-31`` → ``'31 december 2025'``."""
    if day is None or day == "":
        return MISSING
    value = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def period_label(code: str, provisional: bool = False) -> str:
    """Dutch CBS label of a period code, with ``*`` when the figure is provisional."""
    try:
        label = Period.parse(code).label
    except KetenmonitorError:
        label = code
    return label + (PROVISIONAL if provisional else "")


def humanise(code: str) -> str:
    """A readable label for a code without a label: ``'melder_groep'`` → ``'Melder groep'``."""
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else code


_DIMENSION_LABELS = {
    "soort": "Soort bericht",
    "melder_organisatie": "Organisatie van de melder",
    "melder_groep": "Organisatie van de melder",
    "melder_rol": "Rol van de melder",
    "aard": "Aard van het geweld",
    "duur_geweld": "Duur van het geweld",
    "eerdere_betrokkenheid": "Eerdere betrokkenheid (categorieën)",
    "eerdere_betrokkenheid_groep": "Eerdere betrokkenheid (hoofdgroepen)",
    "overdracht_organisatie": "Organisatie van overdracht",
    "reden_afsluiting": "Reden van afsluiting",
    "huisverbod_verlengd": "Huisverbod verlengd",
}

_SOURCE_LABELS = {
    "vt_bericht": "Veilig Thuis",
    "veilig_thuis": "Veilig Thuis",
    "politie_incident": "Politie",
    "politie": "Politie",
    "lt_traject": "Lokale teams",
    "lokaal_team": "Lokale teams",
    "mda_casus": "MDA++",
    "mda": "MDA++",
    "betrokkene": "Betrokkenen (alle partners)",
    "bevolking": "CBS, bevolking per gemeente",
}


_UNIT_LABELS = {
    "per_1000_inwoners": "per 1.000 inwoners",
    "per_10000_inwoners": "per 10.000 inwoners",
    "percentage": "%",
    "mediaan_dagen": "mediaan in dagen",
    "gemiddelde": "gemiddelde",
}


def unit_label(eenheid: str) -> str:
    """Dutch label of a unit code: ``'per_1000_inwoners'`` → ``'per 1.000 inwoners'``."""
    label = _UNIT_LABELS.get(eenheid)
    if label:
        return _(label)
    return eenheid.replace("_", " ") if eenheid else ""


def dimension_label(name: str) -> str:
    """Dutch label of a dimension name used in the publication."""
    label = _DIMENSION_LABELS.get(name)
    return _(label) if label else humanise(name)


def source_label(name: str) -> str:
    """Dutch label of a source (record type or partner type)."""
    label = _SOURCE_LABELS.get(name)
    return _(label) if label else humanise(name)


def sources_text(names: list[str]) -> str:
    """Distinct Dutch source labels in order, joined for a sentence."""
    labels: list[str] = []
    for name in names:
        label = source_label(name)
        if label not in labels:
            labels.append(label)
    return ", ".join(labels) if labels else _("Ketenmonitor")
