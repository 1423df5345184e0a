# SPDX-License-Identifier: EUPL-1.2
"""The documentation of the delivery format (``docs/aanleverformaat.md``), generated from code.

Partners build their exports against this document, so it must say exactly what ingest checks.
It is rendered from :mod:`ketenmonitor.delivery.schema` and the code lists, and a test fails when
the file in ``docs/`` differs from what this module renders. Regenerate it with::

    python -m ketenmonitor.reports.delivery_docs docs/aanleverformaat.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from ketenmonitor.codes import code_list
from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.schema import (
    EVENT_RECORD_TYPE,
    MANIFEST_FIELDS,
    MULTI_SEPARATOR,
    RECORD_TYPES,
    SCHEMA_VERSION,
    Field,
    FieldType,
    RecordType,
)
from ketenmonitor.reports.formatting import humanise

TYPE_TEXT: dict[FieldType, str] = {
    FieldType.TEXT: "Tekst.",
    FieldType.DATE: "Datum als `jjjj-mm-dd`.",
    FieldType.BOOL: "Ja of nee als `true` of `false`.",
    FieldType.INT: "Geheel getal.",
    FieldType.DECIMAL: "Decimaal getal met een punt (`12.5`); de mapping zet een komma om.",
    FieldType.CODE: "Eén code uit de genoemde codelijst.",
    FieldType.CODES: f"Eén of meer codes uit de codelijst, gescheiden door `{MULTI_SEPARATOR}`.",
    FieldType.GEMEENTE: "CBS-gemeentecode (`GM0518`), geldig op de datum van het record.",
    FieldType.TOKEN: "HMAC-SHA256-token van 32 bytes (binair); nooit de waarde zelf.",
    FieldType.BLOOM: "Versterkt Bloomfilter van 64 bytes (512 bits, binair); nooit de waarde zelf.",
}

MANIFEST_TEXT: dict[str, str] = {
    "delivery_id": "Kenmerk van de levering: partner, recordsoort, periode en begin van de "
                   "checksum. Dezelfde export geeft hetzelfde kenmerk.",
    "partner": "Code van de aanleverende organisatie (kleine letters, cijfers, `_`).",
    "partner_type": "Soort partner: `veilig_thuis`, `politie`, `lokaal_team` of `mda`.",
    "record_type": "Recordsoort (zie hieronder).",
    "period": "Periode van de levering: een halfjaar (`2024-H1`) of een jaar (`2024`).",
    "row_count": "Aantal rijen in het Parquet-bestand.",
    "schema_version": "Versie van dit aanleverformaat.",
    "checksum": "SHA-256 van het Parquet-bestand (hexadecimaal).",
    "created_at": "Tijdstip waarop de levering is gemaakt (ISO 8601, UTC).",
    "key_id": "Vingerafdruk van de sleutel: onderscheidt sleutels, verraadt de sleutel niet.",
    "software_version": "Versie van Ketenmonitor die de levering maakte.",
    "rekeyed": "Sinds versie 1.1: `true` als een vertrouwde derde partij de tokens met "
               "`ketenmonitor rekey` naar haar sleutel heeft omgezet, anders `false`.",
}

INTRO = """\
Een levering is één Parquet-bestand met de records van één recordsoort van één partner over
één periode, met daarnaast een manifest. Dit document beschrijft versie **{version}** van het
formaat. Het is gegenereerd uit `ketenmonitor.delivery.schema` en de codelijsten; wijzig die en
genereer het opnieuw met `python -m ketenmonitor.reports.delivery_docs docs/aanleverformaat.md`.

## Van eigen export naar levering

