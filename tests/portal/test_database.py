# SPDX-License-Identifier: EUPL-1.2
"""The portal database on every supported engine: migrations complete, models round-trip, and
the audit log refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) in plain SQL.

These tests run in the normal (SQLite) run and again inside the PostgreSQL run of
``test_postgresql.py``, so each assertion is checked on both engines.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from ketenmonitor.portal.audit.chain import append, verify
from ketenmonitor.portal.audit.models import AuditRegel


def _refused(sql: str) -> bool:
    """Whether the database refuses ``sql`` (in a savepoint, so PostgreSQL's transaction
    stays usable after the error)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as error:
        return "alleen-toevoegen" in str(error)
    return False


def test_every_migration_is_applied(db: Any) -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_audit_triggers_refuse_plain_sql(db: Any) -> None:
    for i in range(3):
        append(f"gebruiker{i}", "pagina_bekeken", f"regio:haaglanden:{i}", "gelukt", "127.0.0.1")
    assert _refused("UPDATE audit_auditregel SET actor = 'x' WHERE volgnummer = 1")
    assert _refused("DELETE FROM audit_auditregel WHERE volgnummer = 2")
    if connection.vendor == "postgresql":
        assert _refused("TRUNCATE audit_auditregel")
    assert AuditRegel.objects.count() == 3
    assert verify().ok


def test_users_keep_roles_and_scope(db: Any) -> None:
    from ketenmonitor.portal.accounts.models import Gebruiker

    Gebruiker.objects.create(username="raad", rollen=["raadslid"], scope=["GM0503", "haaglanden"])
    found = Gebruiker.objects.get(username="raad")
    assert found.rollen == ["raadslid"] and found.scope == ["GM0503", "haaglanden"]
    assert found.access.gemeente_scope("haaglanden") is None
    assert found.access.visible_gemeenten("haaglanden", ["GM0518", "GM0503"]) == ["GM0518", "GM0503"]


@pytest.mark.parametrize("text", ["Zoë's toelichting — 10 %", "regel\nnieuwe regel"])
def test_text_round_trips(db: Any, text: str) -> None:
    row = append("gebruiker", "pagina_bekeken", text, "gelukt", "127.0.0.1")
    assert AuditRegel.objects.get(volgnummer=row.volgnummer).object == text
