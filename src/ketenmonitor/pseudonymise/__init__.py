# SPDX-License-Identifier: EUPL-1.2
"""Pseudonymisation at the source: normalised identifiers become keyed tokens before data leaves.

A partner runs this on its own export. Identifiers (BSN, names, date of birth, address) are
normalised and become HMAC-SHA256 tokens under per-field keys derived from one secret key
(optionally also hardened field-level Bloom filters); the plain columns are dropped. The
result is one delivery (Parquet + manifest) per record type. A trusted third party re-keys
deliveries with :mod:`ketenmonitor.pseudonymise.rekey` (not imported here: it uses ingest's checks).
"""

from __future__ import annotations

from ketenmonitor.pseudonymise.bloom import BloomEncoder, dice, dice_sql
from ketenmonitor.pseudonymise.dates import BirthDateForms, birth_date_forms
from ketenmonitor.pseudonymise.delivery import (
    DeliveryFiles,
    delivery_arrow_schema,
    make_delivery_id,
    manifest_path_for,
    parquet_path_for,
    write_delivery,
)
from ketenmonitor.pseudonymise.identity import (
    BLOOM_FIELD,
    BLOOM_FIELDS,
    FIELD_KEYS,
    normalised_identities,
    tokenise_betrokkenen,
)
from ketenmonitor.pseudonymise.keys import (
    PseudonymKey,
    create_key_file,
    hkdf_sha256,
    key_from_hex,
    load_key,
)
from ketenmonitor.pseudonymise.names import NameColumns, normalise_names
from ketenmonitor.pseudonymise.phonetic import dutch_phonetic
from ketenmonitor.pseudonymise.service import (
    PseudonymiseResult,
    SourceTableLike,
    pseudonymise_tables,
)
from ketenmonitor.pseudonymise.tokens import FieldTokeniser, TokenStats

__all__ = [
    "BLOOM_FIELD",
    "BLOOM_FIELDS",
    "FIELD_KEYS",
    "BirthDateForms",
    "BloomEncoder",
    "DeliveryFiles",
    "FieldTokeniser",
    "NameColumns",
    "PseudonymKey",
    "PseudonymiseResult",
    "SourceTableLike",
    "TokenStats",
    "birth_date_forms",
    "create_key_file",
    "delivery_arrow_schema",
    "dice",
    "dice_sql",
    "dutch_phonetic",
    "hkdf_sha256",
    "key_from_hex",
    "load_key",
    "make_delivery_id",
    "manifest_path_for",
    "normalise_names",
    "normalised_identities",
    "parquet_path_for",
    "pseudonymise_tables",
    "tokenise_betrokkenen",
    "write_delivery",
]
