# SPDX-License-Identifier: EUPL-1.2
"""The 35 centrumgemeente regions (DU vrouwenopvang): which centrumgemeente a gemeente belongs to.

The indeling is data, in ``codes/data/centrumgemeente_regios.csv`` (``gemeente_code``,
``centrumgemeente_code``, ``regio_naam``; one row per gemeente). The package does not ship it yet:
no public list of the member gemeenten was within reach (ADR 0014), and a list from memory would
be a guess. It is imported from a CSV the maintainer makes from the VWS/VNG overview with
:func:`import_indeling`, which refuses an indeling in which a gemeente of 1 January of the
reference year is missing or counted twice. Old codes follow their successor
(:func:`ketenmonitor.codes.successor`), so a delivery with a pre-herindeling code still finds its
region.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ketenmonitor.codes.indeling import gemeenten_in_year, successor
from ketenmonitor.codes.registry import DATA_DIR, all_gemeenten, gemeente
from ketenmonitor.core.errors import ConfigurationError, InputRefused
from ketenmonitor.core.i18n import _

INDELING_FILE = "centrumgemeente_regios.csv"
EXPECTED_REGIONS = 35  # VWS: 35 centrumgemeenten vrouwenopvang / geweld in huiselijke kring
REFERENCE_YEAR = 2025
_COLUMNS = ("gemeente_code", "centrumgemeente_code", "regio_naam")


@dataclass(frozen=True)
class CentrumgemeenteRegio:
    centrumgemeente: str  # CBS code of the centrumgemeente, which also names the region
    naam: str
    gemeenten: tuple[str, ...]


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, tuple[str, str]]:
    if not path.exists():
        raise ConfigurationError(
            "centrumgemeenten_ontbreken",
            _("De indeling in centrumgemeente-regio's (vrouwenopvang) is niet geïmporteerd."),
            _("Importeer haar met: python -m ketenmonitor.codes.importeer centrumgemeenten "
              "BESTAND (zie docs/gemeenten-en-regios.md)."),
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["gemeente_code"]: (r["centrumgemeente_code"], r["regio_naam"])
                for r in csv.DictReader(handle)}


def centrumgemeente_regios(folder: Path = DATA_DIR) -> list[CentrumgemeenteRegio]:
    """All centrumgemeente regions, by name."""
    members: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for code, (centrum, naam) in _load(folder / INDELING_FILE).items():
        members.setdefault(centrum, []).append(code)
        names[centrum] = naam
    return sorted((CentrumgemeenteRegio(c, names[c], tuple(sorted(m)))
                   for c, m in members.items()), key=lambda r: r.naam)


def centrumgemeente_regio(code: str, folder: Path = DATA_DIR) -> CentrumgemeenteRegio:
    """The centrumgemeente region of gemeente ``code`` (an old code: that of its successor)."""
    gemeente(code)  # refuses an unknown code
    table = _load(folder / INDELING_FILE)
    current = code if code in table else successor(code)
    if current not in table:
        raise ConfigurationError(
            "centrumgemeente_onbekend",
            _("Gemeente {code} staat in geen centrumgemeente-regio.").format(code=code),
            _("Vul de indeling aan en importeer haar opnieuw."),
        )
    centrum = table[current][0]
    return next(r for r in centrumgemeente_regios(folder) if r.centrumgemeente == centrum)


def check_indeling(table: dict[str, tuple[str, str]], year: int = REFERENCE_YEAR) -> list[str]:
    """Dutch problems of an indeling: every gemeente of 1 January ``year`` in exactly one region
    (a dict cannot hold a code twice, so: present), no unknown codes, 35 regions, and each
    centrumgemeente in its own region."""
    problems = []
    wanted = {g.code for g in gemeenten_in_year(None, year)}
    missing = sorted(wanted - set(table))
    if missing:
        problems.append(_("{n} gemeenten zonder regio, bijv. {codes}.").format(
            n=len(missing), codes=", ".join(missing[:5])))
    extra = sorted(set(table) - wanted)
    if extra:
        problems.append(_("Codes die op 1 januari {year} geen gemeente waren: {codes}.").format(
            year=year, codes=", ".join(extra[:5])))
    centra = {c for c, _naam in table.values()}
    if len(centra) != EXPECTED_REGIONS:
        problems.append(_("{n} regio's in plaats van {expected}.").format(
            n=len(centra), expected=EXPECTED_REGIONS))
    for c in sorted(centra):
        if table.get(c, ("", ""))[0] != c:
            problems.append(_("Centrumgemeente {code} hoort niet bij haar eigen regio.").format(
                code=c))
    return problems


def _code(text: str, day: date) -> str | None:
    text = text.strip()
    for g in all_gemeenten():
        if (g.code == text or g.naam.casefold() == text.casefold()) and g.valid_on(day):
            return g.code
    return None


def import_indeling(path: Path, folder: Path = DATA_DIR, year: int = REFERENCE_YEAR) -> int:
    """Read a CSV with the columns ``gemeente`` and ``centrumgemeente`` (CBS code or name as in
    ``gemeenten.csv``), check it against the gemeenten of 1 January ``year`` and write
    ``centrumgemeente_regios.csv``. Returns the number of gemeenten."""
    day = date(year, 1, 1)
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    hint = _("Bestand: {path}. Zie docs/gemeenten-en-regios.md.").format(path=path)
    if not rows or not {"gemeente", "centrumgemeente"} <= set(rows[0]):
        raise InputRefused("centrumgemeenten_kolommen",
                           _("Het bestand heeft niet de kolommen gemeente en centrumgemeente."),
                           hint)
    table: dict[str, tuple[str, str]] = {}
    problems = []
    for number, row in enumerate(rows, start=2):
        code, centrum = _code(row["gemeente"], day), _code(row["centrumgemeente"], day)
        if code is None or centrum is None:
            problems.append(_("regel {n}: onbekende gemeente").format(n=number))
        elif code in table:
            problems.append(_("regel {n}: {code} staat er twee keer in").format(n=number,
                                                                                 code=code))
        else:
            table[code] = (centrum, _("Regio {naam}").format(naam=gemeente(centrum).naam))
    problems += check_indeling(table, year)
    if problems:
        raise InputRefused("centrumgemeenten_onjuist", " ".join(problems[:8]), hint)
    with (folder / INDELING_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_COLUMNS)
        for code, (centrum, naam) in sorted(table.items()):
            writer.writerow([code, centrum, naam])
    _load.cache_clear()
    return len(table)
