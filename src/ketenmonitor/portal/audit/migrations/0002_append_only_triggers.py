# SPDX-License-Identifier: EUPL-1.2
"""Database triggers that refuse UPDATE and DELETE (and TRUNCATE) on the audit log.

The model already refuses changes in Python; these triggers also stop changes made with plain
SQL through the application's database account. Someone with rights to drop triggers can still
tamper, which is why the hash chain exists: ``ketenmonitor audit verify`` detects it.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "audit_auditregel"
MESSAGE = "auditlog is alleen-toevoegen"

SQLITE_CREATE = [
    f"CREATE TRIGGER audit_geen_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER audit_geen_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_geen_update;", "DROP TRIGGER IF EXISTS audit_geen_delete;"]

POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION audit_alleen_toevoegen() RETURNS trigger AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;",
    f"CREATE TRIGGER audit_geen_wijziging BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen();",
    f"CREATE TRIGGER audit_geen_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_toevoegen();",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_geen_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_geen_wijziging ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_alleen_toevoegen();",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def apply(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
