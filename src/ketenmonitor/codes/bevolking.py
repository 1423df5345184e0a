# SPDX-License-Identifier: EUPL-1.2
"""CBS population by gemeente and 1 January: in total, by sex and by the monitor's age classes.

Two data files, with their sources in ``bronnen.yaml``:

- ``bevolking_geslacht.csv`` — inhabitants, men and women per gemeente on 1 January (CBS
  "Kerncijfers wijken en buurten"). Not shipped: the package holds no copied figures.
- ``bevolking_leeftijd.csv.gz`` — by sex and age class, from CBS table 03759ned. Not shipped
  yet: no copy of 03759ned was within reach, and figures are never invented under CBS's name
  (ADR 0014). It is made with ``python -m ketenmonitor.codes.importeer bevolking BESTAND``
  (:mod:`ketenmonitor.codes.importeer`); one row per gemeente, peildatum, sex (M/V) and age
  class of ``leeftijdsklasse.csv`` — aggregated, so that seven years stay below 1 MB.

Both are read from the region's own folder (``KETENMONITOR_BRONNEN_MAP``; the importer writes
there with ``--map``) when it holds them, so a region never writes into the installed package.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ketenmonitor.codes.registry import DATA_DIR, REGION_FOLDER_ENV, code_list
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _

DETAIL_FILE = "bevolking_leeftijd.csv.gz"
SEX_FILE = "bevolking_geslacht.csv"
COLUMNS = ("gemeente_code", "peildatum", "geslacht", "leeftijdsklasse", "inwoners")
SEXES = ("M", "V")
# Inhabitants of the Netherlands on 1 January (CBS StatLine 03759ned / 37296ned, "Nederland",
# "Bevolking op 1 januari"): an import that covers every gemeente of a year must add up to this.
NATIONAL_TOTAL = {2018: 17_181_084, 2019: 17_282_163, 2020: 17_407_585, 2021: 17_475_415,
                  2022: 17_590_672, 2023: 17_811_291, 2024: 17_942_942, 2025: 18_044_027}


@dataclass(frozen=True)
class AgeClass:
    code: str
    min_age: int
    max_age: int


@lru_cache(maxsize=1)
def age_classes() -> tuple[AgeClass, ...]:
    """The monitor's age classes with known bounds (``ONBEKEND`` has none), youngest first."""
    rows = []
    with (DATA_DIR / "leeftijdsklasse.csv").open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["min_leeftijd"] and r["max_leeftijd"]:
                rows.append((int(r["volgorde"]),
                             AgeClass(r["code"], int(r["min_leeftijd"]), int(r["max_leeftijd"]))))
    return tuple(c for _order, c in sorted(rows, key=lambda t: t[0]))


def age_class_of(age: int) -> str:
    """The age class code of an age in whole years."""
    for c in age_classes():
        if c.min_age <= age <= c.max_age:
            return c.code
    raise ValueError(age)


Key = tuple[str, date, str, str]


def read_detail(path: Path) -> dict[Key, int]:
    """Read a ``bevolking_leeftijd.csv.gz`` file: (gemeente, peildatum, sex, class) -> count."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {
            (r["gemeente_code"], date.fromisoformat(r["peildatum"]), r["geslacht"],
             r["leeftijdsklasse"]): int(r["inwoners"])
            for r in csv.DictReader(handle)
        }


def write_detail(table: dict[Key, int], path: Path) -> None:
    """Write the table sorted and with a fixed gzip time stamp, so that the same figures always
    give the same bytes (a re-import without changes shows no diff in git)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for (code, day, sex, klasse), count in sorted(table.items()):
        writer.writerow([code, day.isoformat(), sex, klasse, count])
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def _data_file(name: str) -> Path:
    """A population file from the region's own folder (``KETENMONITOR_BRONNEN_MAP``, where the
    importer writes with ``--map``) when it has one, else from the package's data folder."""
    folder = os.environ.get(REGION_FOLDER_ENV, "")
    own = Path(folder) / name if folder else None
    return own if own is not None and own.is_file() else DATA_DIR / name


def _detail() -> dict[tuple[str, date], dict[tuple[str, str], int]]:
    return _detail_at(_data_file(DETAIL_FILE))


@lru_cache(maxsize=4)
def _detail_at(path: Path) -> dict[tuple[str, date], dict[tuple[str, str], int]]:
    out: dict[tuple[str, date], dict[tuple[str, str], int]] = {}
    if path.exists():
        for (code, day, sex, klasse), count in read_detail(path).items():
            out.setdefault((code, day), {})[(sex, klasse)] = count
    return out


