# SPDX-License-Identifier: EUPL-1.2
"""Hardened field-level Bloom filters, for fuzzy agreement on encodings (schema 1.2).

An exact token fails on a single typing error ('Verbruggen'/'Verbrugen', 1984-03-18/1984-08-18,
2514AB/2541AB); a Bloom filter of the value's parts keeps the similarity: the Dice coefficient of
two filters is high for values that share most parts. One filter per field, each under its own key:

* ``voornaam_bloom`` and ``achternaam_bloom``: the letter pairs (:func:`bigrams`) of ``_<name>_``
  (the first given name, and the surname core of :mod:`~ketenmonitor.pseudonymise.names` with
  'ij' written as 'y' so that Meijer and Meyer share their bigrams);
* ``namen_bloom`` (schema 1.4): the letter pairs of every name word (all given names and both
  surname parts) as one set (:func:`name_set_bigrams`), under the shared name key ``naam``, so a
  given name written as surname still agrees, with or without a typo;
* ``geboortedatum_bloom`` and ``postcode_bloom``: each character at its place plus the sorted
  characters (:func:`positions`), so one wrong digit leaves most of the filter, and two digits
  swapped still share the sorted form.

Hardening (see ``docs/adr/0002-pseudonimisering-en-dreigingsmodel.md`` for the attacks):

* every part is hashed with HMAC-SHA256 under the field's key (HKDF info
  ``ketenmonitor/<veld>/v1``); each digest gives :data:`HASHES` positions (16-bit words mod
  :data:`UNFOLDED_BITS`), so without the key nobody can compute which bits a part sets, and the
  filters of two fields cannot be compared with each other;
* **XOR-folding**: the 1024-bit filter is folded to :data:`BLOOM_BITS` = 512 bits by XOR of its two
  halves, so a set bit no longer tells which part set it (hampers pattern mining);
* an optional **salt** per row (:meth:`BloomEncoder.encode`); the filters of schema 1.2 are not
  salted: a salt must be equal for the filters to agree, and the stable attribute it would come
  from (the birth year) has typos itself (ADR 0002).

Filters are stored as 64-byte BLOBs; :func:`dice_sql` computes the Dice coefficient in DuckDB.
A trusted third party re-keys filters with a keyed permutation of the bit positions
(:func:`permute_bits`), which leaves every Dice coefficient unchanged.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.delivery.schema import BLOOM_BITS, BLOOM_BYTES
from ketenmonitor.pseudonymise.tokens import FieldTokeniser

UNFOLDED_BITS = 2 * BLOOM_BITS
HASHES = 16  # positions per bigram: the sixteen 16-bit words of one SHA-256 digest
_LOW = (1 << BLOOM_BITS) - 1
_SEPARATOR = "\x1f"
_WORDS = struct.Struct(f">{HASHES}H")


Parts = Callable[[str], list[str]]


def bigrams(value: str) -> list[str]:
    """Distinct letter pairs of ``_value_``: 'jan' -> ['_j', 'ja', 'an', 'n_']."""
    padded = f"_{value}_"
    return list(dict.fromkeys(padded[i:i + 2] for i in range(len(padded) - 1)))


def name_set_bigrams(value: str) -> list[str]:
    """The letter pairs of every word of a space-separated name set, whatever field it came from:
    'jan vries' and 'vries jan' give the same parts (exchanged names agree)."""
    return list(dict.fromkeys(part for word in value.split() for part in bigrams(word)))


def positions(value: str) -> list[str]:
    """Each character at its place, plus the sorted characters: '2514' -> ['0:2', '1:5', '2:1',
    '3:4', 's:1245']. One substituted character changes one part; two swapped characters change
    two places but not the sorted form."""
    return [*(f"{i}:{c}" for i, c in enumerate(value)), "s:" + "".join(sorted(value))]


class BloomEncoder:
    """Keyed, XOR-folded Bloom filters under one field key, of the parts ``parts`` gives."""

    def __init__(self, field_key: bytes, parts: Parts = bigrams) -> None:
        self._hmac = FieldTokeniser(field_key)
        self._parts = parts
        self._masks: dict[str, int] = {}

    def __repr__(self) -> str:
        return "BloomEncoder(<sleutel verborgen>)"

    def _mask(self, material: str) -> int:
        mask = self._masks.get(material)
        if mask is None:
            mask = 0
            for word in _WORDS.unpack(self._hmac.token(material.encode())):
                mask |= 1 << (word % UNFOLDED_BITS)
            self._masks[material] = mask
        return mask

    def encode_one(self, value: str, salt: str) -> bytes:
        """The 64-byte filter of one normalised value under one salt (e.g. '1985' or '')."""
        full = 0
        for part in self._parts(value):
            full |= self._mask(salt + _SEPARATOR + part)
        folded = (full & _LOW) ^ (full >> BLOOM_BITS)
        return folded.to_bytes(BLOOM_BYTES, "big")

    def encode(self, values: Any, salts: Any = None) -> tuple[Any, int]:
        """Filters for a column of normalised values, salted per row (null or no salt = '').

        Null or empty values give null. Each distinct (value, salt) is encoded once.
        """
        if salts is None:
            salts = pa.nulls(len(values), pa.string())
        salt = pc.fill_null(pc.cast(salts, pa.string()), "")
        joined = pc.binary_join_element_wise(pc.cast(values, pa.string()), salt, _SEPARATOR)
        empty = pc.fill_null(pc.equal(pc.cast(values, pa.string()), ""), True)
        joined = pc.if_else(empty, pa.scalar(None, pa.string()), joined)
        encoded = pc.dictionary_encode(joined)
        filters = []
        for item in encoded.dictionary.to_pylist():
            value, _sep, row_salt = item.partition(_SEPARATOR)
            filters.append(self.encode_one(value, row_salt))
        return pc.take(pa.array(filters, pa.binary()), encoded.indices), len(filters)


def dice(left: bytes, right: bytes) -> float:
    """Dice coefficient 2|A and B| / (|A| + |B|) of two filters (0.0 when both are empty)."""
    a = int.from_bytes(left, "big")
    b = int.from_bytes(right, "big")
    total = a.bit_count() + b.bit_count()
    return 2 * (a & b).bit_count() / total if total else 0.0


def dice_sql(col_l: str, col_r: str) -> str:
    """DuckDB expression for the Dice coefficient of two filter BLOB columns (NULL if either is).

    Both BLOBs are cast to BIT strings; ``&`` and ``bit_count`` work on those directly.
    """
    left = f"CAST({col_l} AS BIT)"
    right = f"CAST({col_r} AS BIT)"
    return (f"(2.0 * bit_count({left} & {right}) / "
            f"nullif(bit_count({left}) + bit_count({right}), 0))")


def bit_permutation(field_key: bytes) -> Any:
    """A keyed permutation of the :data:`BLOOM_BITS` positions (numpy int64 array)."""
    tokeniser = FieldTokeniser(field_key)
    ranks = [tokeniser.token(f"positie/{i}".encode()) for i in range(BLOOM_BITS)]
    return np.array(sorted(range(BLOOM_BITS), key=ranks.__getitem__), dtype=np.int64)


def permute_bits(filters: Any, field_key: bytes) -> Any:
    """Re-key filters: the same keyed permutation of bit positions for every row (nulls stay)."""
    if isinstance(filters, pa.ChunkedArray):
        filters = filters.combine_chunks()
    valid = pc.is_valid(filters)
    present = pc.filter(filters, valid).to_pylist()
    if not present:
        return pa.array(filters.to_pylist(), pa.binary())
    bits = np.unpackbits(np.frombuffer(b"".join(present), dtype=np.uint8).reshape(len(present), -1),
                         axis=1)
    moved = np.packbits(bits[:, bit_permutation(field_key)], axis=1)
    rows = iter(bytes(row) for row in moved)
    return pa.array([next(rows) if v is not None else None for v in filters.to_pylist()],
                    pa.binary())
