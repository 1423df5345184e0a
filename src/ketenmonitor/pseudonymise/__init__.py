# SPDX-License-Identifier: EUPL-1.2
"""Pseudonymisation at the source: normalised identifiers become keyed tokens before data leaves.

A partner runs this on its own export. Identifiers (BSN, names, date of birth, address) are
normalised and become HMAC-SHA256 tokens under per-field keys derived from one secret key
(optionally also hardened field-level Bloom filters); the plain columns are dropped. The
result is one delivery (Parquet + manifest, written by :mod:`ketenmonitor.delivery`) per record
type. A trusted third party re-keys deliveries with :mod:`ketenmonitor.pseudonymise.rekey`.
"""

from __future__ import annotations

from ketenmonitor.pseudonymise.bloom import BloomEncoder, dice, dice_sql
from ketenmonitor.pseudonymise.dates import BirthDateForms, birth_date_forms
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
    "FieldTokeniser",
    "NameColumns",
    "PseudonymKey",
    "PseudonymiseResult",
    "SourceTableLike",
    "TokenStats",
    "birth_date_forms",
    "create_key_file",
    "dice",
    "dice_sql",
    "dutch_phonetic",
    "hkdf_sha256",
    "key_from_hex",
    "load_key",
    "normalise_names",
    "normalised_identities",
    "pseudonymise_tables",
    "tokenise_betrokkenen",
]
