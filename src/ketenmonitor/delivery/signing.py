# SPDX-License-Identifier: EUPL-1.2
"""Manifests signed with a key derived from the region key, verifiable without that key.

The monitor must never hold the pseudonymisation key, so an HMAC (which the verifier could also
compute) will not do. Each partner derives the same Ed25519 signing key from the region key with
HKDF and signs the exact bytes of every manifest; the monitor keeps only the public key. A
relabelled manifest (partner, delivery id) or a forged key fingerprint changes the bytes, so the
signature no longer verifies.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SIGNING_INFO = b"ketenmonitor/manifest-ondertekening/v1"


class RegionKey(Protocol):
    """What signing needs of :class:`ketenmonitor.pseudonymise.keys.PseudonymKey`; a protocol, so
    that the delivery contract does not depend on the pseudonymisation package above it."""

    @property
    def secret(self) -> bytes: ...


def _private(key: RegionKey) -> Ed25519PrivateKey:
    # HKDF-SHA256 without salt, the same derivation as pseudonymise.keys.hkdf_sha256 (a test
    # keeps both equal, so signatures made before this module moved still verify).
    seed = HKDF(algorithm=SHA256(), length=32, salt=None, info=SIGNING_INFO).derive(key.secret)
    return Ed25519PrivateKey.from_private_bytes(seed)


def verification_key(key: RegionKey) -> str:
    """The region's public verification key (hex); safe to give to the monitor."""
    return _private(key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def signature_path(manifest_path: Path) -> Path:
    return manifest_path.with_name(manifest_path.name + ".sig")


def sign_manifest(manifest_path: Path, key: RegionKey) -> Path:
    """Write ``<manifest>.sig`` (hex Ed25519 signature of the manifest bytes)."""
    signature = _private(key).sign(manifest_path.read_bytes()).hex() + "\n"
    target = signature_path(manifest_path)
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(signature, encoding="ascii")
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def is_valid(public_hex: str, data: bytes, signature_hex: str) -> bool:
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        public.verify(bytes.fromhex(signature_hex.strip()), data)
    except (InvalidSignature, ValueError):
        return False
    return True
