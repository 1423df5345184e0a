# SPDX-License-Identifier: EUPL-1.2
"""Publication folders inside the publication root are stored relative to it.

An absolute path kept pointing at the old place when the data folder was copied or moved, so the
copy silently served the original's files. Paths outside the root stay absolute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import migrations


def _relative(apps: Any, schema_editor: Any) -> None:
    root = Path(settings.PUBLICATION_ROOT).resolve()
    for pub in apps.get_model("dashboards", "Publicatie").objects.all():
        path = Path(pub.pad)
        if path.is_absolute() and path.is_relative_to(root):
            pub.pad = path.relative_to(root).as_posix()
            pub.save(update_fields=["pad"])


def _absolute(apps: Any, schema_editor: Any) -> None:
    root = Path(settings.PUBLICATION_ROOT).resolve()
    for pub in apps.get_model("dashboards", "Publicatie").objects.all():
        if not Path(pub.pad).is_absolute():
            pub.pad = str(root / pub.pad)
            pub.save(update_fields=["pad"])


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0002_gewijzigd_door")]

    operations = [migrations.RunPython(_relative, _absolute)]
