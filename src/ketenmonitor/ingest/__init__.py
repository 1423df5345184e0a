# SPDX-License-Identifier: EUPL-1.2
"""Ingest: check deliveries, validate every row, load or quarantine it, and keep the ledger.

Every row of a delivery is either loaded or quarantined with a Dutch reason (rows in = rows loaded
+ rows quarantined, always). Loading the same delivery twice changes nothing.
"""

from __future__ import annotations

from ketenmonitor.ingest.results import IngestReport, IngestResult, IngestStatus, QuarantineRow
from ketenmonitor.ingest.service import ingest_delivery, ingest_paths, quarantine_rows

__all__ = [
    "IngestReport",
    "IngestResult",
    "IngestStatus",
    "QuarantineRow",
    "ingest_delivery",
    "ingest_paths",
    "quarantine_rows",
]
