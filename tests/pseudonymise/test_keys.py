# SPDX-License-Identifier: EUPL-1.2
"""The key: HKDF per field, where it may come from, and the refusals that protect it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from ketenmonitor.core.errors import ConfigurationError, ExitCode
from ketenmonitor.core.settings import Settings
from ketenmonitor.pseudonymise import PseudonymKey, create_key_file, hkdf_sha256, load_key

MAKE_HINT = (
    "Maak een sleutel met 'ketenmonitor sleutel maken --uitvoer PAD' en geef hem op met "
    "--sleutelbestand PAD of de omgevingsvariabele KETENMONITOR_KEY_FILE."
)


def test_hkdf_rfc5869_test_case_1() -> None:
    okm = hkdf_sha256(bytes([0x0B] * 22), bytes(range(0xF0, 0xFA)), 42, salt=bytes(range(13)))
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


def test_hkdf_rfc5869_test_case_3_empty_salt_and_info() -> None:
    okm = hkdf_sha256(bytes([0x0B] * 22), b"", 42)
    assert okm.hex() == (
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    )


def test_field_keys_differ_per_field_and_key_id_reveals_nothing(key: PseudonymKey) -> None:
    assert key.field_key("bsn") != key.field_key("adres")
    assert key.field_key("bsn") == hkdf_sha256(key.secret, b"ketenmonitor/bsn/v1")
    assert len(key.key_id) == 16
    assert key.key_id not in key.secret.hex()
    assert key.secret.hex() not in repr(key) and "secret" not in repr(key)


def test_refuses_without_key() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_key(None, settings=Settings())
    assert caught.value.message == (
        "Er is geen pseudonimiseringssleutel opgegeven; zonder sleutel wordt niets "
        "gepseudonimiseerd."
    )
    assert caught.value.hint == MAKE_HINT
    assert caught.value.exit_code == ExitCode.REFUSED


def test_refuses_key_file_readable_by_others(key_file: Path) -> None:
    key_file.chmod(0o644)
    with pytest.raises(ConfigurationError) as caught:
        load_key(key_file, settings=Settings())
    assert caught.value.message == (
        f"Het sleutelbestand {key_file} is toegankelijk voor andere gebruikers (rechten 0644)."
    )
    assert caught.value.hint == (
        f"Beperk de rechten met 'chmod 600 {key_file}', zodat alleen de eigenaar de sleutel "
        "kan lezen."
    )


def test_refuses_key_file_readable_by_group(key_file: Path) -> None:
    key_file.chmod(0o640)
    with pytest.raises(ConfigurationError, match="rechten 0640"):
        load_key(key_file, settings=Settings())


@pytest.mark.parametrize("where", ["invoer", "uitvoer"])
def test_refuses_key_file_next_to_the_data(tmp_path: Path, where: str) -> None:
    invoer, uitvoer = tmp_path / "export", tmp_path / "leveringen"
    invoer.mkdir()
    folder = invoer if where == "invoer" else uitvoer
    key_path = folder / "sub" / "k.key"
    create_key_file(key_path)
    with pytest.raises(ConfigurationError) as caught:
        load_key(key_path, data_dirs=[invoer, uitvoer], settings=Settings())
    assert caught.value.message == (
        f"Het sleutelbestand {key_path} staat in de map {folder.resolve()}; de sleutel hoort "
        "niet naast de data."
    )


def test_refuses_key_next_to_an_input_file(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("a;b\n", encoding="utf-8")
    key_path = tmp_path / "k.key"
    create_key_file(key_path)
    with pytest.raises(ConfigurationError, match="hoort niet naast de data"):
        load_key(key_path, data_dirs=[export], settings=Settings())


def test_key_file_from_settings_and_from_hex_environment(key_file: Path) -> None:
    from_file = load_key(None, settings=Settings(key_file=key_file))
    assert from_file.secret.hex() == key_file.read_text(encoding="ascii").strip()
    from_env = load_key(None, settings=Settings(key=SecretStr("ab" * 32)))
    assert from_env.secret == bytes([0xAB] * 32)
    explicit_wins = load_key(key_file, settings=Settings(key=SecretStr("ab" * 32)))
    assert explicit_wins.secret == from_file.secret


@pytest.mark.parametrize("text", ["xyz", "ab" * 16, ""])
def test_refuses_invalid_environment_key(text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_key(None, settings=Settings(key=SecretStr(text)))
    assert caught.value.message == (
        "De sleutel in KETENMONITOR_KEY is geen hexadecimale sleutel van minstens 32 bytes."
    )


def test_refuses_key_file_without_a_key(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    path.write_text("geen sleutel\n", encoding="ascii")
    path.chmod(0o600)
    with pytest.raises(ConfigurationError) as caught:
        load_key(path, settings=Settings())
    assert caught.value.message == f"Het sleutelbestand {path} bevat geen geldige sleutel."
    assert "geen sleutel" not in str(caught.value)


def test_create_key_file_is_private_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "nieuw" / "k.key"
    key = create_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="ascii") == key.secret.hex() + "\n"
    assert len(key.secret) == 32
    before = path.read_bytes()
    with pytest.raises(ConfigurationError) as caught:
        create_key_file(path)
    assert caught.value.message == (
        f"Het sleutelbestand {path} bestaat al; een bestaande sleutel wordt nooit overschreven."
    )
    assert path.read_bytes() == before


def test_create_key_file_ignores_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "k.key"
        create_key_file(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_two_new_keys_differ(tmp_path: Path) -> None:
    assert create_key_file(tmp_path / "a").secret != create_key_file(tmp_path / "b").secret
