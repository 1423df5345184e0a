# SPDX-License-Identifier: EUPL-1.2
"""Production settings: a secret key is required, ``check --deploy`` is clean, strict headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts fresh Python processes with Django

PROD_KEY = "k" * 20 + "-productie-sleutel-voor-de-test-0123456789"


def _portal(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("KETENMONITOR_PORTAL_", "DJANGO_SETTINGS_MODULE"))}
    clean.update({"KETENMONITOR_PORTAL_DATA_DIR": str(tmp_path), **env})
    return subprocess.run([sys.executable, "-m", "ketenmonitor.portal", *args], env=clean,
                          capture_output=True, text=True, check=False, timeout=120)


def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    result = _portal(["check"], tmp_path)
    assert result.returncode == 2
    assert "Het portaal start niet zonder geheime sleutel" in result.stderr
    assert "Traceback" not in result.stderr


def test_short_secret_key_is_refused(tmp_path: Path) -> None:
    result = _portal(["check"], tmp_path, KETENMONITOR_PORTAL_SECRET_KEY="kort")
    assert result.returncode == 2 and "te kort" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = _portal(["check", "--deploy", "--fail-level", "WARNING"], tmp_path,
                     KETENMONITOR_PORTAL_SECRET_KEY=PROD_KEY,
                     KETENMONITOR_PORTAL_ALLOWED_HOSTS='["monitor.example.nl"]')
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_strict(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, 'django.contrib.auth.backends.ModelBackend' in "
        "s.AUTHENTICATION_BACKENDS)"
    )
    result = _portal(["shell", "-v", "0", "-c", code], tmp_path, KETENMONITOR_PORTAL_SECRET_KEY=PROD_KEY,
                     KETENMONITOR_PORTAL_DEBUG="1")
    assert result.stdout.split() == ["False", "True", "True", "True", "31536000", "False"]
