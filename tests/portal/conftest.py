# SPDX-License-Identifier: EUPL-1.2
"""Portal test setup: Django configured here (no DJANGO_SETTINGS_MODULE needed), in development
mode with a temporary data folder; publications come from ``publication_fixture.py`` (three
Haaglanden gemeenten plus the region, written by the real publication writer).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from testsupport import load_module

_DATA = Path(tempfile.mkdtemp(prefix="km-portaal-test-"))
os.environ["KETENMONITOR_PORTAL_ONTWIKKELING"] = "1"
os.environ["KETENMONITOR_PORTAL_DATA_DIR"] = str(_DATA)
os.environ["KETENMONITOR_PORTAL_STATISCH_COMPRIMEREN"] = "0"
# No request watchdog in the test process: on a busy CI machine a slow report must not be cut
# off; the watchdog itself is tested directly (test_limits.py).
os.environ["KETENMONITOR_PORTAL_VERZOEK_TIJDSLIMIET"] = "0"
os.environ["KETENMONITOR_PORTAL_ALLOWED_HOSTS"] = '["testserver", "localhost", "127.0.0.1"]'
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenmonitor.portal.settings")

from ketenmonitor.portal import setup  # noqa: E402

setup()

GEMEENTEN = ("GM0518", "GM0503", "GM1842")  # 's-Gravenhage, Delft, Midden-Delfland
REGION = "haaglanden"


def _publication_fixture() -> ModuleType:
    return load_module("portal/publication_fixture.py")


@pytest.fixture(scope="session")
def pub_fixture() -> ModuleType:
    return _publication_fixture()


@pytest.fixture(scope="session")
def publication_root(tmp_path_factory: pytest.TempPathFactory, pub_fixture: ModuleType) -> Path:
    root = tmp_path_factory.mktemp("publicaties")
    pub_fixture.write(root)
    pub_fixture.write(root)
    return root


@pytest.fixture(scope="session")
def publication_dir(publication_root: Path) -> Path:
    return publication_root / "haaglanden-2025-12-31-v2"


@pytest.fixture(scope="session", autouse=True)
def _static_files(django_db_blocker: Any) -> None:
    """Collected static files, so the manifest storage of production is used in the tests."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _audit_anchor(settings: Any, tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh anchor file per test (the test database is rolled back, the file is not), and
    checkpoints written at once: the test's own transaction is never committed."""
    from ketenmonitor.portal.audit import chain

    anchor: Path = tmp_path_factory.mktemp("audit") / "auditanker.jsonl"
    settings.AUDIT_ANCHOR_FILE = anchor
    monkeypatch.setattr(chain, "on_commit", lambda callback: callback())
    return anchor


@pytest.fixture()
def registered(db: Any, publication_root: Path) -> list[Any]:
    from ketenmonitor.portal.dashboards.registry import register_folder

    return [pub for pub, _new in register_folder(publication_root, "test")]


@pytest.fixture()
def make_user(db: Any) -> Callable[..., Any]:
    from ketenmonitor.portal.accounts.models import Gebruiker

    def make(name: str, roles: list[str], scope: list[str]) -> Any:
        user = Gebruiker.objects.create(username=name, rollen=roles, scope=scope, first_name=name)
        user.set_password("een-lang-testwachtwoord")
        user.save()
        return user

    return make


@pytest.fixture()
def client_for(client: Any, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """A Django test client logged in as a new user with these roles and scope."""

    def login(roles: list[str], scope: list[str], name: str = "gebruiker") -> Any:
        user = make_user(name, roles, scope)
        client.force_login(user)
        return client

    return login