1. **Export.** De partner exporteert uit het eigen systeem, zoals dat systeem het kan: CSV
   (met `;`, decimale komma's en datums als `dd-mm-jjjj`) of XLSX, met Nederlandse
   kolomkoppen.
2. **Mapping.** Een mappingbestand (YAML, in `src/ketenmonitor/sources/mappings/`) legt per
   soort partner vast welke kolom bij welk veld hoort en welke waarde van de partner bij welke
   code. Een nieuw exportformaat vraagt alleen een nieuwe mapping, geen code. Een kolom die de
   mapping niet kent, wordt geweigerd: die kan persoonsgegevens bevatten.
3. **Pseudonimiseren bij de bron.** `ketenmonitor pseudonymise` leest de export via de mapping,
   normaliseert BSN, naam, geboortedatum en adres, vervangt ze door sleuteltokens
   (HMAC-SHA256 met een sleutel die bij de partners blijft) en schrijft per recordsoort een
   Parquet-bestand met manifest. Geen enkele identificerende waarde verlaat de partner.
4. **Inlezen.** `ketenmonitor ingest` controleert elke rij tegen dit formaat en de
   codelijsten. Goede rijen worden geladen, foute rijen gaan met een reden in quarantaine;
   rijen in = geladen + quarantaine. Dezelfde levering nogmaals inlezen verandert niets.

## Bestanden

- `<partner>_<recordsoort>_<periode>.parquet`: de records. Alle velden behalve tokens zijn
  tekst in genormaliseerde vorm; ingest bepaalt per rij of een waarde klopt.
- `<partner>_<recordsoort>_<periode>.manifest.json`: het manifest (zie hieronder).

Een leeg veld is `null`. Elke levering bevat precies de velden van de recordsoort, niet meer en
niet minder.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _field_row(field: Field) -> str:
    required = "ja" if field.required else "nee"
    codes = f"[`{field.code_list}`](#codelijst-{field.code_list})" if field.code_list else ""
    description = field.description or humanise(field.name)
    bounds = []
    if field.minimum is not None:
        bounds.append(f"minimaal {field.minimum}")
    if field.maximum is not None:
        bounds.append(f"maximaal {field.maximum}")
    if bounds and f"({field.minimum}-{field.maximum})" not in description:
        description = f"{description} ({', '.join(bounds)})".strip()
    return (
        f"| `{field.name}` | {field.type.value} | {required} | {codes} | {_cell(description)} |"
    )


def _partners(record: RecordType) -> str:
    partners = [p.value for p, rt in EVENT_RECORD_TYPE.items() if rt.name == record.name]
    if partners:
        return ", ".join(f"`{p}`" for p in partners)
    return "alle partners (bij elk bericht, incident, traject of elke casus)"


def _record_section(record: RecordType) -> list[str]:
    lines = [
        f"### {record.name}",
        "",
        _cell(record.description),
        "",
        f"- Geleverd door: {_partners(record)}.",
        f"- Sleutel: {', '.join(f'`{k}`' for k in record.key)} (uniek binnen de levering).",
    ]
    if record.reference_date:
        lines.append(
            f"- Datum van het record: `{record.reference_date}` (niet in de toekomst; de "
            "gemeentecode moet op die datum bestaan)."
        )
    lines += [
        "",
        "| Veld | Type | Verplicht | Codelijst | Omschrijving |",
        "|---|---|---|---|---|",
        *(_field_row(f) for f in record.fields),
        "",
    ]
    return lines


def _code_list_section(name: str) -> list[str]:
    codes = code_list(name)
    has_groups = any(codes.group(c) != c for c in codes.codes)
    header = "| Code | Omschrijving | Groep |" if has_groups else "| Code | Omschrijving |"
    rule = "|---|---|---|" if has_groups else "|---|---|"
    rows = [
        f"| `{c}` | {_cell(codes.label(c))} | `{codes.group(c)}` |" if has_groups
        else f"| `{c}` | {_cell(codes.label(c))} |"
        for c in codes.codes
    ]
    return [f'### <a id="codelijst-{name}"></a>{name}', "", header, rule, *rows, ""]


def render_delivery_format() -> str:
    """The Markdown text of ``docs/aanleverformaat.md``."""
    lines = ["# Aanleverformaat", "", INTRO.format(version=SCHEMA_VERSION).rstrip(), ""]
    lines += ["## Veldtypen", "", "| Type | Betekenis |", "|---|---|"]
    lines += [f"| {t.value} | {_cell(TYPE_TEXT[t])} |" for t in FieldType]
    lines += ["", "## Manifest", "", "| Veld | Betekenis |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(MANIFEST_TEXT[name])} |" for name in MANIFEST_FIELDS]
    lines += ["", "## Recordsoorten", ""]
    for record in RECORD_TYPES.values():
        lines += _record_section(record)
    used = sorted({f.code_list for r in RECORD_TYPES.values() for f in r.fields if f.code_list})
    lines += ["## Codelijsten", "",
              "De codes die een veld van het type `code` of `codes` mag bevatten. De groep is de "
              "indeling die de indicatoren gebruiken.", ""]
    for name in used:
        lines += _code_list_section(name)
    return "\n".join(lines).rstrip() + "\n"


def write_delivery_format(path: Path) -> Path:
    """Write the generated Markdown to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_delivery_format(), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        usage = _("Gebruik: python -m ketenmonitor.reports.delivery_docs docs/aanleverformaat.md")
        sys.stderr.write(usage + "\n")
        return 2
    write_delivery_format(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
