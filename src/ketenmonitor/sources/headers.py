# SPDX-License-Identifier: EUPL-1.2
"""File-level checks shared by the CSV and XLSX readers: size, header row, field counts.

Every refusal is an :class:`InputRefused` (exit code 2) with a Dutch message that names the file
and says what is wrong, and a hint that says how to fix it.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.formatting import format_bytes
from ketenmonitor.core.i18n import _
from ketenmonitor.sources.mapping import FileMapping, Mapping


def check_size(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputRefused(
            "bestand_te_groot",
            _("Het bestand {naam} is {grootte} groot; de grens is {grens}.").format(
                naam=path.name, grootte=format_bytes(size), grens=format_bytes(max_bytes)),
            _("Splits de export in kleinere bestanden (bijvoorbeeld per halfjaar) of verhoog "
              "KETENMONITOR_MAX_FILE_BYTES."),
        )
    if size == 0:
        raise empty(path)


def empty(path: Path) -> InputRefused:
    return InputRefused(
        "bestand_leeg",
        _("Het bestand {naam} is leeg.").format(naam=path.name),
        _("Exporteer het bestand opnieuw; een export bevat ten minste de kopregel met de "
          "kolomnamen."),
    )


def check_headers(path: Path, found: list[str], spec: FileMapping, mapping: Mapping,
                  others: Collection[str] = ()) -> None:
    """Refuse duplicate, missing and extra columns (an unmapped column may hold personal data).

    Columns named in ``negeren`` are allowed, and so are ``others``: the columns that other
    record types read from the same file."""
    seen: set[str] = set()
    for header in found:
        if header in seen:
            raise InputRefused(
                "kolom_dubbel",
                _("Het bestand {naam} heeft de kolom '{kolom}' meer dan eens.").format(
                    naam=path.name, kolom=header),
                _("Geef elke kolom een eigen naam in de export."),
            )
        seen.add(header)
    missing = [h for h in spec.headers if h not in seen]
    if missing:
        raise InputRefused(
            "kolommen_ontbreken",
            _("In het bestand {naam} ontbreken kolommen die de mapping verwacht: "
              "{kolommen}.").format(naam=path.name,
                                    kolommen=", ".join(f"'{h}'" for h in missing)),
            _("Controleer of de export volledig is, of pas 'kolommen' in de mapping {mapping} "
              "aan.").format(mapping=mapping.name),
        )
    expected = {*spec.headers, *spec.ignore, *others}
    extra = [h for h in found if h not in expected]
    if extra:
        raise InputRefused(
            "kolommen_extra",
            _("Het bestand {naam} bevat kolommen die niet in de mapping staan: {kolommen}.").format(
                naam=path.name, kolommen=", ".join(f"'{h}'" for h in extra)),
            _("Een kolom buiten de mapping kan persoonsgegevens bevatten en wordt niet "
              "doorgegeven. Verwijder de kolom uit de export, neem haar op in de mapping "
              "{mapping} of zet haar bij 'negeren'.").format(mapping=mapping.name),
        )


def bad_row(path: Path, line: int, count: int, expected: int) -> InputRefused:
    return InputRefused(
        "regel_ongeldig",
        _("Regel {regel} van het bestand {naam} heeft {aantal} velden; de kopregel heeft er "
          "{verwacht}.").format(regel=line, naam=path.name, aantal=count, verwacht=expected),
        _("Controleer of er in die regel een scheidingsteken of aanhalingsteken te veel of te "
          "weinig staat."),
    )
