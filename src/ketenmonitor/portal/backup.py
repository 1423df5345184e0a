# SPDX-License-Identifier: EUPL-1.2
"""Backup and restore of warehouse, publications, portal database and audit anchor.

A backup folder holds ``manifest.json`` (SHA-256 of every file), a consistent copy of the SQLite
portal database (SQLite's online backup), the anchor file, the warehouse and every registered
publication under ``publicaties/<id>``. The audit key is deliberately *not* in it: it is kept
apart, so whoever has a backup still cannot forge the audit log.

Restore goes into a fresh place only (nothing is overwritten), checks the manifest first,
registers the publications at their new folder (relative paths, audited) and then proves the
result: the audit chain with key and anchor, and every publication's checksums.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from ketenmonitor.core.errors import ConfigurationError, KetenmonitorError
from ketenmonitor.core.i18n import _

MANIFEST = "manifest.json"
DATABASE = "portaal.sqlite3"
ANCHOR = "auditanker.jsonl"
WAREHOUSE = "warehouse.duckdb"
PUBLICATIONS = "publicaties"


class BackupError(KetenmonitorError):
    """A backup or restore that cannot be made or trusted (exit 2)."""


@dataclass(frozen=True)
class Restored:
    audit_entries: int
    publications: int
    warehouse: bool


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_path() -> Path:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(
            "backup_postgres",
            _("Deze opdracht maakt back-ups van een SQLite-portaaldatabase; deze installatie "
              "gebruikt {engine}.").format(engine=db["ENGINE"].rsplit(".", 1)[-1]),
            _("Maak voor PostgreSQL een dump met 'pg_dump -Fc' (zie docs/beheer.md) en gebruik "
              "deze opdracht voor de overige onderdelen."),
        )
    return Path(db["NAME"])


def _empty_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(
            "backup_map_niet_leeg",
            _("{pad} bestaat al en is niet leeg.").format(pad=target),
            _("Kies een nieuwe, lege map; een back-up of herstel overschrijft nooit iets."),
        )


def backup(target: Path, warehouse: Path | None) -> dict[str, str]:
    """Write a backup to the new folder ``target``; returns the manifest's file checksums."""
    from ketenmonitor.portal.audit.keys import anchor_path
    from ketenmonitor.portal.dashboards.loading import resolve_stored
    from ketenmonitor.portal.dashboards.models import Publicatie

    _empty_target(target)
    target.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(_sqlite_path())
    copy = sqlite3.connect(target / DATABASE)
    with copy:
        source.backup(copy)  # consistent even while the portal writes
    copy.close()
    source.close()
    if anchor_path().exists():
        shutil.copy2(anchor_path(), target / ANCHOR)
    if warehouse is not None and warehouse.exists():
        shutil.copy2(warehouse, target / WAREHOUSE)
    for pub in Publicatie.objects.order_by("publicatie_id"):
        folder = resolve_stored(pub.pad)
        if folder.is_dir():
            shutil.copytree(folder, target / PUBLICATIONS / pub.publicatie_id)
    files = {p.relative_to(target).as_posix(): _sha256(p)
             for p in sorted(target.rglob("*")) if p.is_file()}
    manifest = {"gemaakt_op": datetime.now(UTC).isoformat(timespec="seconds"), "bestanden": files}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return files


def check_manifest(source: Path) -> dict[str, str]:
    """The backup's files, each checked against the manifest; refused when anything differs."""
    try:
        files: dict[str, str] = json.loads((source / MANIFEST).read_text("utf-8"))["bestanden"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError("backup_geen_manifest",
                          _("In {pad} staat geen leesbare back-up (manifest.json).").format(
                              pad=source),
                          _("Geef de map die 'ketenmonitor beheer backup' maakte.")) from None
    present = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}
    wrong = sorted(name for name, digest in files.items()
                   if not (source / name).is_file() or _sha256(source / name) != digest)
    extra = sorted(present - set(files) - {MANIFEST})
    if wrong or extra:
        raise BackupError("backup_beschadigd",
                          _("De back-up is beschadigd of gewijzigd: {namen}.").format(
                              namen=", ".join((wrong + extra)[:5])),
                          _("Gebruik een andere back-up; herstel niets uit deze."))
    return files


def restore(source: Path, warehouse: Path | None) -> Restored:
    """Restore ``source`` into the configured (empty) places and verify the result."""
    from ketenmonitor.portal.audit.chain import verify
    from ketenmonitor.portal.audit.keys import anchor_path, load_key

    files = check_manifest(source)
    load_key()  # the key is restored apart; without it the chain cannot be proved
    database = _sqlite_path()
    for place in [database, anchor_path(), *([warehouse] if warehouse else [])]:
        if place.exists() and place.stat().st_size > 0:
            raise BackupError("herstel_bestaat",
                              _("{pad} bestaat al; herstellen gebeurt alleen in een lege "
                                "omgeving.").format(pad=place),
                              _("Zet de instellingen op nieuwe paden, of verplaats de bestaande "
                                "bestanden eerst."))
    connections.close_all()
    database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / DATABASE, database)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)  # a backup of an older version
    if ANCHOR in files:
        anchor_path().parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / ANCHOR, anchor_path())
    if warehouse is not None and WAREHOUSE in files:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / WAREHOUSE, warehouse)
        _check_warehouse(warehouse)
    count = _restore_publications(source)
    result = verify()
    if not result.ok:
        raise BackupError("herstel_audit",
                          _("Na herstel is de auditketen gebroken bij regel {n}: {reden}.").format(
                              n=result.first_broken, reden=result.reason),
                          _("Controleer of de juiste auditsleutel is ingesteld; meld anders een "
                            "beveiligingsincident."))
    return Restored(result.entries, count, warehouse is not None and WAREHOUSE in files)


def _check_warehouse(path: Path) -> None:
    import duckdb

    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error:
        raise BackupError("herstel_warehouse", _("De herstelde warehouse {pad} is niet te "
                                                 "openen.").format(pad=path),
                          _("Gebruik een andere back-up.")) from None


def _restore_publications(source: Path) -> int:
    """Copy each publication under the publication root and point the database at it (checksums
    are validated by the publication reader; a changed folder is recorded in the audit log;
    whether a publication is shown stays as it was)."""
    from ketenmonitor.portal.audit.models import Actie
    from ketenmonitor.portal.audit.record import record
    from ketenmonitor.portal.dashboards.loading import (
        load,
        publication_root,
        stored_path,
    )
    from ketenmonitor.portal.dashboards.models import Publicatie

    root = publication_root() / PUBLICATIONS
    count = 0
    for pub in Publicatie.objects.order_by("publicatie_id"):
        saved = source / PUBLICATIONS / pub.publicatie_id
        if not saved.is_dir():
            continue
        folder = root / pub.publicatie_id
        if folder.exists():
            raise ConfigurationError("herstel_publicatie_bestaat",
                                     _("{pad} bestaat al.").format(pad=folder),
                                     _("Herstel in een lege publicatiemap."))
        shutil.copytree(saved, folder)
        load(folder, pub.metadata_sha256)  # every table's checksum, disclosure guards
        new_pad = stored_path(folder)
        if new_pad != pub.pad:
            Publicatie.objects.filter(pk=pub.pk).update(pad=new_pad)
            record(None, Actie.PUBLICATIE, f"map_gewijzigd:{pub.publicatie_id}", actor="herstel")
        count += 1
    return count
