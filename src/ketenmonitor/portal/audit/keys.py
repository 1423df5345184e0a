# SPDX-License-Identifier: EUPL-1.2
"""The audit key (a file outside the database) and the anchor file of signed checkpoints.

Whoever can write the database can recompute an unkeyed hash chain. Two things stop that:

* every entry carries an HMAC-SHA256 under a key that lives in a file named by
  ``KETENMONITOR_PORTAL_AUDIT_SLEUTEL_BESTAND`` — never in the database — so a rewritten or
  forged entry cannot get a valid code;
* after every committed entry a checkpoint (number, hash, HMAC) is appended to the file named by
  ``KETENMONITOR_PORTAL_AUDIT_ANKER_BESTAND`` (opened with ``O_APPEND``; operators put it on
  append-only storage, ``chattr +a``, or a log host), so entries cut off at the end are missed.

The key and the row codes use separate HMAC domains ("regel", "anker").
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.private_files import write_private_file

KEY_BYTES = 32


def _setting(name: str) -> Path | None:
    value = getattr(settings, name, None)
    return Path(value) if value else None


def key_path() -> Path:
    path = _setting("AUDIT_KEY_FILE")
    if path is None:
        raise ConfigurationError(
            "audit_sleutel_niet_ingesteld",
            _("Er is geen sleutel voor de auditlog ingesteld "
              "(KETENMONITOR_PORTAL_AUDIT_SLEUTEL_BESTAND)."),
            _("Maak een sleutel met 'ketenmonitor audit sleutel /etc/ketenmonitor/auditsleutel' "
              "en zet KETENMONITOR_PORTAL_AUDIT_SLEUTEL_BESTAND op dat bestand."),
        )
    return path


def anchor_path() -> Path:
    path = _setting("AUDIT_ANCHOR_FILE")
    if path is None:
        raise ConfigurationError(
            "audit_anker_niet_ingesteld",
            _("Er is geen ankerbestand voor de auditlog ingesteld "
              "(KETENMONITOR_PORTAL_AUDIT_ANKER_BESTAND)."),
            _("Zet KETENMONITOR_PORTAL_AUDIT_ANKER_BESTAND op een bestand buiten de database, "
              "bij voorkeur op alleen-toevoegen-opslag (chattr +a)."),
        )
    return path


def create_key(path: Path) -> None:
    """Write a new random key (hex) with mode 0600; never overwrite an existing one."""
    try:
        write_private_file(path, secrets.token_hex(KEY_BYTES) + "\n")
    except FileExistsError:
        raise ConfigurationError(
            "audit_sleutel_bestaat",
            _("Het sleutelbestand {pad} bestaat al; een bestaande sleutel wordt nooit "
              "overschreven.").format(pad=path),
            _("Met een nieuwe sleutel zijn de bestaande regels niet meer te controleren. Kies een "
              "ander pad als u echt een nieuwe sleutel wilt."),
        ) from None


_CACHE: dict[Path, bytes] = {}


def load_key() -> bytes:
    """The key from its file; in development mode it is created on first use."""
    path = key_path()
    cached = _CACHE.get(path)
    if cached is not None:
        return cached
    if not path.exists() and getattr(settings, "DEVELOPMENT", False):
        with contextlib.suppress(ConfigurationError):  # another worker made it just now
            create_key(path)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        raise ConfigurationError(
            "audit_sleutel_ontbreekt",
            _("Het sleutelbestand van de auditlog ontbreekt: {pad}.").format(pad=path),
            _("Zet de sleutel terug uit de back-up, of maak een nieuwe met "
              "'ketenmonitor audit sleutel {pad}' als de auditlog nog leeg is.").format(pad=path),
        ) from None
    except (ValueError, OSError, UnicodeDecodeError):
        key = b""
    if len(key) < KEY_BYTES:
        raise ConfigurationError(
            "audit_sleutel_ongeldig",
            _("Het sleutelbestand van de auditlog is onleesbaar of te kort: {pad}.").format(pad=path),
            _("Het bestand moet {n} bytes als hexadecimale tekst bevatten, zoals "
              "'ketenmonitor audit sleutel' het maakt.").format(n=KEY_BYTES),
        )
    _CACHE[path] = key
    return key


def code(key: bytes, domain: str, payload: bytes) -> str:
    return hmac.new(key, domain.encode() + b"\0" + payload, hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _canonical(data: dict[str, object]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Checkpoint:
    volgnummer: int
    hash: str
    tijdstip: str


def write_checkpoint(key: bytes, point: Checkpoint) -> None:
    """Append one signed line (a single ``write`` on an ``O_APPEND`` descriptor, so lines of
    concurrent workers never interleave)."""
    body = {"volgnummer": point.volgnummer, "hash": point.hash, "tijdstip": point.tijdstip}
    line = json.dumps({**body, "mac": code(key, "anker", _canonical(body))}) + "\n"
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


class AnchorBroken(Exception):
    """A line of the anchor file is unreadable or its code is wrong (line number, reason)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def read_checkpoints(key: bytes) -> list[Checkpoint] | None:
    """All checkpoints, each checked against the key; None when there is no anchor file."""
    path = anchor_path()
    if not path.exists():
        return None
    points: list[Checkpoint] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                data = json.loads(line)
                body = {"volgnummer": int(data["volgnummer"]), "hash": str(data["hash"]),
                        "tijdstip": str(data["tijdstip"])}
                mac = str(data["mac"])
            except (ValueError, KeyError, TypeError):
                raise AnchorBroken(number, _("regel {n} van het ankerbestand is onleesbaar")
                                   .format(n=number)) from None
            if not same(code(key, "anker", _canonical(body)), mac):
                raise AnchorBroken(number, _("regel {n} van het ankerbestand heeft een onjuiste "
                                             "sleutelcode").format(n=number))
            points.append(Checkpoint(body["volgnummer"], body["hash"], body["tijdstip"]))  # type: ignore[arg-type]
    return points
