# SPDX-License-Identifier: EUPL-1.2
"""The portal's CLI commands in a fresh process each: register, accounts, roles, audit verify
(intact and tampered), serve's refusal without a secret key, and the demo portal helper."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from testsupport import load_module

pytestmark = pytest.mark.slow  # each test starts fresh Python processes with Django


def _env(data_dir: Path, development: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KETENMONITOR_PORTAL_", "DJANGO_SETTINGS_MODULE"))}
    env["KETENMONITOR_PORTAL_DATA_DIR"] = str(data_dir)
    env["KETENMONITOR_PORTAL_STATISCH_COMPRIMEREN"] = "0"
    if development:
        env["KETENMONITOR_PORTAL_ONTWIKKELING"] = "1"
    return env


def _km(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
        env=env, capture_output=True, text=True, check=False, timeout=300,
    )


@pytest.fixture(scope="module")
def portal_dir(tmp_path_factory: pytest.TempPathFactory, publication_root: Path) -> Path:
    data_dir = tmp_path_factory.mktemp("cli-portaal")
    env = _env(data_dir)
    result = _km(env, "portal", "registreer", str(publication_root), "--door", "tester")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["haaglanden-2025-12-31-v1: geregistreerd",
                                          "haaglanden-2025-12-31-v2: geregistreerd"]
    return data_dir


def test_register_list_withdraw(portal_dir: Path) -> None:
    env = _env(portal_dir)
    listed = _km(env, "portal", "publicaties")
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [
        ["haaglanden-2025-12-31-v1", "getoond"], ["haaglanden-2025-12-31-v2", "getoond"]]
    assert _km(env, "portal", "intrekken", "haaglanden-2025-12-31-v1").returncode == 0
    assert "ingetrokken" in _km(env, "portal", "publicaties").stdout.splitlines()[0]
    unknown = _km(env, "portal", "intrekken", "bestaat-niet-2025-12-31-v1")
    assert unknown.returncode == 2 and "is niet geregistreerd" in unknown.stderr


def test_accounts_and_role_export(portal_dir: Path) -> None:
    env = _env(portal_dir)
    made = _km(env, "portal", "gebruiker", "anna", "--rol", "beleidsadviseur", "--scope", "gm0503")
    assert made.returncode == 0 and made.stdout.startswith("Gebruiker anna met wachtwoord ")
    wrong = _km(env, "portal", "gebruiker", "bob", "--rol", "koning")
    assert wrong.returncode == 2 and "Onbekende of ontbrekende rol: koning" in wrong.stderr
    export = _km(env, "portal", "rollen")
    lines = export.stdout.splitlines()
    assert lines[0].startswith("gebruikersnaam;naam;e-mail;rollen;gemeenten_en_regios")
    assert any(line.startswith("anna;;;beleidsadviseur;GM0503;lokaal;ja") for line in lines)


def test_local_accounts_are_refused_in_production(tmp_path: Path) -> None:
    env = _env(tmp_path, development=False)
    env["KETENMONITOR_PORTAL_SECRET_KEY"] = "s" * 60
    result = _km(env, "portal", "gebruiker", "x", "--rol", "beheerder")
    assert result.returncode == 2
    assert "Lokale accounts bestaan alleen in de ontwikkelstand." in result.stderr


def test_serve_refuses_without_secret_key_in_production(tmp_path: Path) -> None:
    result = _km(_env(tmp_path, development=False), "serve", "--poort", "1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "zonder geheime sleutel" in result.stderr


def test_audit_verify_intact_then_tampered(portal_dir: Path) -> None:
    env = _env(portal_dir)
    ok = _km(env, "audit", "verify")
    assert ok.returncode == 0 and ok.stdout.startswith("Auditketen in orde: ")
    database = sqlite3.connect(portal_dir / "portaal.sqlite3")
    with database:
        database.execute("DROP TRIGGER audit_geen_update")
        database.execute("UPDATE audit_auditregel SET actor = 'iemand' WHERE volgnummer = 2")
    database.close()
    broken = _km(env, "audit", "verify")
    assert broken.returncode == 2
    assert "De auditketen is gebroken bij regel 2" in broken.stderr
    assert "beveiligingsincident" in broken.stderr


def test_demo_portal_helper(tmp_path: Path, publication_dir: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from ketenmonitor.portal.demo import load_demo_portal; "
        "p = load_demo_portal(Path(sys.argv[1]), Path(sys.argv[2])); "
        "print(p.url, p.password, ' '.join(n for n, _ in p.users))"
    )
    env = _env(tmp_path)
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "portaal"),
                             str(publication_dir)], env=env, capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    url, password, *users = result.stdout.split()
    assert url == "http://127.0.0.1:8000/" and len(password) >= 12
    assert users == ["beheerder", "programmamanager", "beleidsadviseur", "raadslid"]
    versions = _km(_env(tmp_path / "portaal"), "portal", "beheer", "shell", "-v", "0", "-c",
                   "from ketenmonitor.portal.regiovisie.models import RegiovisieVersie as R; "
                   "print(R.objects.filter(regio='haaglanden').count())")
    assert versions.stdout.strip() == "1", versions.stderr
    export = _km(_env(tmp_path / "portaal"), "portal", "rollen").stdout
    assert "beleidsadviseur;beleidsadviseur;;beleidsadviseur;GM0503" in export


def test_publish_with_portal_registers_the_new_publication(tmp_path: Path) -> None:
    synthetic = load_module("indicators/synthetic_warehouse.py")
    warehouse = tmp_path / "warehouse.duckdb"
    synthetic.build_warehouse(warehouse).close()
    env = _env(tmp_path / "portaal")
    result = _km(env, "publish", "--uitvoer", str(tmp_path / "publicaties"), "--warehouse",
                 str(warehouse), "--regio", synthetic.REGION, "--portal")
    assert result.returncode == 0, result.stderr
    folder = result.stdout.strip().splitlines()[-1]
    assert f"Portaal: {Path(folder).name}: geregistreerd" in result.stderr
    listed = _km(env, "portal", "publicaties").stdout
    assert Path(folder).name in listed and "getoond" in listed
