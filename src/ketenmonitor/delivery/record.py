# SPDX-License-Identifier: EUPL-1.2
"""The building blocks of the delivery format: field types, fields and record types.

They live apart from :mod:`ketenmonitor.delivery.schema` because the source catalogue
(:mod:`ketenmonitor.delivery.catalogue`) builds them from definition files and the schema module
is built from the catalogue; neither may import the other's result at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SCHEMA_VERSION = "1.4"
SCHEMA_VERSIONS = ("1.0", "1.1", "1.2", "1.3", "1.4")  # every version ingest accepts, oldest first


def version_key(version: str) -> tuple[int, ...]:
    """'1.10' sorts after '1.9'."""
    return tuple(int(part) for part in version.split("."))


class FieldType(StrEnum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    DECIMAL = "decimal"  # normalised with a decimal point ("12.5"); partners may use commas
    CODE = "code"  # one value of a code list
    CODES = "codes"  # several values of a code list, joined with "|"
    GEMEENTE = "gemeente"  # CBS gemeentecode valid on the record's reference date
    TOKEN = "token"  # HMAC-SHA256 token, 32 bytes
    BLOOM = "bloom"  # hardened Bloom filter, BLOOM_BYTES bytes


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    code_list: str | None = None
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None
    since: str = "1.0"  # schema version that introduced the field


@dataclass(frozen=True)
class RecordType:
    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    reference_date: str | None = None  # field used for "date in the future" and gemeente validity

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def fields_in(self, version: str) -> tuple[Field, ...]:
        """The fields a delivery of schema ``version`` carries (newer fields left out)."""
        return tuple(f for f in self.fields if version_key(f.since) <= version_key(version))

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)
