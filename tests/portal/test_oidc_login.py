# SPDX-License-Identifier: EUPL-1.2
"""Login through a real OpenID Connect provider, in Chromium.

The provider is panva's ``oidc-provider`` (npm, pinned in ``oidc_op/package-lock.json``,
installed here with ``npm ci`` when missing) on a loopback port; the portal runs as in
production behind ``ketenmonitor serve`` with OIDC switched on. Per user: the login button goes
to the provider (no loop back to /inloggen/), the provider's own login and consent pages, back
through /oidc/callback/, the token's roles and gemeenten mapped to portal roles and scope
(including a ``rol_waarden`` translation), exactly the allowed gemeenten, then logging out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.browser

OP_DIR = Path(__file__).parent / "oidc_op"
ACCOUNTS = {
    "raad-delft": {"roles": ["km-raad"], "gemeenten": ["GM0503"], "name": "Raad Delft",
                   "email": "raad@delft.example.nl"},
    "programma": {"roles": ["programmamanager"], "gemeenten": ["haaglanden"],
                  "name": "Programma Haaglanden", "email": "pm@example.nl"},
}
ALLOWED = {"raad-delft": {"GM0503"}, "programma": {"GM0518", "GM0503", "GM1842"}}
ALL = {"GM0518", "GM0503", "GM1842"}
SETUP = """
from ketenmonitor.portal import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from ketenmonitor.portal.dashboards.registry import register_folder
import sys
register_folder(sys.argv[1], "test")
"""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                out = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"{what} start niet: {out}") from None
            time.sleep(0.3)


def _installed_op() -> None:
    """``npm ci`` from the pinned lock file, once (node_modules is not in git)."""
    if (OP_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    assert npm is not None, "npm ontbreekt: installeer Node.js 20 of nieuwer met npm"
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=OP_DIR,
                   check=True, timeout=300, capture_output=True)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, pub_fixture: ModuleType) -> Iterator[str]:
    """The OP and the portal (OIDC on), both on loopback; yields the portal's URL."""
    _installed_op()
    tmp = tmp_path_factory.mktemp("oidc")
    accounts = tmp / "accounts.json"
    accounts.write_text(json.dumps(ACCOUNTS), encoding="utf-8")
    op_port, portal_port = _free_port(), _free_port()
    op_url, portal_url = f"http://127.0.0.1:{op_port}", f"http://127.0.0.1:{portal_port}"
    op = subprocess.Popen(["node", "op.mjs", str(op_port), f"{portal_url}/oidc/callback/",
                           str(accounts)], cwd=OP_DIR, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    portal: subprocess.Popen[bytes] | None = None
    try:
        _wait(f"{op_url}/.well-known/openid-configuration", op, "de OIDC-provider")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("KETENMONITOR_PORTAL_", "DJANGO_SETTINGS_MODULE"))}
        env.update(
            KETENMONITOR_PORTAL_ONTWIKKELING="1", KETENMONITOR_PORTAL_DATA_DIR=str(tmp / "data"),
            KETENMONITOR_PORTAL_STATISCH_COMPRIMEREN="0",
            KETENMONITOR_PORTAL_OIDC_CLIENT_ID="ketenmonitor",
            KETENMONITOR_PORTAL_OIDC_CLIENT_SECRET="test-geheim-voor-de-loopback-op",
            KETENMONITOR_PORTAL_OIDC_AUTHORIZATION_ENDPOINT=f"{op_url}/auth",
            KETENMONITOR_PORTAL_OIDC_TOKEN_ENDPOINT=f"{op_url}/token",
            KETENMONITOR_PORTAL_OIDC_USER_ENDPOINT=f"{op_url}/me",
            KETENMONITOR_PORTAL_OIDC_JWKS_ENDPOINT=f"{op_url}/jwks",
            KETENMONITOR_PORTAL_ROL_WAARDEN='{"km-raad": "raadslid"}',
        )
        pubs = tmp / "publicaties"
        pub_fixture.write(pubs)
        subprocess.run([sys.executable, "-c", SETUP, str(pubs)], env=env, check=True, timeout=300)
        portal = subprocess.Popen(
            [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", "serve",
             "--poort", str(portal_port), "--workers", "1", "--threads", "4"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        _wait(f"{portal_url}/gezondheid/", portal, "het portaal")
        yield portal_url
    finally:
        for process in (portal, op):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


@pytest.mark.parametrize("account", sorted(ACCOUNTS))
def test_login_through_the_provider_lands_on_the_right_scope(
    chromium_browser: Any, servers: str, account: str
) -> None:
    context = chromium_browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{servers}/regio/haaglanden/")
        assert "/inloggen/" in page.url
        page.click("text=Inloggen met uw organisatieaccount")
        assert not page.url.startswith(servers), page.url  # at the provider, not in a loop
        page.fill("input[name=login]", account)
        page.fill("input[name=password]", "elk-wachtwoord")
        page.click("button[type=submit]")
        page.click("button[type=submit]")  # the provider's consent page
        page.wait_for_url(f"{servers}/**")
        assert "/inloggen/" not in page.url and "/geen-rol/" not in page.url, page.url
        page.goto(f"{servers}/regio/haaglanden/")
        links = page.eval_on_selector_all(
            "a[href*='/gemeente/']", "els => els.map(e => e.getAttribute('href'))")
        assert {h.split("/gemeente/")[1].split("/")[0] for h in links} == ALLOWED[account]
        for code in ALL:
            response = page.goto(f"{servers}/regio/haaglanden/gemeente/{code}/")
            assert response is not None
            assert response.status == (200 if code in ALLOWED[account] else 403), code
        page.goto(f"{servers}/regio/haaglanden/")
        page.click("form.km-nav__logout button")
        page.goto(f"{servers}/regio/haaglanden/")
        assert "/inloggen/" in page.url  # logged out
    finally:
        context.close()
