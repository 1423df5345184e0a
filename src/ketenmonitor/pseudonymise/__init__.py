# SPDX-License-Identifier: EUPL-1.2
"""Pseudonymisation at the source: normalised identifiers become keyed tokens before data leaves.

A partner runs this on its own export. Direct identifiers (BSN, address) become HMAC-SHA256 tokens
under per-field keys derived from one secret key; all other identifying columns are dropped. The
result is one delivery (Parquet + manifest) per record type.
"""

from __future__ import annotations

from ketenmonitor.pseudonymise.delivery import (
    DeliveryFiles,
    delivery_arrow_schema,
    make_delivery_id,
    manifest_path_for,
    parquet_path_for,
    write_delivery,
)
from ketenmonitor.pseudonymise.keys import (
    PseudonymKey,
    create_key_file,
    hkdf_sha256,
    key_from_hex,
    load_key,
)
from ketenmonitor.pseudonymise.service import (
    PseudonymiseResult,
    SourceTableLike,
    pseudonymise_tables,
)
from ketenmonitor.pseudonymise.tokens import FieldTokeniser, TokenStats

__all__ = [
    "DeliveryFiles",
    "FieldTokeniser",
    "PseudonymKey",
    "PseudonymiseResult",
    "SourceTableLike",
    "TokenStats",
    "create_key_file",
    "delivery_arrow_schema",
    "hkdf_sha256",
    "key_from_hex",
    "load_key",
    "make_delivery_id",
    "manifest_path_for",
    "parquet_path_for",
    "pseudonymise_tables",
    "write_delivery",
]
