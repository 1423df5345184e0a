# SPDX-License-Identifier: EUPL-1.2
"""Dutch labels and CBS signs for everything the report prints: periods, units, dimensions.

Numbers and dates are written by :mod:`ketenmonitor.core.formatting` (re-exported here): a decimal
comma, a dot between thousands; ``.`` marks a suppressed cell and ``*`` a provisional figure.
"""

from __future__ import annotations

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.formatting import MISSING as MISSING
from ketenmonitor.core.formatting import format_count as format_count
from ketenmonitor.core.formatting import format_date as format_date
from ketenmonitor.core.formatting import format_number as format_number
from ketenmonitor.core.formatting import format_percent as format_percent
from ketenmonitor.core.formatting import format_share as format_share
from ketenmonitor.core.formatting import format_signed as format_signed
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period

# The notation itself lives in core.formatting (one formatter for reports, portal, exports, CLI);
# the names are re-exported for the report modules.

SUPPRESSED = "."  # CBS sign: onderdrukt wegens onthullingsrisico
PROVISIONAL = "*"  # CBS sign: voorlopig cijfer


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
    "per_10000_vrouwen": "per 10.000 vrouwen",
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