def _by_sex() -> dict[tuple[str, date], dict[str, int]]:
    return _by_sex_at(_data_file(SEX_FILE))


@lru_cache(maxsize=4)
def _by_sex_at(path: Path) -> dict[tuple[str, date], dict[str, int]]:
    """``bevolking_geslacht.csv``: CBS inhabitants, men and women per gemeente on 1 January.

    Not shipped (the package holds no copied data); a region places the file it made from a
    CBS export in its own folder."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (r["gemeente_code"], date.fromisoformat(r["peildatum"])):
                {"": int(r["inwoners"]), "M": int(r["mannen"]), "V": int(r["vrouwen"])}
            for r in csv.DictReader(handle)
        }


def cbs_years() -> list[int]:
    """Years for which the package has CBS inhabitants (total and by sex) per gemeente."""
    return sorted({day.year for (_code, day) in _by_sex()} | {day.year for (_c, day) in _detail()})


def _check_filter(geslacht: str | None, leeftijdsklasse: str | None) -> None:
    if geslacht is not None and geslacht not in SEXES:
        raise ConfigurationError(
            "geslacht_onbekend",
            _("Geslacht '{code}' heeft geen CBS-bevolkingscijfer.").format(code=geslacht),
            _("Kies M of V (CBS telt alleen mannen en vrouwen)."),
        )
    known = [c.code for c in age_classes()]
    if leeftijdsklasse is not None and leeftijdsklasse not in known:
        label = code_list("leeftijdsklasse").label(leeftijdsklasse)
        raise ConfigurationError(
            "leeftijdsklasse_onbekend",
            _("Leeftijdsklasse '{code}' heeft geen CBS-bevolkingscijfer.").format(code=label),
            _("Kies uit: {names}.").format(names=", ".join(known)),
        )


def cbs_population(code: str, on: date, geslacht: str | None = None,
                   leeftijdsklasse: str | None = None) -> int:
    """CBS inhabitants of gemeente ``code`` on 1 January of the year of ``on``, optionally of
    one sex (M/V) and/or one age class of ``leeftijdsklasse.csv``.

    Only that year's figure is used — never an older year's — because a missing year (CBS
    figures for 2020 and 2021 are not in the package yet) must show as missing, not as a
    plausible number. Age classes need the imported 03759ned table."""
    _check_filter(geslacht, leeftijdsklasse)
    day = date(on.year, 1, 1)
    cells = _detail().get((code, day))
    if cells is not None:
        return sum(count for (sex, klasse), count in cells.items()
                   if geslacht in (None, sex) and leeftijdsklasse in (None, klasse))
    if leeftijdsklasse is not None:
        raise ConfigurationError(
            "bevolking_leeftijd_onbekend",
            _("Geen inwonertal naar leeftijd bekend voor gemeente {code} op 1 januari {year}."
              ).format(code=code, year=day.year),
            _("Importeer CBS-tabel 03759ned: python -m ketenmonitor.codes.importeer bevolking "
              "BESTAND (zie docs/gemeenten-en-regios.md)."),
        )
    figures = _by_sex().get((code, day))
    if figures is None:
        raise ConfigurationError(
            "bevolking_cbs_onbekend",
            _("Geen CBS-inwonertal voor gemeente {code} op 1 januari {year}.").format(
                code=code, year=day.year),
            _("Het pakket heeft CBS-cijfers voor {years}; bestond de gemeente toen?").format(
                years=", ".join(str(y) for y in cbs_years())),
        )
    return figures[geslacht or ""]


def totals(table: dict[Key, int]) -> dict[tuple[str, date], int]:
    """Inhabitants per (gemeente, peildatum), summed over sex and age class."""
    out: dict[tuple[str, date], int] = {}
    for (code, day, _sex, _klasse), count in table.items():
        out[(code, day)] = out.get((code, day), 0) + count
    return out


def national_deviation(table: dict[Key, int], codes_per_year: dict[int, Iterable[str]]
                       ) -> dict[int, float]:
    """Relative difference to the CBS national total per year that the table covers completely
    (every gemeente valid on 1 January of that year), for a plausibility check."""
    summed = totals(table)
    out: dict[int, float] = {}
    for year, codes in codes_per_year.items():
        wanted = set(codes)
        have = {code for (code, day) in summed if day == date(year, 1, 1)}
        if year in NATIONAL_TOTAL and wanted and wanted <= have:
            total = sum(summed[(code, date(year, 1, 1))] for code in wanted)
            out[year] = total / NATIONAL_TOTAL[year] - 1
    return out
