# SPDX-License-Identifier: EUPL-1.2
"""Collect static files only when they changed since the last collection.

Compressing and fingerprinting every static file (Django admin included) costs tens of seconds
on a small machine; ``ketenmonitor serve`` would pay that at every start. A stamp with a
fingerprint of the source files (path, size, modification time) and the storage backend lets a
restart skip the work when nothing changed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

STAMP = ".ketenmonitor-statisch"


def fingerprint() -> str:
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256(str(settings.STORAGES["staticfiles"]["BACKEND"]).encode())
    entries: list[str] = []
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()


def collect_if_needed() -> bool:
    """Run collectstatic when the sources changed; True when it ran."""
    from django.conf import settings
    from django.core.management import call_command

    stamp = Path(settings.STATIC_ROOT) / STAMP
    current = fingerprint()
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == current:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(current, encoding="utf-8")
    return True
