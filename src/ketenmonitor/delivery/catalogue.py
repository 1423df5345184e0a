# SPDX-License-Identifier: EUPL-1.2
"""The source catalogue: partner kinds and their record types, from definition files (ADR 0023).

The package ships one YAML file per partner kind in ``delivery/catalogue/`` and the person record
(``betrokkene``) in ``delivery/catalogue/personen/``. A region adds its own kinds in the folder
named by ``KETENMONITOR_BRONNEN_MAP`` without touching the package. Every problem (bad YAML, an
unknown field or code list, a kind or record type defined twice) stops the load with a Dutch
message naming the file, because a silently skipped kind would make its deliveries disappear.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.validation import read_yaml, validated
from ketenmonitor.delivery.catalogue_model import PartnersoortDef, RecordsoortDef
from ketenmonitor.delivery.record import Field, RecordType

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
PERSONS_FILE = CATALOGUE_DIR / "personen" / "betrokkene.yaml"
FOLDER_ENV = "KETENMONITOR_BRONNEN_MAP"
# The code list of vt_bericht.overdracht_organisatie: where Veilig Thuis hands a casus over to.
OVERDRACHT_CODE_LIST = "overdracht_organisatie"


class KindId(str):
    """The id of a partner kind; ``.value`` like the members of the former ``PartnerType`` enum,
    so code written for the enum keeps working for kinds that exist only in a definition file."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)


@dataclass(frozen=True)
class PartnerKind:
    """One partner kind as the rest of the code uses it."""

    id: KindId
    label: str
    description: str
    order: int
    record_type: RecordType
    definition: PartnersoortDef
    source: Path
    builtin: bool

    @property
    def signal(self) -> bool:
        return self.definition.recordsoort.bijdrage.signaal

    @property
    def signal_code(self) -> str:
        return self.definition.signal_code


