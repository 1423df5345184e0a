# SPDX-License-Identifier: EUPL-1.2
"""Ingest: check deliveries, validate every row, load or quarantine it, and keep the ledger.

Every row of a delivery is either loaded or quarantined with a Dutch reason (rows in = rows loaded
+ rows quarantined, always). Loading the same delivery twice changes nothing.
"""

from __future__ import annotations

from ketenmonitor.ingest.checks import CheckedDelivery, check_delivery_file
from ketenmonitor.ingest.manifest import (
    SUPPORTED_SCHEMA_VERSIONS,
    Manifest,
    find_deliveries,
    read_manifest,
)
from ketenmonitor.ingest.service import (
    IngestReport,
    IngestResult,
    IngestStatus,
    QuarantineRow,
    ingest_delivery,
    ingest_paths,
    quarantine_rows,
)

__all__ = [
    "SUPPORTED_SCHEMA_VERSIONS",
    "CheckedDelivery",
    "IngestReport",
    "IngestResult",
    "IngestStatus",
    "Manifest",
    "QuarantineRow",
    "check_delivery_file",
    "find_deliveries",
    "ingest_delivery",
    "ingest_paths",
    "quarantine_rows",
    "read_manifest",
]
