# SPDX-License-Identifier: EUPL-1.2
"""Manifest signing derives its key with the library's HKDF, the same derivation the key module
implements, so signatures and verification keys made before the delivery package existed still
hold."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ketenmonitor.delivery.signing import (
    SIGNING_INFO,
    is_valid,
    sign_manifest,
    signature_path,
    verification_key,
)
from ketenmonitor.pseudonymise.keys import PseudonymKey, hkdf_sha256

KEYS = [PseudonymKey(bytes([n]) * 32) for n in (0, 7, 255)]


def test_verification_key_matches_the_key_module_derivation() -> None:
    for key in KEYS:
        private = Ed25519PrivateKey.from_private_bytes(hkdf_sha256(key.secret, SIGNING_INFO))
        expected = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
        assert verification_key(key) == expected


def test_a_signed_manifest_verifies_and_a_changed_one_does_not(tmp_path: Path) -> None:
    manifest = tmp_path / "x.manifest.json"
    manifest.write_text('{"partner": "vt_haaglanden"}\n', encoding="utf-8")
    signature = sign_manifest(manifest, KEYS[1]).read_text(encoding="ascii")
    assert signature_path(manifest).read_text(encoding="ascii") == signature
    assert is_valid(verification_key(KEYS[1]), manifest.read_bytes(), signature)
    assert not is_valid(verification_key(KEYS[2]), manifest.read_bytes(), signature)
    assert not is_valid(verification_key(KEYS[1]), b'{"partner": "vt_anders"}\n', signature)
