# SPDX-License-Identifier: EUPL-1.2
"""The audit log is append-only and hash-chained; tampering is detected and named."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from ketenmonitor.portal.audit.chain import GENESIS, append, canonical, hash_of, verify
from ketenmonitor.portal.audit.models import AuditLogWijzigingGeweigerd, AuditRegel


def _events(n: int) -> list[AuditRegel]:
    return [append(f"gebruiker{i}", "pagina_bekeken", f"regio:haaglanden:{i}", "gelukt",
                   "127.0.0.1") for i in range(n)]


def test_chain_links_every_entry_to_the_one_before(db: Any) -> None:
    rows = _events(5)
    assert rows[0].vorige_hash == GENESIS
    assert [r.volgnummer for r in rows] == [1, 2, 3, 4, 5]
    assert all(b.vorige_hash == a.hash for a, b in itertools.pairwise(rows))
    assert all(hash_of(r) == r.hash for r in AuditRegel.objects.all())
    result = verify()
    assert result.ok and result.entries == 5


def test_canonical_json_is_stable() -> None:
    assert canonical({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_model_refuses_changes_and_deletes(db: Any) -> None:
    row = _events(1)[0]
    row.object = "iets anders"
    with pytest.raises(AuditLogWijzigingGeweigerd):
        row.save()
    with pytest.raises(AuditLogWijzigingGeweigerd):
        row.delete()
    with pytest.raises(AuditLogWijzigingGeweigerd):
        AuditRegel.objects.filter(volgnummer=1).update(actor="x")
    with pytest.raises(AuditLogWijzigingGeweigerd):
        AuditRegel.objects.all().delete()


def test_database_trigger_refuses_plain_sql(db: Any) -> None:
    _events(2)
    statements = ["UPDATE audit_auditregel SET actor = 'x' WHERE volgnummer = 1",
                  "DELETE FROM audit_auditregel WHERE volgnummer = 2"]
    if connection.vendor == "postgresql":
        statements.append("TRUNCATE audit_auditregel")
    for statement in statements:
        # a savepoint per statement: on PostgreSQL a refused statement aborts the transaction
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert verify().ok


def _drop_triggers() -> None:
    """What an attacker with database owner rights could do."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_geen_wijziging ON audit_auditregel")
            cursor.execute("DROP TRIGGER audit_geen_truncate ON audit_auditregel")
        else:
            cursor.execute("DROP TRIGGER audit_geen_update")
            cursor.execute("DROP TRIGGER audit_geen_delete")


def test_tampering_with_one_entry_is_detected_and_named(db: Any) -> None:
    _events(6)
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditregel SET actor = 'iemand-anders' WHERE volgnummer = 4")
    result = verify()
    assert not result.ok and result.first_broken == 4
    assert "gewijzigd" in result.reason


def test_recomputed_hash_fails_on_the_keyed_code(db: Any) -> None:
    _events(5)
    _drop_triggers()
    row = AuditRegel.objects.get(volgnummer=3)
    row.actor = "iemand-anders"
    new_hash = hash_of(row)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditregel SET actor = %s, hash = %s WHERE volgnummer = 3",
                       [row.actor, new_hash])
    result = verify()
    assert result.first_broken == 3 and "sleutelcode" in result.reason


def test_removed_entries_are_detected(db: Any) -> None:
    _events(5)
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditregel WHERE volgnummer = 2")
    result = verify()
    assert result.first_broken == 2 and "ontbreekt" in result.reason


def test_entries_cut_off_at_the_end_are_detected(db: Any) -> None:
    _events(5)
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditregel WHERE volgnummer >= 4")
    result = verify()
    assert result.first_broken == 4 and "eind" in result.reason


def test_portal_actions_are_recorded_without_client_data(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"], name="adviseur")
    client.get("/regio/haaglanden/gemeente/GM0503/")
    client.get("/regio/haaglanden/indicator/meldingen_per_1000/download.xlsx")
    client.post("/regio/haaglanden/gemeente/GM0503/indicator/meldingen_per_1000/toelichting/",
                {"periode": "2024", "tekst": "Registratiewijziging bij Veilig Thuis in 2024."})
    rows = list(AuditRegel.objects.filter(actor="adviseur").order_by("volgnummer"))
    actions = [r.actie for r in rows]
    assert actions == ["inloggen", "pagina_bekeken", "download", "wijziging"]
    assert all(r.herkomst == "127.0.0.1" for r in rows[1:])  # force_login has no request
    assert "Registratiewijziging" not in " ".join(r.object for r in rows)  # identifiers only
    publications = AuditRegel.objects.filter(actie="publicatie").count()
    assert publications == 2  # the two registrations of the fixture
    assert verify().ok
