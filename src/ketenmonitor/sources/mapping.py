# SPDX-License-Identifier: EUPL-1.2
"""Mapping files: how one partner's export maps onto the delivery format.

A mapping is YAML (``sources/mappings/<partner_type>.yaml`` or any path) with, per file of the
export, the record type, file pattern, format and conventions (delimiter, encoding, date format,
decimal and multi-value separators), the columns (delivery field -> partner header), the identity
columns of betrokkenen and value maps (partner label -> code). A new partner format needs a new
mapping, never new code. Mappings are validated with pydantic when loaded; problems are reported
in Dutch, all at once (the cross-field rules are in :mod:`ketenmonitor.sources.mapping_rules`).

The ``description`` and ``examples`` of every field below are the user documentation:
``docs/mapping.md`` is generated from them (:mod:`ketenmonitor.sources.mapping_docs`).
"""

from __future__ import annotations

import codecs
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.validation import describe
from ketenmonitor.delivery.schema import BUILTIN_RECORD_TYPES, RECORD_TYPES, FieldType
from ketenmonitor.sources.dates import check_date_format

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"
IDENTITY_FIELDS = ("bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "postcode",
                   "huisnummer", "huisnummer_toevoeging")
# made by pseudonymise from the identity columns; never read from a file
TOKEN_FIELDS = tuple(f.name for f in BUILTIN_RECORD_TYPES["betrokkene"].fields
                     if f.type in (FieldType.TOKEN, FieldType.BLOOM))
