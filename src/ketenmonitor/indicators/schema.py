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
    ]
)
PUBLISHED_COLUMNS: tuple[str, ...] = tuple(PUBLISHED_SCHEMA.names)

PRIMAIR = "primair"
SECUNDAIR = "secundair"
