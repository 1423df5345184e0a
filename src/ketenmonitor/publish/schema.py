# SPDX-License-Identifier: EUPL-1.2
"""Publication format 1.3: layout, metadata shape and the fixed column sets (contract E).

```
PUBDIR/<regio>-<peildatum>-v<N>/
  metadata.json
  tables/<indicator_id>.parquet
  tables/_validatie.parquet         (optional; simulation only)
  tables/_cbs_vergelijking.parquet  (optional, 1.1; CBS benchmark: gemeente, VT region, Nederland)
```

Format 1.1 adds, all in one step: the seven uncertainty columns of the indicator tables
(``UNCERTAINTY_COLUMNS``, ADR 0006), the required ``formule`` of every indicator, the optional
benchmark table and the metadata field ``cbs_bronnen``. Format 1.2 adds the column
``reden_geen_cijfer`` (why a cell shows no figure, ``signs.py``, ADR 0021) and three signs in
``weergave`` instead of one. Format 1.3 adds the optional linkage fields
``estimated_recall_low`` and ``estimated_recall_high`` (the 95 % interval of the estimated
recall); the tables are those of 1.2. Older publications are still read: the reader checks their tables
against their own column set and returns them in the current layout, the columns they lack null and
the reasons of their empty cells derived as the writer derives them now. The metadata model is
strict (unknown keys refused) so the reader can promise that what it returns is exactly what
the format describes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from ketenmonitor.core.i18n import _
from ketenmonitor.indicators.schema import (
    PUBLISHED_SCHEMA,
    PUBLISHED_SCHEMA_BASE,
)
from ketenmonitor.publish.signs import REASON_COLUMN

FORMAT_VERSION = "1.3"
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2", "1.3")
METADATA_FILE = "metadata.json"
# format 1.3: the 95 % interval of the linkage's estimated recall (issue 16)
RECALL_INTERVAL_FIELDS = ("estimated_recall_low", "estimated_recall_high")
TABLES_DIR = "tables"
VALIDATION_TABLE = "_validatie"
BENCHMARK_TABLE = "_cbs_vergelijking"
OPTIONAL_TABLES = (VALIDATION_TABLE, BENCHMARK_TABLE)
PUBLICATION_ID = re.compile(
    r"^(?P<regio>[a-z0-9_]+)-(?P<peildatum>\d{4}-\d{2}-\d{2})-v(?P<n>[1-9]\d*)$"
)

# Disclosure control writes PUBLISHED_SCHEMA; the publication adds why a cell has no figure.
INDICATOR_SCHEMA = pa.schema([*PUBLISHED_SCHEMA, (REASON_COLUMN, pa.string())])
INDICATOR_COLUMNS: tuple[str, ...] = tuple(INDICATOR_SCHEMA.names)
# The column set of an indicator table per format version; 1.0 predates UNCERTAINTY_COLUMNS,
# 1.1 the reason column.
INDICATOR_SCHEMAS: dict[str, pa.Schema] = {
    "1.0": PUBLISHED_SCHEMA_BASE, "1.1": PUBLISHED_SCHEMA, "1.2": INDICATOR_SCHEMA,
    "1.3": INDICATOR_SCHEMA,
}
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
    formule: str | None = Field(default=None, min_length=1)  # required from 1.1 on
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
    fallback_reason: str | None = None  # why probabilistic linkage fell back to BSN only
    min_training_pairs: int | None = Field(default=None, ge=0)
    # 95 % interval of estimated_recall from the sampled unproposed pairs (issue 16)
    estimated_recall_low: float | None = Field(default=None, ge=0, le=1)
    estimated_recall_high: float | None = Field(default=None, ge=0, le=1)


class IntervalAttackMeta(_Strict):
    """What the interval attack checked before writing (issue 12); only the interval when the
    check was switched off (``KETENMONITOR_PROTECTION_CHECK=false``)."""

    protection_interval: int = Field(ge=0)
    targets: int | None = Field(default=None, ge=0)
    findings: int | None = Field(default=None, ge=0)
    rounds: int | None = Field(default=None, ge=0)
    extra_suppressed: int | None = Field(default=None, ge=0)
    earlier_publications: int | None = Field(default=None, ge=0)


class DisclosureMeta(_Strict):
    rounding_base: int = Field(ge=1)
    threshold: int = Field(ge=1)
    interval_attack: IntervalAttackMeta | None = None  # publications since issue 12


class TableMeta(_Strict):
    file: str = Field(pattern=r"^tables/[a-z_][a-z0-9_]*\.parquet$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    rows: int = Field(ge=0)


class CbsSourceMeta(_Strict):
    """One imported StatLine file the benchmark table rests on."""

    tabel: str
    titel: str
    bestand: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    soort: Literal["benchmark", "bevolking"]
    geimporteerd_op: str


class PublicationMetadata(_Strict):
    format_version: Literal["1.0", "1.1", "1.2", "1.3"]
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
    cbs_bronnen: list[CbsSourceMeta] | None = None  # format 1.1; absent in 1.0


def version_problem(raw: Mapping[str, Any]) -> str | None:
    """What in ``raw`` (metadata.json) does not belong to its format version, in Dutch; or None.

    Kept outside the pydantic model so the message can name the rule, not just a field.
    """
    version = raw.get("format_version")
    indicators = [i for i in raw.get("indicators") or [] if isinstance(i, dict)]
    tables = raw.get("tables") or {}
    if version == "1.0":
        if "cbs_bronnen" in raw or (isinstance(tables, dict) and BENCHMARK_TABLE in tables):
            return _("een publicatie in formaat 1.0 kan geen CBS-vergelijking bevatten.")
        if any("formule" in ind for ind in indicators):
            return _("een publicatie in formaat 1.0 kan geen formules van indicatoren bevatten.")
    elif version in ("1.1", "1.2", "1.3"):
        missing = [str(ind.get("id")) for ind in indicators if not ind.get("formule")]
        if missing:
            return _("indicator(en) zonder formule: {ids} (verplicht vanaf formaat 1.1).").format(
                ids=", ".join(missing)
            )
    linkage = raw.get("linkage")
    if version in ("1.0", "1.1", "1.2") and isinstance(linkage, dict) and any(
            key in linkage for key in RECALL_INTERVAL_FIELDS):
        return _("een publicatie in formaat {version} kan geen interval van de geschatte recall "
                 "bevatten (vanaf formaat 1.3).").format(version=version)
    return None
