# SPDX-License-Identifier: EUPL-1.2
"""Mapping files: how one partner's export maps onto the delivery format.

A mapping is YAML (``sources/mappings/<partner_type>.yaml`` or any path) with, per file of the
export, the record type, file pattern, format and conventions (delimiter, encoding, date format,
decimal and multi-value separators), the columns (delivery field -> partner header), the identity
columns of betrokkenen and value maps (partner label -> code). A new partner format needs a new
mapping, never new code. Mappings are validated with pydantic when loaded; problems are reported
in Dutch, all at once.
"""

from __future__ import annotations

import codecs
import re
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ketenmonitor.codes import code_list, gemeente
from ketenmonitor.core.delivery import RECORD_TYPES, FieldType, PartnerType
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.validation import describe

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"
IDENTITY_FIELDS = ("bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "postcode",
                   "huisnummer", "huisnummer_toevoeging")
# made by pseudonymise from the identity columns; never read from a file
TOKEN_FIELDS = tuple(f.name for f in RECORD_TYPES["betrokkene"].fields
                     if f.type in (FieldType.TOKEN, FieldType.BLOOM))
# derived by pseudonymise from the date of birth and the record's date; never read from a file
DERIVED_FIELDS = ("leeftijdsklasse",)
_DATE_TOKENS = {"dd": r"(?P<d>\d{1,2})", "mm": r"(?P<m>\d{1,2})", "jjjj": r"(?P<y>\d{4})",
                "yyyy": r"(?P<y>\d{4})"}
_VALUE_TYPES = (FieldType.CODE, FieldType.CODES, FieldType.BOOL, FieldType.GEMEENTE)


def date_regex(date_format: str) -> re.Pattern[str]:
    """'dd-mm-jjjj' -> a regex with groups d, m and y."""
    parts = re.split(r"(dd|mm|jjjj|yyyy)", date_format.lower())
    return re.compile("^" + "".join(_DATE_TOKENS.get(p, re.escape(p)) for p in parts) + "$")


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class FileMapping(BaseModel):
    """One file (or sheet) of a partner export."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    record_type: str
    pattern: str = Field(alias="patroon", min_length=1)
    format: Literal["csv", "xlsx"] = Field("csv", alias="formaat")
    sheet: str | None = Field(None, alias="blad")
    delimiter: str = Field(";", alias="scheidingsteken", min_length=1, max_length=1)
    encoding: str = Field("utf-8", alias="codering")
    date_format: str = Field("dd-mm-jjjj", alias="datumformaat")
    decimal_separator: Literal[",", "."] = Field(",", alias="decimaalteken")
    multi_separator: str = Field(",", alias="meerwaardescheidingsteken", min_length=1)
    columns: dict[str, str] = Field(alias="kolommen")
    identity: dict[str, str] = Field(default_factory=dict, alias="identiteit")
    values: dict[str, dict[str, str]] = Field(default_factory=dict, alias="waarden")

    @field_validator("values", mode="before")
    @classmethod
    def _texts(cls, raw: Any) -> Any:
        if not isinstance(raw, dict):
            return raw
        return {k: ({_as_text(a): _as_text(b) for a, b in v.items()} if isinstance(v, dict) else v)
                for k, v in raw.items()}

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
        groups = date_regex(value).groupindex
        if not {"d", "m", "y"} <= set(groups):
            raise ValueError(_("datumformaat '{waarde}' moet dd, mm en jjjj bevatten").format(
                waarde=value))
        return value

    @model_validator(mode="after")
    def _consistent(self) -> FileMapping:
        problems: list[str] = []
        record = RECORD_TYPES[self.record_type]
        derived = DERIVED_FIELDS if self.record_type == "betrokkene" else ()
        allowed = [f for f in record.field_names if f not in TOKEN_FIELDS]
        for name in self.columns:
            if name in derived:
                problems.append(_("veld '{veld}' wordt bij het pseudonimiseren uit de "
                                  "geboortedatum afgeleid en hoort niet in 'kolommen'").format(
                    veld=name))
            elif name not in allowed:
                problems.append(_("veld '{veld}' bestaat niet in recordtype {rt}").format(
                    veld=name, rt=self.record_type))
        for f in record.fields:
            if f.required and f.name not in self.columns:
                problems.append(_("verplicht veld '{veld}' ontbreekt in 'kolommen'").format(
                    veld=f.name))
        if self.identity and self.record_type != "betrokkene":
            problems.append(_("'identiteit' mag alleen bij recordtype betrokkene"))
        for name in self.identity:
            if name not in IDENTITY_FIELDS:
                problems.append(_("identiteitsveld '{veld}' is onbekend; kies uit {keuzes}").format(
                    veld=name, keuzes=", ".join(IDENTITY_FIELDS)))
        headers = [*self.columns.values(), *self.identity.values()]
        for header in sorted({h for h in headers if headers.count(h) > 1}):
            problems.append(_("kolom '{kolom}' is aan meer dan één veld gekoppeld").format(
                kolom=header))
        if self.format == "xlsx" and not self.sheet:
            problems.append(_("bij formaat xlsx hoort 'blad' (de naam van het tabblad)"))
        problems.extend(self._value_problems())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _value_problems(self) -> list[str]:
        problems: list[str] = []
        record = RECORD_TYPES[self.record_type]
        for name, table in self.values.items():
            if name not in self.columns:
                problems.append(_("'waarden' noemt veld '{veld}' dat niet in 'kolommen' "
                                  "staat").format(veld=name))
                continue
            f = record.field(name)
            if f.type not in _VALUE_TYPES:
                problems.append(_("veld '{veld}' heeft geen codes; 'waarden' past daar "
                                  "niet").format(veld=name))
                continue
            if f.type == FieldType.BOOL:
                valid: set[str] = {"true", "false"}
            elif f.type == FieldType.GEMEENTE:
                valid = {code for code in table.values() if _is_gemeente(code)}
            else:
                valid = set(code_list(f.code_list or "").codes)
            for label, code in table.items():
                if code not in valid:
                    problems.append(_("'{label}' bij veld '{veld}' wijst naar onbekende code "
                                      "'{code}'").format(label=label, veld=name, code=code))
        return problems

    @cached_property
    def headers(self) -> list[str]:
        """Partner headers this file must have, in mapping order."""
        return [*self.columns.values(), *self.identity.values()]


def _is_gemeente(code: str) -> bool:
    try:
        gemeente(code)
    except ConfigurationError:
        return False
    return True


class Mapping(BaseModel):
    """The mapping of one partner export (all its files)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    partner_type: PartnerType
    description: str = Field("", alias="omschrijving")
    files: list[FileMapping] = Field(alias="bestanden", min_length=1)
    source: str = Field("", exclude=True)

    @property
    def name(self) -> str:
        return self.source or self.partner_type.value


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
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
