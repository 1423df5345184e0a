# SPDX-License-Identifier: EUPL-1.2
"""Loading code lists and the versioned gemeente and population tables from ``codes/data``.

Gemeenten are versioned by ``geldig_van``/``geldig_tot`` (boundary changes such as Noordwijkerhout
into Noordwijk on 2019-01-01); population by ``peildatum`` (the latest one on or before the date
asked for is used, the earliest one before that).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _

DATA_DIR = Path(__file__).resolve().parent / "data"
# Stand-in inhabitants for a gemeente without a figure in bevolking.csv. Used by the simulator
# always, and by ``population`` only inside ``synthetic_population()`` (the demo of a region the
# package has no figures for), so that no real-looking rate rests on it unnoticed.
SYNTHETIC_INHABITANTS = 30_000
SYNTHETIC_POPULATION_ENV = "KETENMONITOR_SYNTHETISCHE_BEVOLKING"
# A region's own code lists sit beside its own partner kinds (docs/bronnen.md): ``<naam>.csv`` in
# this folder, read like the package's lists. Read raw, as delivery/catalogue.py does.
REGION_FOLDER_ENV = "KETENMONITOR_BRONNEN_MAP"
_NOT_CODE_LISTS = {"gemeenten", "bevolking", "regios", "postcodegebieden", "methodebreuken",
                   "herindelingen", "centrumgemeente_regios", "bevolking_geslacht"}


@dataclass(frozen=True)
class CodeList:
    name: str
    labels: dict[str, str]
    groups: dict[str, str]

    @property
    def codes(self) -> list[str]:
        return list(self.labels)

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def group(self, code: str) -> str:
        return self.groups.get(code, code)


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    regio: str
    geldig_van: date
    geldig_tot: date | None
    centrumgemeente: bool

    def valid_on(self, day: date) -> bool:
        return self.geldig_van <= day and (self.geldig_tot is None or day <= self.geldig_tot)


@dataclass(frozen=True)
class Region:
    code: str
    naam: str
    vt_regio: str
    gebiedscode: str
    veiligheidsregio: str = ""


def _read(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / f"{name}.csv"
    if not path.exists():
        raise ConfigurationError(
            "codelijst_onbekend",
            _("Codelijst '{name}' bestaat niet.").format(name=name),
            _("Kies uit: {names}.").format(names=", ".join(code_list_names())),
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _region_lists(folder: str) -> dict[str, Path]:
    """The region's code lists by name; one with a package list's name is refused, because the
    national (CBS) lists are what the figures are compared on."""
    if not folder.strip() or not Path(folder).is_dir():
        return {}  # a missing folder is reported by the source catalogue that names it
    found = {p.stem: p for p in sorted(Path(folder).glob("*.csv"))}
    clash = sorted(set(found) & {p.stem for p in DATA_DIR.glob("*.csv")})
    if clash:
        raise ConfigurationError(
            "codelijst_dubbel",
            _("De bronnenmap {folder} heeft een codelijst met de naam van een lijst van het pakket: "
              "{names}.").format(folder=folder, names=", ".join(f"{n}.csv" for n in clash)),
            _("Geef de eigen codelijst een eigen naam (bijvoorbeeld met de regio ervoor) en gebruik "
              "die naam bij 'codelijst' in het bronbestand."))
    return found


def code_list_names() -> list[str]:
    own = _region_lists(os.environ.get(REGION_FOLDER_ENV, ""))
    return sorted([*(p.stem for p in DATA_DIR.glob("*.csv") if p.stem not in _NOT_CODE_LISTS), *own])


def code_list(name: str) -> CodeList:
    """A code list of the package or, if the package has none of that name, of the region."""
    return _code_list(name, os.environ.get(REGION_FOLDER_ENV, ""))


def _region_rows(path: Path) -> list[dict[str, str]]:
    problem = _("Codelijst {file} van de regio is niet te gebruiken: {reason}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ConfigurationError("codelijst_ongeldig", problem.format(file=path, reason=error),
                                 _("Sla het bestand op als CSV (UTF-8, komma's).")) from None
    codes = [(r.get("code") or "").strip() for r in rows]
    orders = [(r.get("volgorde") or "0").strip() for r in rows]
    reason = (_("er staan geen codes in") if not rows
              else _("de kolommen code en label ontbreken") if not {"code", "label"} <= set(rows[0])
              else _("een regel zonder code") if "" in codes
              else _("dubbele codes: {codes}").format(codes=", ".join(sorted(
                  {c for c in codes if codes.count(c) > 1}))) if len(set(codes)) < len(codes)
              else _("volgorde is geen geheel getal") if not all(o.isdigit() for o in orders)
              else "")
    if reason:
        raise ConfigurationError(
            "codelijst_ongeldig", problem.format(file=path, reason=reason),
            _("Eén regel per code met de kolommen code, label en eventueel groep en volgorde, "
              "zoals de codelijsten van het pakket (docs/bronnen.md)."))
    return rows


@cache
def _code_list(name: str, folder: str) -> CodeList:
    own = _region_lists(folder) if not (DATA_DIR / f"{name}.csv").exists() else {}
    rows = _region_rows(own[name]) if name in own else _read(name)
    rows = sorted(rows, key=lambda r: int(r.get("volgorde") or 0))
    return CodeList(
        name=name,
        labels={r["code"].strip(): r["label"] for r in rows},
        groups={r["code"].strip(): r.get("groep") or r["code"].strip() for r in rows},
    )


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def _all_gemeenten() -> tuple[Gemeente, ...]:
    return tuple(
        Gemeente(
            code=r["code"],
            naam=r["naam"],
            regio=r["regio"],
            geldig_van=_date(r["geldig_van"]) or date.min,
            geldig_tot=_date(r["geldig_tot"]),
            centrumgemeente=r["centrumgemeente"] == "ja",
        )
        for r in _read("gemeenten")
    )


def all_gemeenten() -> list[Gemeente]:
    """Every gemeente in the table, including ones that no longer exist."""
    return list(_all_gemeenten())


def gemeenten(regio: str | None = None, on: date | None = None) -> list[Gemeente]:
    """Gemeenten (of one region) valid on ``on`` (default: today)."""
    day = on or date.today()
    return [
        g
        for g in _all_gemeenten()
        if (regio is None or g.regio == regio) and g.valid_on(day)
    ]


def gemeente(code: str) -> Gemeente:
    for g in _all_gemeenten():
        if g.code == code:
            return g
    raise ConfigurationError(
        "gemeente_onbekend",
        _("Gemeentecode '{code}' is onbekend.").format(code=code),
        _("Gebruik een CBS-gemeentecode zoals GM0518."),
    )


@lru_cache(maxsize=1)
def _regions() -> dict[str, Region]:
    return {r["code"]: Region(**r) for r in _read("regios")}


def all_regions() -> list[Region]:
    """All Veilig Thuis regions, in the order of ``regios.csv``."""
    return list(_regions().values())


def region(code: str) -> Region:
    try:
        return _regions()[code]
    except KeyError:
        raise ConfigurationError(
            "regio_onbekend",
            _("Regio '{code}' is onbekend.").format(code=code),
            _("Kies uit: {names}.").format(names=", ".join(sorted(_regions()))),
        ) from None


@lru_cache(maxsize=1)
def _population() -> dict[str, list[tuple[date, int]]]:
    table: dict[str, list[tuple[date, int]]] = {}
    for r in _read("bevolking"):
        table.setdefault(r["gemeente_code"], []).append(
            (date.fromisoformat(r["peildatum"]), int(r["inwoners"]))
        )
    return {k: sorted(v) for k, v in table.items()}


def has_population(code: str) -> bool:
    """Whether ``bevolking.csv`` has a figure for gemeente ``code``."""
    return code in _population()


@contextmanager
def synthetic_population() -> Iterator[None]:
    """Within this block ``population`` answers ``SYNTHETIC_INHABITANTS`` for a known gemeente
    without a figure (an environment variable, so worker processes see it too)."""
    before = os.environ.get(SYNTHETIC_POPULATION_ENV)
    os.environ[SYNTHETIC_POPULATION_ENV] = "ja"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SYNTHETIC_POPULATION_ENV, None)
        else:
            os.environ[SYNTHETIC_POPULATION_ENV] = before


def population(code: str, on: date, geslacht: str | None = None,
               leeftijdsklasse: str | None = None) -> int:
    """Inhabitants of gemeente ``code`` at the latest peildatum on or before ``on``.

    With ``geslacht`` (M/V) and/or ``leeftijdsklasse`` (a code of ``leeftijdsklasse.csv``) the
    figure is CBS's for 1 January of the year of ``on``
    (:func:`ketenmonitor.codes.bevolking.cbs_population`); a breakdown the package does not
    have is refused with a Dutch message, also in a synthetic run. Without them the answer
    comes from ``bevolking.csv`` as before."""
    if geslacht is not None or leeftijdsklasse is not None:
        from ketenmonitor.codes.bevolking import cbs_population  # it imports this module

        return cbs_population(code, on, geslacht, leeftijdsklasse)
    versions = _population().get(code)
    if not versions and os.environ.get(SYNTHETIC_POPULATION_ENV) == "ja":
        gemeente(code)  # still refuses an unknown code
        return SYNTHETIC_INHABITANTS
    if not versions:
        raise ConfigurationError(
            "bevolking_onbekend",
            _("Geen inwonertal bekend voor gemeente {code}.").format(code=code),
            _("Voeg het inwonertal toe aan codes/data/bevolking.csv."),
        )
    chosen = versions[0][1]
    for peildatum, inwoners in versions:
        if peildatum <= on:
            chosen = inwoners
    return chosen


@dataclass(frozen=True)
class MethodBreak:
    """From ``vanaf`` on, figures of ``indicatoren`` (ids, or all when empty) are not comparable
    with earlier ones: a change of definition, registration or source (data, not code)."""

    vanaf: date
    indicatoren: tuple[str, ...]
    omschrijving: str

    def applies_to(self, indicator_id: str) -> bool:
        return not self.indicatoren or indicator_id in self.indicatoren


@lru_cache(maxsize=1)
def method_breaks() -> tuple[MethodBreak, ...]:
    """The method breaks of ``methodebreuken.csv`` (``indicatoren``: ``*`` or ids joined by ``|``),
    oldest first."""
    breaks = []
    for r in _read("methodebreuken"):
        ids = r["indicatoren"].strip()
        breaks.append(
            MethodBreak(
                vanaf=date.fromisoformat(r["vanaf"]),
                indicatoren=() if ids in ("", "*") else tuple(i.strip() for i in ids.split("|")),
                omschrijving=r["omschrijving"].strip(),
            )
        )
    return tuple(sorted(breaks, key=lambda b: b.vanaf))


@lru_cache(maxsize=1)
def postcode_ranges() -> dict[str, tuple[int, int]]:
    """PC4 range per gemeente, used by the simulator for plausible addresses."""
    return {r["gemeente_code"]: (int(r["pc4_van"]), int(r["pc4_tot"])) for r in _read("postcodegebieden")}
