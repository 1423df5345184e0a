# SPDX-License-Identifier: EUPL-1.2
"""Column sets of indicator results: unrounded (compiler output) and published (contract E).

One place for both so the compiler, disclosure control, the publication writer and its reader
cannot drift apart.
"""

from __future__ import annotations

import pyarrow as pa

RESULT_SCHEMA = pa.schema(
    [
        ("indicator_id", pa.string()),
        ("gebied_code", pa.string()),
        ("gebied_naam", pa.string()),
        ("gebied_niveau", pa.string()),
        ("periode", pa.string()),
        ("periode_type", pa.string()),
        ("dimensie", pa.string()),
        ("categorie", pa.string()),
        ("categorie_label", pa.string()),
        ("teller", pa.int64()),
        ("noemer", pa.int64()),
        ("waarde", pa.float64()),
    ]
)
RESULT_COLUMNS: tuple[str, ...] = tuple(RESULT_SCHEMA.names)

PUBLISHED_SCHEMA = pa.schema(
    [
        *RESULT_SCHEMA,
        ("weergave", pa.string()),
        ("onderdrukt", pa.bool_()),
        ("onderdrukking", pa.string()),
        ("voorlopig", pa.bool_()),
        ("ondergrens", pa.float64()),
        ("bovengrens", pa.float64()),
        ("klein_aantal", pa.bool_()),
        ("trend", pa.string()),
        ("trend_p", pa.float64()),
        ("trend_per_jaar", pa.float64()),
        ("methodebreuk", pa.string()),
    ]
)
PUBLISHED_COLUMNS: tuple[str, ...] = tuple(PUBLISHED_SCHEMA.names)
# Intervals, small-number flag, trend and method breaks (ADR 0006), added after the first
# publication format; a reader of older publications expects the columns before them.
UNCERTAINTY_COLUMNS: tuple[str, ...] = (
    "ondergrens",
    "bovengrens",
    "klein_aantal",
    "trend",
    "trend_p",
    "trend_per_jaar",
    "methodebreuk",
)
PUBLISHED_SCHEMA_BASE = pa.schema([f for f in PUBLISHED_SCHEMA if f.name not in UNCERTAINTY_COLUMNS])

PRIMAIR = "primair"  # internal reasons: never published (ADR 0010)
SECUNDAIR = "secundair"
ONTHULLING = "onthulling"  # the one published reason of a suppressed cell
