# SPDX-License-Identifier: EUPL-1.2
"""The keyed code (HMAC) of each audit entry.

SQLite adds a NOT NULL column by rebuilding the table, which drops its triggers; they are
created again here so the log stays append-only in the database.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

TABLE = "audit_auditregel"
MESSAGE = "auditlog is alleen-toevoegen"
SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS audit_geen_update;",
    "DROP TRIGGER IF EXISTS audit_geen_delete;",
    f"CREATE TRIGGER audit_geen_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER audit_geen_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]


def _sqlite_triggers(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditregel",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64,
                                   verbose_name="sleutelcode"),
        ),
        migrations.RunPython(_sqlite_triggers, _sqlite_triggers),
    ]