# derived by pseudonymise from the date of birth and the record's date; never read from a file
DERIVED_FIELDS = ("leeftijdsklasse",)
_VALUE_TYPES = (FieldType.CODE, FieldType.CODES, FieldType.BOOL, FieldType.GEMEENTE)
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "puntkomma": ";", "komma": ",", "pipe": "|"}


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class FileMapping(BaseModel):
    """One file (or sheet) of a partner export."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    record_type: str = Field(
        description="Recordtype dat dit bestand levert: " + ", ".join(BUILTIN_RECORD_TYPES) + ", of een "
                    "recordtype uit de bronnenmap van de regio. Hetzelfde "
                    "bestand mag onder meer recordtypen staan (bijvoorbeeld één regel per persoon "
                    "per verblijf: een verblijf en een betrokkene).",
        examples=["lt_traject"])
    pattern: str = Field(alias="patroon", min_length=1, description=(
        "Bestandsnaam of patroon (met * en ?) waaraan het bestand in de exportmap herkend wordt."),
        examples=["LT_trajecten_*.csv"])
    format: Literal["csv", "xlsx"] = Field("csv", alias="formaat", description=(
        "Bestandsformaat: csv (tekst met scheidingsteken) of xlsx (Excel-werkmap)."),
        examples=["xlsx"])
    sheet: str | None = Field(None, alias="blad", description=(
        "Naam van het tabblad; verplicht bij xlsx, niet toegestaan bij csv."), examples=["Export"])
    header_row: int = Field(1, alias="kopregel", ge=1, description=(
        "Regelnummer van de kopregel met de kolomnamen; de regels erboven (titels, "
        "exportdatum) worden overgeslagen. Bij xlsx de eerste niet-lege rij vanaf dit nummer."),
        examples=[3])
    delimiter: str = Field(";", alias="scheidingsteken", min_length=1, max_length=1, description=(
        "Scheidingsteken tussen velden (alleen csv); 'tab' voor een tab."), examples=["tab"])
    encoding: str = Field("utf-8", alias="codering", description=(
        "Tekencodering (alleen csv), bijvoorbeeld utf-8 of latin-1; een UTF-8-BOM is altijd goed."),
        examples=["latin-1"])
    date_format: str = Field("dd-mm-jjjj", alias="datumformaat", description=(
        "Datumformaat van alle datumkolommen: een patroon met dd, mm en jjjj; 'iso' voor ISO "
        "8601-datums en -tijdstippen (een tijdstip met tijdzone wordt de Nederlandse datum, "
        "Europe/Amsterdam); 'excel' voor Excel-datumnummers (45292 is 1-1-2024). Een datum die "
        "al als jjjj-mm-dd geschreven is, is altijd goed."), examples=["iso"])
    date_formats: dict[str, str] = Field(default_factory=dict, alias="datumformaten", description=(
        "Datumformaat per veld, als een kolom een ander formaat heeft dan 'datumformaat' "
        "(veld: formaat); ook voor 'geboortedatum' uit 'identiteit'."),
        examples=[{"datum_aanmelding": "excel", "geboortedatum": "dd-mm-jjjj"}])
    decimal_separator: Literal[",", "."] = Field(",", alias="decimaalteken", description=(
        "Decimaalteken van getallen met decimalen: ',' of '.'."), examples=["."])
    multi_separator: str = Field(",", alias="meerwaardescheidingsteken", min_length=1, description=(
        "Teken tussen meerdere waarden in één cel (velden met meer codes)."), examples=["/"])
    columns: dict[str, str] = Field(alias="kolommen", description=(
        "Veld van het aanleverformaat: kolomnaam in de export. Eén kolom mag meer velden vullen. "
        "Alle verplichte velden van het recordtype horen erin."),
        examples=[{"traject_id": "Trajectnummer", "datum_aanmelding": "Aanmelddatum",
                   "datum_start": "Aanmelddatum"}])
    identity: dict[str, str] = Field(default_factory=dict, alias="identiteit", description=(
        "Alleen bij betrokkene: identificerende kolommen (" + ", ".join(IDENTITY_FIELDS) + "); "
        "ze worden bij het pseudonimiseren tokens en verlaten de partner nooit."),
        examples=[{"bsn": "BSN", "geboortedatum": "Geboortedatum"}])
    values: dict[str, dict[str, str]] = Field(default_factory=dict, alias="waarden", description=(
        "Per veld met codes (code, codes, ja/nee, gemeente): waarde in de export: code. "
        "Hoofdletters tellen niet mee."),
        examples=[{"verwijzer": {"Huisarts": "HUISARTS"}, "gemeente": {"Den Haag": "GM0518"}}])
    gemeente_names: bool = Field(False, alias="gemeentenamen", description=(
        "Gemeentevelden bevatten namen (zoals 'Leiden' of \"'s-Gravenhage\") in plaats van "
        "CBS-codes; de naam wordt de CBS-code. 'waarden' gaat voor."), examples=[True])
    ignore: list[str] = Field(default_factory=list, alias="negeren", description=(
        "Kolommen die de export heeft maar die niet meegaan, zoals vrije tekst: ze worden bij het "
        "lezen weggelaten en komen nooit in een levering. Een kolom die in geen enkel onderdeel "
        "van de mapping staat, laat het bestand weigeren."), examples=[["Opmerkingen"]])
    deduplicate: bool = Field(False, alias="ontdubbelen", description=(
        "Gelijke regels (na het vertalen) worden één record; voor een plat bestand met één regel "
        "per persoon per verblijf, waarin het verblijf op elke regel herhaald wordt."),
        examples=[True])

    @field_validator("values", mode="before")
    @classmethod
    def _texts(cls, raw: Any) -> Any:
        if not isinstance(raw, dict):
            return raw
        return {k: ({_as_text(a): _as_text(b) for a, b in v.items()} if isinstance(v, dict) else v)
                for k, v in raw.items()}

    @field_validator("delimiter", mode="before")
    @classmethod
    def _named_delimiter(cls, raw: Any) -> Any:
        return _DELIMITER_NAMES.get(raw.lower(), raw) if isinstance(raw, str) else raw

    @field_validator("record_type")
    @classmethod
    def _record_type(cls, value: str) -> str:
        if value not in RECORD_TYPES:
            raise ValueError(_("onbekend recordtype '{waarde}'; kies uit {keuzes}").format(
                waarde=value, keuzes=", ".join(RECORD_TYPES)))
        return value

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(_("onbekende codering '{waarde}'").format(waarde=value)) from None
        return value

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, value: str) -> str:
        return check_date_format(value)

    @model_validator(mode="after")
    def _consistent(self) -> FileMapping:
        from ketenmonitor.sources.mapping_rules import file_problems

        problems = file_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def date_format_for(self, field: str) -> str:
        """The date format of one field: its own (``datumformaten``) or the file's."""
        own = self.date_formats.get(field)
        return check_date_format(own) if own else self.date_format

    @cached_property
    def headers(self) -> list[str]:
        """Partner headers this file must have, in mapping order (each once)."""
        return list(dict.fromkeys([*self.columns.values(), *self.identity.values()]))

    def header_of(self, field: str) -> str | None:
        """The partner's column name of a delivery or identity field."""
        return self.columns.get(field) or self.identity.get(field)


