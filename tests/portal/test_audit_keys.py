# SPDX-License-Identifier: EUPL-1.2
"""The keyed chain and its anchor: someone who can write the database but has neither the key
file nor write access to the anchor file cannot truncate, rewrite or append unnoticed."""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from typer.testing import CliRunner

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.portal.audit import chain, keys
from ketenmonitor.portal.audit.chain import append, canonical, verify
from ketenmonitor.portal.audit.models import AuditRegel


def _events(n: int) -> list[AuditRegel]:
    return [append(f"gebruiker{i}", "pagina_bekeken", f"regio:haaglanden:{i}", "gelukt",
                   "127.0.0.1") for i in range(n)]


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _attacker_hash(row: dict[str, Any]) -> str:
    """The attacker knows the (public) canonical format, so can recompute unkeyed hashes."""
    payload = {k: row[k] for k in ("volgnummer", "actor", "actie", "object", "resultaat",
                                   "herkomst", "vorige_hash")}
    payload["tijdstip"] = chain.timestamp(row["tijdstip"])
    return hashlib.sha256(canonical(payload)).hexdigest()


def _rows() -> list[dict[str, Any]]:
    return list(AuditRegel.objects.order_by("volgnummer").values())


def _set_head(volgnummer: int, hash_: str) -> None:
    _sql("UPDATE audit_auditkop SET laatste_volgnummer = %s, laatste_hash = %s WHERE id = 1",
         [volgnummer, hash_])


@pytest.fixture()
def attacker(db: Any) -> None:
    """Database owner rights: the append-only triggers are dropped first."""
    _events(5)
    _sql("DROP TRIGGER audit_geen_update")
    _sql("DROP TRIGGER audit_geen_delete")


def _cli_verify() -> Any:
    import ketenmonitor.cli.audit  # noqa: F401  (registers the audit commands)
    from ketenmonitor.cli.app import app

    return CliRunner().invoke(app, ["audit", "verify"])


def test_intact_chain_is_keyed_and_anchored(db: Any, _audit_anchor: Path) -> None:
    rows = _events(3)
    assert all(len(r.mac) == 64 for r in rows)
    lines = [json.loads(line) for line in _audit_anchor.read_text().splitlines()]
    assert [line["volgnummer"] for line in lines] == [1, 2, 3]
    assert lines[-1]["hash"] == rows[-1].hash
    result = verify()
    assert result.ok and result.entries == 3 and result.anchored == 3
    cli = _cli_verify()
    assert cli.exit_code == 0 and "Auditketen in orde: 3 regels" in cli.output


def test_truncation_with_a_repaired_head_is_detected(attacker: None) -> None:
    rows = _rows()
    _sql("DELETE FROM audit_auditregel WHERE volgnummer >= 4")
    _set_head(3, rows[2]["hash"])
    result = verify()
    assert result.first_broken == 4 and "eind zijn verwijderd" in result.reason
    assert "ankerbestand noemt regel 5" in result.reason
    cli = _cli_verify()
    assert cli.exit_code == 2 and "De auditketen is gebroken bij regel 4" in cli.output


def test_rewriting_with_a_recomputed_chain_is_detected(attacker: None) -> None:
    rows = _rows()
    rows[1]["actor"] = "iemand-anders"
    previous = rows[0]["hash"]
    for row in rows[1:]:  # recompute every later hash and the head, as the old chain allowed
        row["vorige_hash"] = previous
        row["hash"] = previous = _attacker_hash(row)
        _sql("UPDATE audit_auditregel SET actor = %s, vorige_hash = %s, hash = %s "
             "WHERE volgnummer = %s", [row["actor"], row["vorige_hash"], row["hash"],
                                       row["volgnummer"]])
    _set_head(5, previous)
    result = verify()
    assert result.first_broken == 2 and "sleutelcode klopt niet" in result.reason


@pytest.mark.parametrize("mac", ["", "wrong-key"])
def test_forged_append_is_detected(attacker: None, mac: str) -> None:
    last = _rows()[-1]
    forged = {**last, "volgnummer": 6, "actor": "beheerder", "object": "regio:haaglanden:x",
              "vorige_hash": last["hash"]}
    forged["hash"] = _attacker_hash(forged)
    if mac:  # a code under a key the attacker made up
        forged_row = AuditRegel(**{k: v for k, v in forged.items() if k != "mac"})
        forged["mac"] = chain.mac_of(secrets.token_bytes(32), forged_row)
    else:
        forged["mac"] = ""
    _sql("INSERT INTO audit_auditregel (volgnummer, tijdstip, actor, actie, object, resultaat, "
         "herkomst, vorige_hash, hash, mac) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
         [forged[k] for k in ("volgnummer", "tijdstip", "actor", "actie", "object", "resultaat",
                              "herkomst", "vorige_hash", "hash", "mac")])
    _set_head(6, forged["hash"])
    result = verify()
    assert result.first_broken == 6
    assert ("geen sleutelcode" if not mac else "sleutelcode klopt niet") in result.reason


def test_edited_or_missing_anchor_is_detected(db: Any, _audit_anchor: Path) -> None:
    _events(2)
    lines = _audit_anchor.read_text().splitlines()
    edited = json.loads(lines[1])
    edited["volgnummer"] = 1
    _audit_anchor.write_text(lines[0] + "\n" + json.dumps(edited) + "\n")
    result = verify()
    assert not result.ok and "ankerbestand is gewijzigd" in result.reason
    _audit_anchor.unlink()
    result = verify()
    assert not result.ok and "ankerbestand ontbreekt" in result.reason


def test_entries_from_before_the_key_are_accepted_only_as_a_leading_run(attacker: None) -> None:
    _sql("UPDATE audit_auditregel SET mac = '' WHERE volgnummer = 3")
    result = verify()
    assert result.first_broken == 3 and "geen sleutelcode" in result.reason


def test_rolled_back_entry_is_never_anchored(
    db: Any, _audit_anchor: Path, monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr(chain, "on_commit", transaction.on_commit)
    with django_capture_on_commit_callbacks(execute=True):
        _events(1)
        with pytest.raises(RuntimeError), transaction.atomic():
            _events(1)
            raise RuntimeError("afgebroken")
    assert [json.loads(line)["volgnummer"] for line in
            _audit_anchor.read_text().splitlines()] == [1]
    assert verify().ok


def test_key_command_makes_a_private_key_and_never_overwrites(tmp_path: Path) -> None:
    import ketenmonitor.cli.audit  # noqa: F401  (registers the audit commands)
    from ketenmonitor.cli.app import app

    path = tmp_path / "sleutels" / "auditsleutel"
    made = CliRunner().invoke(app, ["audit", "sleutel", str(path)])
    assert made.exit_code == 0 and "Sleutel gemaakt" in made.output
    assert path.stat().st_mode & 0o777 == 0o600
    assert len(bytes.fromhex(path.read_text().strip())) == keys.KEY_BYTES
    before = path.read_bytes()
    again = CliRunner().invoke(app, ["audit", "sleutel", str(path)])
    assert again.exit_code == 2 and "bestaat al" in again.output
    assert path.read_bytes() == before


def test_missing_key_file_is_a_dutch_configuration_error(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    settings.AUDIT_KEY_FILE = tmp_path / "weg"
    settings.DEVELOPMENT = False
    with pytest.raises(ConfigurationError, match="sleutelbestand van de auditlog ontbreekt"):
        append("x", "pagina_bekeken", "y", "gelukt", "127.0.0.1")
