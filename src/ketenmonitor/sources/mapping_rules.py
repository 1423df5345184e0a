# SPDX-License-Identifier: EUPL-1.2
"""Cross-field rules of a mapping: every combination that cannot work gets a Dutch sentence.

Pydantic checks each key on its own; these rules check keys against each other and against the
delivery format (fields of the record type, code lists, gemeenten), so a data steward learns of
all problems of a mapping at once, when it is loaded, rather than from a failed delivery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketenmonitor.codes import code_list, gemeente
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType

if TYPE_CHECKING:
    from ketenmonitor.sources.mapping import FileMapping

_VALUE_TYPES = (FieldType.CODE, FieldType.CODES, FieldType.BOOL, FieldType.GEMEENTE)
# Keys of one file that must agree when several record types are read from the same file.
_SHARED = (("format", "formaat"), ("header_row", "kopregel"),
           ("delimiter", "scheidingsteken"), ("encoding", "codering"))


def _is_gemeente(code: str) -> bool:
    try:
        gemeente(code)
    except ConfigurationError:
        return False
    return True


def _column_problems(spec: FileMapping) -> list[str]:
    from ketenmonitor.sources.mapping import DERIVED_FIELDS, IDENTITY_FIELDS, TOKEN_FIELDS

    problems: list[str] = []
    record = RECORD_TYPES[spec.record_type]
    derived = DERIVED_FIELDS if spec.record_type == "betrokkene" else ()
    allowed = [f for f in record.field_names if f not in TOKEN_FIELDS]
    for name in spec.columns:
        if name in derived:
            problems.append(_("veld '{veld}' wordt bij het pseudonimiseren uit de "
                              "geboortedatum afgeleid en hoort niet in 'kolommen'").format(veld=name))
        elif name not in allowed:
            problems.append(_("veld '{veld}' bestaat niet in recordtype {rt}").format(
                veld=name, rt=spec.record_type))
    for f in record.fields:
        if f.required and f.name not in spec.columns:
            problems.append(_("verplicht veld '{veld}' ontbreekt in 'kolommen'").format(
                veld=f.name))
    if spec.identity and spec.record_type != "betrokkene":
        problems.append(_("'identiteit' mag alleen bij recordtype betrokkene"))
    for name in spec.identity:
        if name not in IDENTITY_FIELDS:
            problems.append(_("identiteitsveld '{veld}' is onbekend; kies uit {keuzes}").format(
                veld=name, keuzes=", ".join(IDENTITY_FIELDS)))
    return problems


def _format_problems(spec: FileMapping) -> list[str]:
    problems: list[str] = []
    if spec.format == "xlsx" and not spec.sheet:
        problems.append(_("bij formaat xlsx hoort 'blad' (de naam van het tabblad)"))
    if spec.format == "csv" and spec.sheet:
        problems.append(_("'blad' past alleen bij formaat xlsx; een CSV-bestand heeft geen "
                          "tabbladen"))
    if spec.format == "xlsx":
        for key, alias in (("delimiter", "scheidingsteken"), ("encoding", "codering")):
            if key in spec.model_fields_set:
                problems.append(_("'{sleutel}' past alleen bij formaat csv; een Excel-werkmap "
                                  "heeft er geen").format(sleutel=alias))
    return problems


def _date_problems(spec: FileMapping) -> list[str]:
    from ketenmonitor.sources.dates import check_date_format

    problems: list[str] = []
    record = RECORD_TYPES[spec.record_type]
    dates = {f.name for f in record.fields if f.type is FieldType.DATE}
    if spec.record_type == "betrokkene":
        dates.add("geboortedatum")
    for name, date_format in spec.date_formats.items():
        if name not in dates:
            problems.append(_("'datumformaten' noemt veld '{veld}', maar dat is geen datumveld "
                              "van recordtype {rt}").format(veld=name, rt=spec.record_type))
        elif spec.header_of(name) is None:
            problems.append(_("'datumformaten' noemt veld '{veld}' dat niet in 'kolommen' of "
                              "'identiteit' staat").format(veld=name))
        try:
            check_date_format(date_format)
        except ValueError as error:
            problems.append(_("'datumformaten' bij veld '{veld}': {fout}").format(
                veld=name, fout=error))
    return problems


def _ignore_problems(spec: FileMapping) -> list[str]:
    mapped = set(spec.headers)
    return [_("kolom '{kolom}' staat in 'negeren' en is ook aan een veld gekoppeld; kies een van "
              "beide").format(kolom=c) for c in dict.fromkeys(spec.ignore) if c in mapped]


def _value_problems(spec: FileMapping) -> list[str]:
    problems: list[str] = []
    record = RECORD_TYPES[spec.record_type]
    for name, table in spec.values.items():
        if name not in spec.columns:
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
    if spec.gemeente_names and not any(
            record.field(n).type is FieldType.GEMEENTE for n in spec.columns
            if n in record.field_names):
        problems.append(_("'gemeentenamen' staat aan, maar 'kolommen' heeft geen gemeenteveld"))
    return problems


def file_problems(spec: FileMapping) -> list[str]:
    """Every problem of one file of a mapping, in Dutch."""
    return [*_column_problems(spec), *_format_problems(spec), *_date_problems(spec),
            *_ignore_problems(spec), *_value_problems(spec)]


def shared_file_problems(files: list[FileMapping]) -> list[str]:
    """Files read under more than one record type (same pattern) must be read the same way."""
    problems: list[str] = []
    by_pattern: dict[tuple[str, str | None], list[FileMapping]] = {}
    for spec in files:  # the sheets of one workbook are different tables
        by_pattern.setdefault((spec.pattern, spec.sheet), []).append(spec)
    for (pattern, _sheet), specs in by_pattern.items():
        kinds = [s.record_type for s in specs]
        for kind in sorted({k for k in kinds if kinds.count(k) > 1}):
            problems.append(_("patroon '{patroon}' staat twee keer met recordtype {rt}; één "
                              "bestand levert een recordtype maar één keer").format(
                patroon=pattern, rt=kind))
        for key, alias in _SHARED:
            if len({getattr(s, key) for s in specs}) > 1:
                problems.append(_("patroon '{patroon}' wordt onder meer recordtypen gelezen, maar "
                                  "'{sleutel}' verschilt; één bestand wordt op één manier "
                                  "gelezen").format(patroon=pattern, sleutel=alias))
    return problems