@dataclass(frozen=True)
class SourceCatalogue(Mapping[str, PartnerKind]):
    """The partner kinds by id (in ``volgorde``), with every record type by name."""

    kinds: tuple[PartnerKind, ...]
    persons: RecordType
    persons_definition: RecordsoortDef
    record_types: dict[str, RecordType] = field(default_factory=dict)
    event_record_type: dict[str, RecordType] = field(default_factory=dict)

    def __getitem__(self, kind_id: str) -> PartnerKind:
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(kind_id)

    def __iter__(self) -> Iterator[str]:
        return (kind.id for kind in self.kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def kind_of_record_type(self, name: str) -> PartnerKind | None:
        return next((k for k in self.kinds if k.record_type.name == name), None)

    def definition_of(self, name: str) -> RecordsoortDef:
        if name == self.persons.name:
            return self.persons_definition
        kind = self.kind_of_record_type(name)
        if kind is None:
            raise KeyError(name)
        return kind.definition.recordsoort


def to_record_type(defn: RecordsoortDef) -> RecordType:
    """The dataclass the delivery, ingest and warehouse code works with."""
    return RecordType(
        name=defn.id, description=defn.omschrijving, key=tuple(defn.sleutel),
        reference_date=defn.peildatum,
        fields=tuple(Field(f.naam, f.type, f.verplicht, f.codelijst, f.omschrijving, f.minimum,
                           f.maximum, f.sinds) for f in defn.velden))


def _known_code_lists() -> set[str]:
    from ketenmonitor.codes import code_list_names

    return set(code_list_names())


def _check_code_lists(defn: RecordsoortDef, path: Path) -> None:
    known = _known_code_lists()
    unknown = sorted({f.codelijst for f in defn.velden if f.codelijst and f.codelijst not in known})
    if unknown:
        raise ConfigurationError(
            "bron_codelijst_onbekend",
            _("Bronbestand {file} noemt een onbekende codelijst: {lijsten}.").format(
                file=path.name, lijsten=", ".join(unknown)),
            _("Kies uit: {keuze}; of zet een eigen codelijst (<naam>.csv) in de bronnenmap "
              "({env}).").format(keuze=", ".join(sorted(known)), env=FOLDER_ENV))


def _check_overdracht(defn: RecordsoortDef, path: Path) -> None:
    """The codes a kind receives must be codes of Veilig Thuis's overdracht, or it receives none."""
    if not defn.bijdrage.overdracht:
        return
    from ketenmonitor.codes import code_list

    codes = code_list(OVERDRACHT_CODE_LIST).codes
    unknown = [c for c in defn.bijdrage.overdracht if c not in codes]
    if unknown:
        raise ConfigurationError(
            "bron_overdracht_onbekend",
            _("Bronbestand {file}: bijdrage.overdracht noemt een code die niet in de codelijst "
              "{lijst} staat: {codes}.").format(file=path.name, lijst=OVERDRACHT_CODE_LIST,
                                                 codes=", ".join(unknown)),
            _("Kies uit: {keuze}.").format(keuze=", ".join(codes)))


def _yaml(path: Path) -> Any:
    """Like :func:`core.validation.read_yaml`, with libyaml's parser where installed: the package's
    files are read by every command that imports the delivery schema, and the pure-Python parser
    takes six times as long (86 against 14 ms of CPU for the nine files)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return read_yaml(path, "bron_onleesbaar",
                         _("Bronbestand {file} is niet te lezen: {reason}"))


def _read(path: Path, model: Any) -> Any:
    data = _yaml(path)
    if not isinstance(data, dict):
        raise ConfigurationError(
            "bron_ongeldig",
            _("Bronbestand {file} bevat geen definitie.").format(file=path.name),
            _("Een partnersoort is een YAML-object met id, label, omschrijving en recordsoort."))
    return validated(model, data, path, "bron_ongeldig",
                     _("Bronbestand {file} is ongeldig: {problems}"),
                     _("Pas de genoemde velden aan; docs/bronnen.md beschrijft ze."))


def load_kind(path: Path, builtin: bool = False) -> PartnerKind:
    """Read and validate one partner-kind file; the file name must be ``<id>.yaml``."""
    defn: PartnersoortDef = _read(path, PartnersoortDef)
    if path.stem != defn.id:
        raise ConfigurationError(
            "bron_bestandsnaam",
            _("Bronbestand {file} hoort {id}.yaml te heten.").format(file=path.name, id=defn.id),
            _("De bestandsnaam is de id van de partnersoort."))
    _check_code_lists(defn.recordsoort, path)
    _check_overdracht(defn.recordsoort, path)
    return PartnerKind(KindId(defn.id), defn.label, defn.omschrijving, defn.volgorde,
                       to_record_type(defn.recordsoort), defn, path, builtin)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ConfigurationError(
            "bronnenmap_ontbreekt",
            _("De bronnenmap {folder} bestaat niet of is geen map.").format(folder=folder),
            _("Zet {env} op een bestaande map met één YAML-bestand per partnersoort, of maak "
              "de variabele leeg.").format(env=FOLDER_ENV))
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def _doubles(values: list[str]) -> list[str]:
    return sorted({v for v in values if values.count(v) > 1})


def _check_whole(kinds: list[PartnerKind], persons: RecordType) -> None:
    checks = (
        (_("partnersoort"), [str(k.id) for k in kinds]),
        (_("recordsoort"), [persons.name, *(k.record_type.name for k in kinds)]),
        (_("signaalcode"), [k.signal_code for k in kinds]),
    )
    for what, values in checks:
        doubles = _doubles(values)
        if doubles:
            places = sorted({str(k.source) for k in kinds
                             if {str(k.id), k.record_type.name, k.signal_code} & set(doubles)})
            raise ConfigurationError(
                "bron_dubbel",
                _("Dubbele {wat} in de broncatalogus: {waarden} (in {bestanden}).").format(
                    wat=what, waarden=", ".join(doubles), bestanden=", ".join(places)),
                _("Elke partnersoort, recordsoort en signaalcode komt één keer voor; geef de "
                  "definitie in de bronnenmap een eigen id."))
    names = {persons.name, *(k.record_type.name for k in kinds)}
    for kind in kinds:
        for ref in kind.definition.recordsoort.koppeling.verwijzingen:
            if ref.recordsoort not in names:
                raise ConfigurationError(
                    "bron_verwijzing_onbekend",
                    _("Bronbestand {file}: veld '{veld}' verwijst naar onbekende recordsoort "
                      "'{naam}'.").format(file=kind.source.name, veld=ref.veld,
                                          naam=ref.recordsoort),
                    _("Kies uit: {keuze}.").format(keuze=", ".join(sorted(names))))
        persons_of = kind.definition.recordsoort.koppeling.personen
        if persons_of is not None and persons_of != persons.name:
            raise ConfigurationError(
                "bron_personen_onbekend",
                _("Bronbestand {file}: personen staan in '{naam}', maar de enige recordsoort met "
                  "personen is '{personen}'.").format(file=kind.source.name, naam=persons_of,
                                                      personen=persons.name),
                _("Laat koppeling.personen weg of zet het op {personen}.").format(
                    personen=persons.name))


@lru_cache(maxsize=8)
def load_catalogue(region_folder: Path | None = None) -> SourceCatalogue:
    """The package's partner kinds plus those in ``region_folder`` (cached per folder)."""
    persons_definition: RecordsoortDef = _read(PERSONS_FILE, RecordsoortDef)
    persons = to_record_type(persons_definition)
    kinds = [load_kind(path, builtin=True) for path in _files(CATALOGUE_DIR)]
    if region_folder is not None:
        kinds += [load_kind(path) for path in _files(region_folder)]
    _check_whole(kinds, persons)
    kinds.sort(key=lambda k: (k.order, str(k.id)))
    events = {str(k.id): k.record_type for k in kinds}
    record_types = {k.record_type.name: k.record_type for k in kinds}
    record_types[persons.name] = persons
    return SourceCatalogue(tuple(kinds), persons, persons_definition, record_types,
                           {KindId(k): v for k, v in events.items()})


@lru_cache(maxsize=8)
def _for_folder(folder: str) -> SourceCatalogue:
    if not folder.strip():  # unset or empty: no region folder (not the working directory)
        return load_catalogue(None)
    from ketenmonitor.core.settings import get_settings

    return load_catalogue(get_settings().bronnen_map)


def current_catalogue() -> SourceCatalogue:
    """The catalogue of this installation: the package's kinds plus the region's folder.

    Keyed on the raw environment variable so that reading it in a loop costs a dictionary look-up
    and a test that sets another folder gets another catalogue."""
    return _for_folder(os.environ.get(FOLDER_ENV, ""))


def builtin_catalogue() -> SourceCatalogue:
    """Only the package's kinds: for import-time constants and generated documentation, which
    must not depend on where the command runs."""
    return load_catalogue(None)