class Mapping(BaseModel):
    """The mapping of one partner export (all its files)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    partner_type: str = Field(description=(
        "Soort partner: de id van een partnersoort uit de broncatalogus ('ketenmonitor bronnen "
        "list'), zoals veilig_thuis, politie, lokaal_team, mda of vrouwenopvang, of een eigen "
        "partnersoort uit de bronnenmap van de regio."),
        examples=["lokaal_team"])
    description: str = Field("", alias="omschrijving", description=(
        "Vrije omschrijving van de export (voor de lezer van de mapping)."),
        examples=["Cliëntsysteem lokale teams, halfjaarexport"])
    files: list[FileMapping] = Field(alias="bestanden", min_length=1, description=(
        "De bestanden (of tabbladen) van de export, elk met de onderdelen hieronder."))
    source: str = Field("", exclude=True)

    @field_validator("partner_type")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        from ketenmonitor.delivery.catalogue import KindId, current_catalogue

        kinds = current_catalogue()
        if value not in kinds:  # worded like any wrong choice (core/validation.py)
            raise PydanticCustomError("literal_error", "unknown partner kind",
                                      {"expected": ", ".join(kinds)})
        return KindId(value)  # has .value, like the PartnerType members it replaces

    @model_validator(mode="after")
    def _files_agree(self) -> Mapping:
        from ketenmonitor.sources.mapping_rules import shared_file_problems

        problems = shared_file_problems(self.files)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def name(self) -> str:
        return self.source or self.partner_type


@lru_cache(maxsize=64)
def _parse_yaml(text: str) -> Any:
    """YAML parsed once per distinct text: a run reads the same mapping for every export (the
    parsed value is only read, never changed)."""
    return yaml.safe_load(text)


def load_mapping(name_or_path: str | Path) -> Mapping:
    """A bundled mapping by partner type name (``"veilig_thuis"``) or a YAML file by path."""
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        path = MAPPINGS_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        bundled = ", ".join(sorted(p.stem for p in MAPPINGS_DIR.glob("*.yaml")))
        raise ConfigurationError(
            "mapping_onbekend",
            _("De mapping '{naam}' bestaat niet.").format(naam=name_or_path),
            _("Geef het pad van een YAML-bestand of een meegeleverde mapping: {namen}.").format(
                namen=bundled),
        )
    try:
        raw = _parse_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigurationError(
            "mapping_onleesbaar",
            _("De mapping {naam} is geen geldig YAML-bestand.").format(naam=path.name),
            _("Controleer inspringing en dubbele punten; de parser meldt: {fout}").format(
                fout=str(error).splitlines()[0]),
        ) from None
    if not isinstance(raw, dict):
        raw = {"bestanden": raw}
    try:
        return Mapping.model_validate({**raw, "source": path.name})
    except ValidationError as error:
        raise ConfigurationError(
            "mapping_ongeldig",
            _("De mapping {naam} is ongeldig: {fouten}.").format(naam=path.name,
                                                                  fouten=describe(error)),
            _("Pas het YAML-bestand aan; de meegeleverde mappings (veilig_thuis, politie, "
              "lokaal_team, mda) laten alle onderdelen zien."),
        ) from None
