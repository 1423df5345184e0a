# SPDX-License-Identifier: EUPL-1.2
"""Importing CBS population (03759ned) into ``codes/data`` — a maintainer's tool.

Usage (writes into the package's ``codes/data`` unless ``--map`` says otherwise)::

    python -m ketenmonitor.codes.importeer bevolking 03759ned.csv
    python -m ketenmonitor.codes.importeer centrumgemeenten indeling.csv
    python -m ketenmonitor.codes.importeer grenzen 2025 gemeente_2025.geojson

The population file is a CSV of CBS table 03759ned with the columns ``Geslacht``, ``Leeftijd``,
``RegioS`` (a GM code or a gemeente name) and ``Perioden`` (``2024`` or ``2024JJ00``) and the
figure in ``BevolkingOp1Januari_1`` (or ``Bevolking op 1 januari`` / ``Value``), with labels for
sex and age (``Mannen``, ``Vrouwen``, ``37 jaar``, ``100 jaar of ouder``) as StatLine and the
open-data services give them. Totals and age groups ("0 tot 5 jaar") are skipped, so that nothing
is counted twice; any other dimension (``BurgerlijkeStaat``, ...) is kept only at its total.
The figures are summed into the monitor's age classes and written next to the totals in
``bevolking.csv`` (source ``CBS 03759ned``), so the two files always agree.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ketenmonitor.codes.bevolking import (
    DETAIL_FILE,
    Key,
    age_class_of,
    national_deviation,
    read_detail,
    totals,
    write_detail,
)
from ketenmonitor.codes.indeling import gemeenten_in_year
from ketenmonitor.codes.registry import DATA_DIR, Gemeente, all_gemeenten
from ketenmonitor.core.errors import ExitCode, InputRefused, KetenmonitorError
from ketenmonitor.core.i18n import _

_KNOWN = {"geslacht", "leeftijd", "regios", "regio's", "perioden"}
_VALUE = ("bevolkingop1januari_1", "bevolking op 1 januari", "bevolking op 1 januari (aantal)",
          "value")
_SEX = {"mannen": "M", "man": "M", "vrouwen": "V", "vrouw": "V"}
_AGE = re.compile(r"^(\d{1,3}) jaar( of ouder)?$")
_PERIOD = re.compile(r"^(\d{4})(JJ00)?$")
# An import that covers every gemeente of a year must be within this of CBS's national total.
MAX_NATIONAL_DEVIATION = 0.005


def _refuse(path: Path, code: str, message: str) -> InputRefused:
    return InputRefused(code, message, _("Bestand: {path}. Zie docs/gemeenten-en-regios.md.")
                        .format(path=path))


_NOT_GEMEENTE = re.compile(r"^(NL\d*|PV\d+|LD\d+|CR\d+|Nederland|.*\((PV|LD|CR)\))$")


def _gemeente_code(text: str, day: date, by_name: dict[str, list[Gemeente]],
                   by_code: dict[str, Gemeente]) -> str | None:
    """The code of a GM code or gemeente name valid on ``day``; None when there is none."""
    if re.fullmatch(r"GM\d{4}", text):
        found = by_code.get(text)
        return text if found is not None and found.valid_on(day) else None
    # StatLine labels: "Groningen (gemeente)" next to "Groningen (PV)", "Rijswijk (ZH.)" where
    # gemeenten.csv may keep "Rijswijk": try the label, then without "(gemeente)", then without
    # any qualifier — but only ever accept one unambiguous gemeente.
    for name in (text, re.sub(r" \(gemeente\)$", "", text), re.sub(r" \([^)]*\)$", "", text)):
        candidates = [g.code for g in by_name.get(name.casefold(), []) if g.valid_on(day)]
        if len(candidates) == 1:
            return candidates[0]
    return None


def parse_03759(path: Path) -> dict[Key, int]:
    """Read a 03759ned CSV into (gemeente, peildatum, sex, age class) -> inhabitants."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    header = {(h or "").strip().casefold(): h for h in reader.fieldnames or []}
    value = next((header[v] for v in _VALUE if v in header), None)
    missing = [c for c in ("geslacht", "leeftijd", "perioden") if c not in header]
    region = header.get("regios") or header.get("regio's")
    if value is None or missing or region is None:
        raise _refuse(path, "bevolking_kolommen", _(
            "Het bestand is geen CBS-tabel 03759ned met de kolommen Geslacht, Leeftijd, RegioS, "
            "Perioden en BevolkingOp1Januari_1."))
    extra = [h for key, h in header.items() if key not in _KNOWN and h != value
             and key not in ("id", "measure", "valueattribute", "stringvalue")]
    by_name: dict[str, list[Gemeente]] = {}
    for g in all_gemeenten():
        by_name.setdefault(g.naam.casefold(), []).append(g)
    by_code = {g.code: g for g in all_gemeenten()}
    table: dict[Key, int] = {}
    unknown: list[str] = []
    for row in reader:
        sex = _SEX.get(row[header["geslacht"]].strip().casefold())
        age = _AGE.match(row[header["leeftijd"]].strip())
        period = _PERIOD.match(row[header["perioden"]].strip())
        if sex is None or age is None or period is None:
            continue  # totals, age groups, other periods: summed from the single years instead
        if any(not row[h].strip().casefold().startswith("totaal") for h in extra if row[h]):
            continue
        day = date(int(period.group(1)), 1, 1)
        place = row[region].strip()
        if _NOT_GEMEENTE.match(place):
            continue  # Nederland, a province, landsdeel or COROP area
        code = _gemeente_code(place, day, by_name, by_code)
        if code is None:
            unknown.append(f"{place} ({day.year})")
            continue
        figure = row[value].strip()
        if not figure.isdigit():
            continue  # CBS sign for unknown or secret: no figure rather than a guessed one
        key = (code, day, sex, age_class_of(int(age.group(1))))
        table[key] = table.get(key, 0) + int(figure)
    if unknown:
        raise _refuse(path, "bevolking_gemeente_onbekend", _(
            "Onbekende gemeenten of gemeenten die op die 1 januari niet bestonden: {items}."
        ).format(items=", ".join(sorted(set(unknown))[:5])))
    if not table:
        raise _refuse(path, "bevolking_leeg", _(
            "Geen enkele rij met één geslacht (Mannen/Vrouwen) en één leeftijd in jaren "
            "('37 jaar'); exporteer de tabel met labels, niet met codes."))
    return table


