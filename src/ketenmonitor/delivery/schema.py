# SPDX-License-Identifier: EUPL-1.2
"""The delivery format (schema version 1.1): the contract between partners and the monitor.

A *delivery* is one Parquet file of one record type from one partner for one period, plus a
manifest. Attribute columns are strings in normalised form (ISO dates ``jjjj-mm-dd``, booleans
``true``/``false``, multi-valued codes joined with ``|``) so that ingest, not the partner's
tool, decides per row whether a value is valid and quarantines it with a reason. Identifiers only
appear as 32-byte HMAC tokens (``token`` fields).

Version 1.1 added the quasi-identifier tokens of ``betrokkene`` (names, date of birth forms,
postcode, house number) and the optional Bloom-filter encoding of the surname; version 1.2 the
optional field-level Bloom filters of given name, surname, date of birth and postcode (ADR 0002),
replacing the surname filter salted with the birth year; version 1.3 the name-pair token (given
name and surname sorted, so exchanged names agree; issue 16); version 1.4 the full given names,
the pairs of date-of-birth parts, the PC4 token and the name-set Bloom filter (issue 16); each
field records the version that introduced it (``since``), so a 1.0 delivery is read as the 1.1
schema with the newer columns empty. ``docs/aanleverformaat.md`` documents this module; a test
keeps both in step.

The partner kinds and record types themselves are definition files of the source catalogue
(:mod:`ketenmonitor.delivery.catalogue`, ADR 0023); this module keeps the names the rest of the
code imports and builds them from the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum

from ketenmonitor.delivery.catalogue import (
    KindId,
    SourceCatalogue,
    builtin_catalogue,
    current_catalogue,
)
from ketenmonitor.delivery.record import (
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    Field,
    FieldType,
    RecordType,
    version_key,
)

__all__ = [
    "BETROKKENE", "BLOOM_BITS", "BLOOM_BYTES", "BUILTIN_RECORD_TYPES", "EVENT_RECORD_TYPE",
    "FROZEN_RECORD_TYPES", "LT_TRAJECT", "MANIFEST_FIELDS", "MANIFEST_FIELDS_SINCE", "MDA_CASUS",
    "MULTI_SEPARATOR", "POLITIE_INCIDENT", "RECORD_TYPES", "SCHEMA_VERSION", "SCHEMA_VERSIONS",
    "TOKEN_BYTES", "VT_BERICHT", "Field", "FieldType", "KindId", "PartnerType", "RecordType",
    "manifest_fields", "version_key",
]

MULTI_SEPARATOR = "|"
TOKEN_BYTES = 32
BLOOM_BITS = 512
BLOOM_BYTES = BLOOM_BITS // 8


class PartnerType(StrEnum):
    """The partner kinds the package had before the source catalogue (ADR 0023).

    Kept for code and tests that name one of them; the full list of kinds, including a region's
    own, is :func:`ketenmonitor.delivery.catalogue.current_catalogue`. A member compares and
    hashes equal to its id, so ``EVENT_RECORD_TYPE[PartnerType.POLITIE]`` works.
    """

    VEILIG_THUIS = "veilig_thuis"
    POLITIE = "politie"
    LOKAAL_TEAM = "lokaal_team"
    MDA = "mda"


_BUILTIN: SourceCatalogue = builtin_catalogue()

VT_BERICHT = _BUILTIN.record_types["vt_bericht"]
POLITIE_INCIDENT = _BUILTIN.record_types["politie_incident"]
LT_TRAJECT = _BUILTIN.record_types["lt_traject"]
MDA_CASUS = _BUILTIN.record_types["mda_casus"]
BETROKKENE = _BUILTIN.persons

# The record types of warehouse migration 1 (frozen: a migration never changes once released).
# Every other record type gets its table from the catalogue when the warehouse is opened.
FROZEN_RECORD_TYPES = ("vt_bericht", "politie_incident", "lt_traject", "mda_casus", "betrokkene")

# The package's record types only: for import-time constants and generated documentation.
BUILTIN_RECORD_TYPES: dict[str, RecordType] = dict(_BUILTIN.record_types)


class _RecordTypes(Mapping[str, RecordType]):
    """Every record type of the current catalogue (package plus region folder), read when used,
    so that a bad region file is reported by the command that needs it, not at import."""

    def __getitem__(self, name: str) -> RecordType:
        return current_catalogue().record_types[name]

    def __iter__(self) -> Iterator[str]:
        return iter(current_catalogue().record_types)

    def __len__(self) -> int:
        return len(current_catalogue().record_types)

    def __repr__(self) -> str:
        return repr(current_catalogue().record_types)


class _EventRecordTypes(Mapping[KindId, RecordType]):
    """The event record type of every partner kind of the current catalogue, by kind id."""

    def __getitem__(self, kind: str) -> RecordType:
        return current_catalogue().event_record_type[kind]

    def __iter__(self) -> Iterator[KindId]:
        return iter(KindId(k) for k in current_catalogue().event_record_type)

    def __len__(self) -> int:
        return len(current_catalogue().event_record_type)

    def __repr__(self) -> str:
        return repr(current_catalogue().event_record_type)


RECORD_TYPES: Mapping[str, RecordType] = _RecordTypes()
EVENT_RECORD_TYPE = _EventRecordTypes()

MANIFEST_FIELDS = (
    "delivery_id",
    "partner",
    "partner_type",
    "record_type",
    "period",
    "row_count",
    "schema_version",
    "checksum",
    "created_at",
    "key_id",
    "software_version",
    "rekeyed",  # since 1.1: tokens re-keyed by a trusted third party (ketenmonitor rekey)
)
MANIFEST_FIELDS_SINCE: dict[str, str] = {"rekeyed": "1.1"}


def manifest_fields(version: str) -> tuple[str, ...]:
    """The manifest fields of schema ``version``, in the order they are written."""
    return tuple(name for name in MANIFEST_FIELDS
                 if version_key(MANIFEST_FIELDS_SINCE.get(name, "1.0")) <= version_key(version))
