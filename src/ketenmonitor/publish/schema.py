# SPDX-License-Identifier: EUPL-1.2
"""Publication format 1.0: layout, metadata shape and the fixed column sets (contract E).

```
PUBDIR/<regio>-<peildatum>-v<N>/
  metadata.json
  tables/<indicator_id>.parquet
  tables/_validatie.parquet      (optional; simulation only)
```

The metadata model is strict (unknown keys refused) so the reader can promise that what it
returns is exactly what format 1.0 describes.
"""

from __future__ import annotations

import re
from typing import Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from ketenmonitor.indicators.schema import PUBLISHED_COLUMNS, PUBLISHED_SCHEMA

FORMAT_VERSION = "1.0"
METADATA_FILE = "metadata.json"
TABLES_DIR = "tables"
VALIDATION_TABLE = "_validatie"
PUBLICATION_ID = re.compile(
    r"^(?P<regio>[a-z0-9_]+)-(?P<peildatum>\d{4}-\d{2}-\d{2})-v(?P<n>[1-9]\d*)$"
)

INDICATOR_SCHEMA = PUBLISHED_SCHEMA
INDICATOR_COLUMNS = PUBLISHED_COLUMNS
VALIDATION_SCHEMA = pa.schema(
    [
        ("maat", pa.string()),
        ("categorie", pa.string()),
        ("categorie_label", pa.string()),
        ("periode", pa.string()),
        ("pijplijn", pa.float64()),
        ("grondwaarheid", pa.float64()),
        ("verschil_procentpunt", pa.float64()),
    ]
)
# Names that point at person-level data; a table with such a column is never published.
PERSON_LEVEL = re.compile(
    r"token|persoon|huishouden|bsn|bericht_id|bron_id|casus_id|traject_id|geboorte|postcode|naam",
    re.IGNORECASE,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorMeta(_Strict):
    id: str
    titel: str
    definitie: str
    eenheid: str
    teller: str
    noemer: str
    dimensies: list[dict[str, str | bool]]
    bronnen: list[str]
    openbaarmaking: str
    cbs_opmerking: str
    richting: Literal["hoger_is_beter", "lager_is_beter", "neutraal"]
    thema: str


class DeliveryMeta(_Strict):
    delivery_id: str
    partner: str
    record_type: str
    period: str
    checksum: str
    rows_loaded: int = Field(ge=0)


class LinkageMeta(_Strict):
    method: str
    records: int = Field(ge=0)
    linked_records: int = Field(ge=0)
    unlinked_records: int = Field(ge=0)
    persons: int = Field(ge=0)
    households: int = Field(ge=0)
    probabilistic_records: int | None = Field(default=None, ge=0)
    single_records: int | None = Field(default=None, ge=0)
    match_threshold: float | None = Field(default=None, ge=0, le=1)
    estimated_precision: float | None = Field(default=None, ge=0, le=1)
    estimated_recall: float | None = Field(default=None, ge=0, le=1)


class DisclosureMeta(_Strict):
    rounding_base: int = Field(ge=1)
    threshold: int = Field(ge=1)


class TableMeta(_Strict):
    file: str = Field(pattern=r"^tables/[a-z_][a-z0-9_]*\.parquet$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    rows: int = Field(ge=0)


class PublicationMetadata(_Strict):
    format_version: Literal["1.0"]
    publication_id: str = Field(pattern=PUBLICATION_ID.pattern)
    region: str
    region_name: str
    peildatum: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    created_at: str
    software_version: str
    periods: list[str]
    provisional_periods: list[str]
    indicators: list[IndicatorMeta]
    deliveries: list[DeliveryMeta]
    linkage: LinkageMeta | None
    disclosure: DisclosureMeta
    tables: dict[str, TableMeta]