def _write_totals(table: dict[Key, int], folder: Path) -> None:
    path = folder / "bevolking.csv"
    summed = totals(table)
    kept: list[dict[str, str]] = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            kept = [r for r in csv.DictReader(handle)
                    if (r["gemeente_code"], date.fromisoformat(r["peildatum"])) not in summed]
    rows = kept + [{"gemeente_code": code, "peildatum": day.isoformat(), "inwoners": str(n),
                    "bron": "CBS 03759ned"} for (code, day), n in sorted(summed.items())]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["gemeente_code", "peildatum", "inwoners", "bron"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def import_03759(path: Path, folder: Path = DATA_DIR) -> dict[Key, int]:
    """Import a 03759ned CSV: merge it into ``bevolking_leeftijd.csv.gz`` (the years in the file
    replace the same years there) and put its totals in ``bevolking.csv``."""
    table = parse_03759(path)
    years = {day.year for (_c, day, _s, _k) in table}
    off = {year: deviation for year, deviation in national_deviation(
        table, {year: [g.code for g in gemeenten_in_year(None, year)] for year in years}).items()
        if abs(deviation) > MAX_NATIONAL_DEVIATION}
    if off:
        raise _refuse(path, "bevolking_onwaarschijnlijk", _(
            "Het totaal wijkt te veel af van het CBS-inwonertal van Nederland: {items}. Is er "
            "dubbel geteld (bijv. burgerlijke staat niet op 'Totaal')?").format(
            items=", ".join(f"{y}: {d:+.1%}" for y, d in sorted(off.items()))))
    target = folder / DETAIL_FILE
    days = {day for (_c, day, _s, _k) in table}
    merged = {k: v for k, v in read_detail(target).items() if k[1] not in days} \
        if target.exists() else {}
    merged.update(table)
    write_detail(merged, target)
    _write_totals(table, folder)
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ketenmonitor.codes.importeer",
        description=_("Importeer CBS-gegevens in codes/data (beheerders)."))
    parser.add_argument("soort", choices=["bevolking", "centrumgemeenten", "grenzen"])
    parser.add_argument("argumenten", nargs="+", help=_("bestand (grenzen: JAAR BESTAND)"))
    parser.add_argument("--map", type=Path, default=DATA_DIR, help=_("doelmap (standaard het pakket)"))
    args = parser.parse_args(argv)
    try:
        if args.soort == "bevolking":
            table = import_03759(Path(args.argumenten[0]), args.map)
            count = len({(c, d) for (c, d, _s, _k) in table})
            sys.stdout.write(_("{n} gemeente-jaren ingelezen.").format(n=count) + "\n")
        elif args.soort == "centrumgemeenten":
            from ketenmonitor.codes.centrumgemeenten import import_indeling

            n = import_indeling(Path(args.argumenten[0]), args.map)
            sys.stdout.write(_("{n} gemeenten ingedeeld.").format(n=n) + "\n")
        else:
            from ketenmonitor.codes.grenzen import import_boundaries

            if len(args.argumenten) != 2 or not args.argumenten[0].isdigit():
                parser.error(_("gebruik: grenzen JAAR BESTAND"))
            n = import_boundaries(int(args.argumenten[0]), Path(args.argumenten[1]), args.map)
            sys.stdout.write(_("{n} gemeentegrenzen opgeslagen.").format(n=n) + "\n")
    except KetenmonitorError as error:
        sys.stderr.write(f"{error.message}\n{error.hint}\n")
        return int(error.exit_code)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        sys.stderr.write(_("Kan het bestand niet lezen: {reden}.").format(reden=error) + "\n"
                         + _("Geef een bestaand CSV-bestand in UTF-8.") + "\n")
        return int(ExitCode.REFUSED)
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through main() in the tests
    raise SystemExit(main())
