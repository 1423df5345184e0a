# SPDX-License-Identifier: EUPL-1.2
"""The pseudonymisation key: where it comes from, how it is guarded, and the per-field keys.

One secret key (32 random bytes, hex in a file or in ``KETENMONITOR_KEY``) is held by the partners
or a trusted third party, never by the monitor. Each identifier field gets its own key derived with
HKDF-SHA256 (RFC 5869), so a BSN token can never be compared with an address token. A key file
must be private to its owner (like an ssh key) and must not lie next to the data it protects.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.private_files import write_private_file
from ketenmonitor.core.settings import Settings, get_settings
from ketenmonitor.pseudonymise.tokens import FieldTokeniser

KEY_BYTES = 32
KEY_ID_INFO = b"ketenmonitor/key-id/v1"
_HASH_LEN = hashlib.sha256().digest_size


def _make_hint() -> str:
    return _("Maak een sleutel met 'ketenmonitor sleutel maken --uitvoer PAD' en geef hem op "
             "met --sleutelbestand PAD of de omgevingsvariabele KETENMONITOR_KEY_FILE.")


def hkdf_sha256(ikm: bytes, info: bytes, length: int = KEY_BYTES, salt: bytes = b"") -> bytes:
    """HKDF-SHA256 extract-and-expand (RFC 5869). An empty salt means HashLen zero bytes."""
    if length > 255 * _HASH_LEN:
        raise ValueError("HKDF kan hooguit 255 * 32 bytes afleiden")
    prk = hmac.new(salt or bytes(_HASH_LEN), ikm, hashlib.sha256).digest()
    okm = b""
    block = b""
    counter = 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


@dataclass(frozen=True)
class PseudonymKey:
    """The secret key. ``repr`` never shows it; only :attr:`key_id` may be written anywhere."""

    secret: bytes = field(repr=False)
    source: str = "onbekend"
    _tokenisers: dict[tuple[str, int], FieldTokeniser] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def field_key(self, field_name: str) -> bytes:
        """The key for one identifier field, e.g. ``bsn`` (info ``ketenmonitor/bsn/v1``)."""
        return hkdf_sha256(self.secret, f"ketenmonitor/{field_name}/v1".encode())

    def tokeniser(self, field_name: str, memo_limit: int = 0) -> FieldTokeniser:
        """The tokeniser of one field, kept with this key: every export pseudonymised with the
        key object reuses it (and its memo, see :class:`FieldTokeniser`)."""
        found = self._tokenisers.get((field_name, memo_limit))
        if found is None:
            found = FieldTokeniser(self.field_key(field_name), memo_limit)
            self._tokenisers[(field_name, memo_limit)] = found
        return found

    @property
    def key_id(self) -> str:
        """Short one-way fingerprint: tells keys apart, reveals nothing about the key."""
        return hkdf_sha256(self.secret, KEY_ID_INFO, length=8).hex()


def key_from_hex(text: str, source: str) -> PseudonymKey | None:
    """Parse a hex key of at least 32 bytes; ``None`` if the text is not one."""
    cleaned = "".join(text.split())
    try:
        secret = bytes.fromhex(cleaned)
    except ValueError:
        return None
    if len(secret) < KEY_BYTES:
        return None
    return PseudonymKey(secret=secret, source=source)


def _check_location(path: Path, data_dirs: Sequence[Path]) -> None:
    resolved = path.resolve()
    for data_dir in data_dirs:
        folder = (data_dir.parent if data_dir.is_file() else data_dir).resolve()
        if resolved.is_relative_to(folder):
            raise ConfigurationError(
                "sleutel_naast_data",
                _("Het sleutelbestand {path} staat in de map {folder}; de sleutel hoort niet "
                  "naast de data.").format(path=path, folder=folder),
                _("Bewaar de sleutel buiten de invoer- en uitvoermap, bijvoorbeeld in "
                  "~/.ketenmonitor/, en geef het pad op met --sleutelbestand."),
            )


def _check_permissions(path: Path) -> None:
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigurationError(
            "sleutel_rechten",
            _("Het sleutelbestand {path} is toegankelijk voor andere gebruikers "
              "(rechten {mode}).").format(path=path, mode=f"{mode:04o}"),
            _("Beperk de rechten met 'chmod 600 {path}', zodat alleen de eigenaar de sleutel "
              "kan lezen.").format(path=path),
        )


def read_key_file(path: Path, data_dirs: Sequence[Path] = ()) -> PseudonymKey:
    """Read a key file after checking that it exists, is private and lies outside the data."""
    if not path.is_file():
        raise ConfigurationError(
            "sleutel_ontbreekt",
            _("Het sleutelbestand {path} bestaat niet.").format(path=path),
            _make_hint(),
        )
    _check_location(path, data_dirs)
    _check_permissions(path)
    key = key_from_hex(path.read_text(encoding="ascii", errors="replace"), source="bestand")
    if key is None:
        raise ConfigurationError(
            "sleutel_ongeldig",
            _("Het sleutelbestand {path} bevat geen geldige sleutel.").format(path=path),
            _("Een sleutel bestaat uit minstens 64 hexadecimale tekens (32 bytes); maak er een "
              "met 'ketenmonitor sleutel maken --uitvoer PAD'."),
        )
    return key


def load_key(
    key_file: Path | None = None,
    *,
    data_dirs: Sequence[Path] = (),
    settings: Settings | None = None,
) -> PseudonymKey:
    """The key from ``key_file``, else ``KETENMONITOR_KEY_FILE``, else ``KETENMONITOR_KEY`` (hex).

    ``data_dirs`` are the input and output folders; a key file inside one of them is refused.
    """
    settings = settings or get_settings()
    path = key_file or settings.key_file
    if path is not None:
        return read_key_file(Path(path), data_dirs)
    if settings.key is not None:
        key = key_from_hex(settings.key.get_secret_value(), source="omgeving")
        if key is None:
            raise ConfigurationError(
                "sleutel_ongeldig",
                _("De sleutel in KETENMONITOR_KEY is geen hexadecimale sleutel van minstens "
                  "32 bytes."),
                _make_hint(),
            )
        return key
    raise ConfigurationError(
        "sleutel_ontbreekt",
        _("Er is geen pseudonimiseringssleutel opgegeven; zonder sleutel wordt niets "
          "gepseudonimiseerd."),
        _make_hint(),
    )


def create_key_file(path: Path) -> PseudonymKey:
    """Write a new random 32-byte key (hex) with mode 0600; an existing file is never replaced."""
    if path.exists():
        raise ConfigurationError(
            "sleutel_bestaat",
            _("Het sleutelbestand {path} bestaat al; een bestaande sleutel wordt nooit "
              "overschreven.").format(path=path),
            _("Kies een ander pad. Let op: een nieuwe sleutel geeft andere tokens, zodat "
              "leveringen onder de oude sleutel niet meer te koppelen zijn."),
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = secrets.token_bytes(KEY_BYTES)
    write_private_file(path, secret.hex() + "\n")
    return PseudonymKey(secret=secret, source="bestand")
