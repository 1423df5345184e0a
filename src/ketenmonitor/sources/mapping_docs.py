# SPDX-License-Identifier: EUPL-1.2
"""``docs/mapping.md``: the mapping language, written from the mapping schema itself.

Every key, its type, default, example and meaning come from the pydantic models of
:mod:`ketenmonitor.sources.mapping` (``Field(description=..., examples=...)``); the fields a mapping
can fill come from the delivery format. ``python -m ketenmonitor.cli.reference docs`` writes the
file and ``tests/cli/test_reference.py`` fails when it no longer matches the code.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ketenmonitor.delivery.schema import BUILTIN_RECORD_TYPES, FieldType
from ketenmonitor.sources.mapping import DERIVED_FIELDS, IDENTITY_FIELDS, FileMapping, Mapping

MAPPING_FILE = "mapping.md"
_TYPE_LABELS = {FieldType.TEXT: "tekst", FieldType.DATE: "datum", FieldType.BOOL: "ja/nee",
                FieldType.INT: "geheel getal", FieldType.DECIMAL: "getal",
                FieldType.CODE: "code", FieldType.CODES: "codes (meer dan één)",
                FieldType.GEMEENTE: "gemeente (CBS-code)"}
EXAMPLE = """\
# Opvang: één tab-gescheiden bestand in Latin-1, met een titelregel boven de kolomnamen,
# één regel per persoon per verblijf en een kolom met vrije tekst.
partner_type: lokaal_team
omschrijving: Opvang, verblijven met de personen erin
bestanden:
  - record_type: lt_traject
    patroon: "opvang_*.txt"
    scheidingsteken: tab
    codering: latin-1
    kopregel: 2
    datumformaat: dd-mm-jjjj
    datumformaten: {datum_aanmelding: excel}
    gemeentenamen: true
    ontdubbelen: true
    negeren: [Notities]
    kolommen:
      traject_id: Verblijfnummer
      gemeente: Gemeente
      datum_aanmelding: Aanmelddatum
      datum_start: Opnamedatum
      datum_einde: Vertrekdatum
      verwijzer: Verwezen door
    waarden:
      verwijzer: {Politie: POLITIE, Huisarts: HUISARTS, Zelf: ZELFMELDER}
  - record_type: betrokkene
    patroon: "opvang_*.txt"
    scheidingsteken: tab
    codering: latin-1
    kopregel: 2
    negeren: [Notities]
    kolommen:
      bron_id: Verblijfnummer
      volgnummer: Persoonnummer
      rol: Rol
    identiteit:
      bsn: BSN
      voornamen: Voornaam
      achternaam: Achternaam
      geboortedatum: Geboortedatum
    waarden:
      rol: {Cliënt: SLACHTOFFER, Kind: KIND}
"""


def _type_text(annotation: Any) -> str:
    origin = get_origin(annotation)
    args = [a for a in get_args(annotation) if a is not type(None)]
    if origin is Literal:
        return " \\| ".join(f"`{a}`" for a in get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " \\| ".join(f"`{m.value}`" for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "bestand"
    if origin is dict:
        return f"tabel (naam: {_type_text(args[1])})"
    if origin is list:
        return f"lijst van {_type_text(args[0])}"
    if len(args) == 1 and len(get_args(annotation)) == 2:
        return f"{_type_text(args[0])}, mag ontbreken"
    labels = {str: "tekst", int: "geheel getal", bool: "`true` \\| `false`"}
    return labels.get(annotation, str(annotation))


def _inline(value: Any) -> str:
    if isinstance(value, str):
        return f"`{value}`"
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False)
    return f"`{dumped.strip().removesuffix('...').strip()}`"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "verplicht"
    value = info.get_default(call_default_factory=True)
    if value in (None, "") or value == {} or value == []:
        return "—"
    return _inline(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("\\\\|", "\\|")


def key_rows(model: type[BaseModel]) -> list[tuple[str, str, str, str, str]]:
    """(YAML key, type, default, example, meaning) of every key of ``model``."""
    rows = []
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        example = _inline(info.examples[0]) if info.examples else "—"
        rows.append((info.alias or name, _type_text(info.annotation), _default(info), example,
                     info.description or ""))
    return rows


def _table(model: type[BaseModel]) -> list[str]:
    lines = ["| Sleutel | Soort | Standaard | Voorbeeld | Betekenis |", "|---|---|---|---|---|"]
    for key, kind, default, example, meaning in key_rows(model):
        lines.append(f"| `{key}` | {kind} | {_cell(default)} | {_cell(example)} | "
                     f"{_cell(meaning)} |")
    return lines


def _fields() -> list[str]:
    lines: list[str] = []
    for record in BUILTIN_RECORD_TYPES.values():
        lines += ["", f"### `{record.name}`", "", record.description, "",
                  "| Veld | Soort | Verplicht | Codelijst |", "|---|---|---|---|"]
        for f in record.fields:
            if f.type in (FieldType.TOKEN, FieldType.BLOOM) or (
                    record.name == "betrokkene" and f.name in DERIVED_FIELDS):
                continue
            lines.append(f"| `{f.name}` | {_TYPE_LABELS[f.type]} | "
                         f"{'ja' if f.required else 'nee'} | {f.code_list or '—'} |")
    return lines


def render_mapping(regenerate: str) -> str:
    lines = [
        "# Mapping-taal",
        "",
        f"<!-- Gegenereerd met `{regenerate}`; niet met de hand wijzigen. -->",
        "",
        "Een mapping (YAML) beschrijft hoe de export van een ketenpartner op het aanleverformaat "
        "past: welke bestanden, hoe ze gelezen worden en welke kolom welk veld vult. Een nieuw "
        "exportformaat vraagt een nieuwe mapping, nooit nieuwe code. Controleer een mapping op de "
        "eigen export met `ketenmonitor mapping controleer --mapping M --invoer MAP`: dat draait "
        "alle regels van de monitor, schrijft niets en toont regelnummers en kolomnamen, nooit "
        "waarden. `ketenmonitor pseudonymise` doet dezelfde controle vooraf. Elke onmogelijke "
        "combinatie van sleutels wordt bij het laden in het Nederlands gemeld, alle tegelijk.",
        "",
        "## Mapping",
        "",
        *_table(Mapping),
        "",
        "## Bestand (elk onderdeel van `bestanden`)",
        "",
        *_table(FileMapping),
        "",
        "## Velden per recordtype",
        "",
        "De velden die `kolommen` kan vullen. Tokens en de leeftijdsklasse maakt "
        "`pseudonymise` zelf; bij `betrokkene` staan de identificerende kolommen onder "
        f"`identiteit`: {', '.join(f'`{n}`' for n in IDENTITY_FIELDS)}.",
        *_fields(),
        "",
        "## Voorbeeld",
        "",
        "```yaml",
        *EXAMPLE.rstrip("\n").splitlines(),
        "```",
    ]
    return "\n".join(lines) + "\n"
