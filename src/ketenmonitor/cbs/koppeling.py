# SPDX-License-Identifier: EUPL-1.2
"""The mapping file ``koppeling.yaml``: which StatLine tables exist and what they compare with.

Category labels are resolved against the project's code lists (``codes/data``); the YAML only
holds aliases for labels CBS writes differently. Everything is validated when loaded, with Dutch
messages, so a wrong mapping never reaches an import or a publication.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ketenmonitor.codes import code_list
from ketenmonitor.core.i18n import _
from ketenmonitor.core.validation import read_yaml, validated

KOPPELING_FILE = Path(__file__).resolve().parent / "koppeling.yaml"
TOTAAL = "totaal"
TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}(?:NED|ned))(?![A-Za-z])")


def normalise_label(text: str) -> str:
    """Labels compare case-insensitively, with runs of white space as one space."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DimensieSpec(_Strict):
    """An extra dimension column of a StatLine table (besides Regio's and Perioden)."""

    cbs: str = Field(min_length=2)
    naam: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    codelijst: str
    aliassen: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _aliases_in_code_list(self) -> DimensieSpec:
        targets = self.targets()
        wrong = sorted(v for v in self.aliassen.values() if v not in targets)
        if wrong:
            raise ValueError(
                _("alias(sen) naar onbekende code(s) {codes} van codelijst {lijst}").format(
                    codes=", ".join(wrong), lijst=self.codelijst
                )
            )
        return self

    def targets(self) -> set[str]:
        """Codes and groups of the code list (a CBS category can be either), and 'totaal'."""
        codes = code_list(self.codelijst)
        return set(codes.codes) | {codes.group(c) for c in codes.codes} | {TOTAAL}

    def resolve(self, label: str) -> str | None:
        """The code (or group) for a CBS category label; 'totaal' for a total; None if unknown."""
        key = normalise_label(label)
        if key.startswith("totaal"):
            return TOTAAL
        for alias, code in self.aliassen.items():
            if normalise_label(alias) == key:
                return code
        codes = code_list(self.codelijst)
        for code, text in codes.labels.items():
            if normalise_label(text) == key or normalise_label(code) == key:
                return code
        return None


class BevolkingSpec(_Strict):
    onderwerp: str = Field(min_length=3)


class TabelSpec(_Strict):
    titels: list[str] = Field(min_length=1)
    omschrijving: str = Field(min_length=3)
    dimensies: list[DimensieSpec] = Field(default_factory=list)
    bevolking: BevolkingSpec | None = None

    def dimension(self, header: str) -> DimensieSpec | None:
        key = normalise_label(header)
        for spec in self.dimensies:
            if normalise_label(spec.cbs) == key or spec.naam == key:
                return spec
        return None

    def dimension_named(self, naam: str) -> DimensieSpec | None:
        return next((d for d in self.dimensies if d.naam == naam), None)


class NoemerSpec(_Strict):
    tabel: str
    onderwerp: str


class Koppeling(_Strict):
    """One indicator (and, optionally, one of its dimensions) against one CBS topic."""

    indicator: str
    tabel: str
    onderwerp: str
    dimensie: str | None = None
    cbs_dimensie: str | None = None
    noemer: NoemerSpec | None = None

    @model_validator(mode="after")
    def _dimension_pair(self) -> Koppeling:
        if (self.dimensie is None) != (self.cbs_dimensie is None):
            raise ValueError(_("geef 'dimensie' en 'cbs_dimensie' samen, of geen van beide"))
        return self


class KoppelingBestand(_Strict):
    versie: Literal[1]
    tabellen: dict[str, TabelSpec]
    koppelingen: list[Koppeling]

    @model_validator(mode="after")
    def _known_tables(self) -> KoppelingBestand:
        for entry in self.koppelingen:
            tables = [entry.tabel] + ([entry.noemer.tabel] if entry.noemer else [])
            for table in tables:
                if table not in self.tabellen:
                    raise ValueError(
                        _("koppeling voor {id} noemt onbekende tabel {tabel}").format(
                            id=entry.indicator, tabel=table
                        )
                    )
            spec = self.tabellen[entry.tabel]
            if entry.cbs_dimensie and spec.dimension_named(entry.cbs_dimensie) is None:
                raise ValueError(
                    _("tabel {tabel} heeft geen uitsplitsing '{naam}' (koppeling {id})").format(
                        tabel=entry.tabel, naam=entry.cbs_dimensie, id=entry.indicator
                    )
                )
        return self

    def table(self, table_id: str) -> TabelSpec:
        return self.tabellen[table_id]

    def table_for(self, title: str, file_name: str, explicit: str | None) -> str | None:
        """The table id: given explicitly, named in the title or file name, or known by title."""
        if explicit:
            return self._known_id(explicit)
        for text in (title, file_name):
            match = TABLE_ID.search(text)
            if match and self._known_id(match.group(1)):
                return self._known_id(match.group(1))
        key = normalise_label(title)
        for table_id, spec in self.tabellen.items():
            if any(normalise_label(t) == key for t in spec.titels):
                return table_id
        return None

    def _known_id(self, text: str) -> str | None:
        return next((t for t in self.tabellen if t.casefold() == text.strip().casefold()), None)

    def for_indicator(self, indicator_id: str) -> list[Koppeling]:
        return [k for k in self.koppelingen if k.indicator == indicator_id]


def unknown_indicators(koppeling: KoppelingBestand, catalogue: Mapping[str, Any]) -> list[str]:
    """Mappings that name an indicator id, or a dimension of it, the catalogue does not have."""
    problems: list[str] = []
    for entry in koppeling.koppelingen:
        if entry.indicator not in catalogue:
            problems.append(entry.indicator)
            continue
        dims = [d.naam for d in catalogue[entry.indicator].dimensies]
        if entry.dimensie is not None and entry.dimensie not in dims:
            problems.append(f"{entry.indicator}.{entry.dimensie}")
    return sorted(set(problems))


def load_koppeling(path: Path | None = None) -> KoppelingBestand:
    """Read and validate the mapping file (default: the bundled ``koppeling.yaml``)."""
    file = path or KOPPELING_FILE
    return _load(file) if path else _bundled()


@cache
def _bundled() -> KoppelingBestand:
    return _load(KOPPELING_FILE)


def _load(file: Path) -> KoppelingBestand:
    data = read_yaml(file, "koppeling_onleesbaar",
                     _("Het koppelbestand {file} is niet te lezen: {reason}"))
    return validated(
        KoppelingBestand, data, file, "koppeling_ongeldig",
        _("Het koppelbestand {file} is ongeldig: {problems}"),
        _("Pas de genoemde velden aan; de velden staan beschreven bovenaan koppeling.yaml."),
    )
