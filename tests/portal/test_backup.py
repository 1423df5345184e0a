# SPDX-License-Identifier: EUPL-1.2
"""Backup and restore: restored into a fresh folder, the audit chain verifies with key and
anchor and every publication's checksums hold; a changed backup is refused."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow  # three fresh CLI processes with Django

# One process prepares the original installation and runs 'ketenmonitor beheer backup'.
SETUP_AND_BACKUP = (
    "import sys; from ketenmonitor.portal import setup; setup(); "
    "from django.core.management import call_command; call_command('migrate', verbosity=0); "
    "from ketenmonitor.portal.dashboards.registry import register_folder; "
    "register_folder(sys.argv[1], 'test'); "
    "sys.argv = ['ketenmonitor', 'beheer', 'backup', sys.argv[2]]; "
    "from ketenmonitor.cli.app import main; main()"
)


def _env(data_dir: Path, key: Path, warehouse: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KETENMONITOR_", "DJANGO_SETTINGS_MODULE"))}
    env.update({"KETENMONITOR_PORTAL_DATA_DIR": str(data_dir),
                "KETENMONITOR_PORTAL_ONTWIKKELING": "1",
                "KETENMONITOR_PORTAL_STATISCH_COMPRIMEREN": "0",
                "KETENMONITOR_PORTAL_AUDIT_SLEUTEL_BESTAND": str(key),
                "KETENMONITOR_WAREHOUSE": str(warehouse), "COLUMNS": "200"})
    return env


def _km(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from ketenmonitor.cli.app import main; main()",
                           *args], env=env, capture_output=True, text=True, check=False,
                          timeout=300)


def test_backup_restores_into_a_fresh_folder_and_proves_itself(
    tmp_path: Path, publication_root: Path
) -> None:
    key = tmp_path / "sleutels" / "auditsleutel"  # kept apart from data and backup
    original = tmp_path / "origineel"
    (original / "publicaties").mkdir(parents=True)
    for pub in publication_root.iterdir():
        shutil.copytree(pub, original / "publicaties" / pub.name)
    warehouse = original / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("CREATE TABLE levering AS SELECT 1 AS id")
    key.parent.mkdir()
    key.write_text(secrets.token_hex(32) + "\n")
    backup_dir = tmp_path / "backup"
    saved = subprocess.run([sys.executable, "-c", SETUP_AND_BACKUP, str(original / "publicaties"),
                            str(backup_dir)], env=_env(original, key, warehouse),
                           capture_output=True, text=True, check=False, timeout=300)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.startswith("Back-up gemaakt in ")
    assert not any("sleutel" in p.name for p in backup_dir.rglob("*"))

    fresh = tmp_path / "nieuw"
    restored = _km(_env(fresh, key, fresh / "warehouse.duckdb"), "beheer", "restore",
                   str(backup_dir))
    assert restored.returncode == 0, restored.stderr
    assert "auditketen in orde" in restored.stdout and "2 publicaties" in restored.stdout
    with sqlite3.connect(fresh / "portaal.sqlite3") as db:  # relative, in the new folder
        paths = [row[0] for row in db.execute("SELECT pad FROM dashboards_publicatie")]
    assert sorted(paths) == ["publicaties/haaglanden-2025-12-31-v1",
                             "publicaties/haaglanden-2025-12-31-v2"]
    with duckdb.connect(str(fresh / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM levering").fetchone() == (1,)

    table = next((backup_dir / "publicaties").rglob("*.parquet"))
    table.chmod(0o644)
    table.write_bytes(table.read_bytes() + b"\0")
    refused = _km(_env(tmp_path / "nog-een", key, tmp_path / "nog-een" / "w.duckdb"),
                  "beheer", "restore", str(backup_dir))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "De back-up is beschadigd of gewijzigd" in refused.stderr
