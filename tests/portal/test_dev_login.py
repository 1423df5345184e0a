# SPDX-License-Identifier: EUPL-1.2
"""The local development login works, is audited, and locks out after five failures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ketenmonitor.portal.audit.models import AuditRegel

PASSWORD = "een-lang-testwachtwoord"


def test_login_and_logout_are_audited(client: Any, make_user: Callable[..., Any],
                                      registered: list[Any]) -> None:
    make_user("raad", ["raadslid"], ["GM0503"])
    response = client.post("/inloggen/lokaal/", {"username": "raad", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    assert client.get("/regio/haaglanden/").status_code == 200
    client.post("/uitloggen/")
    assert client.get("/regio/haaglanden/").status_code == 302
    actions = list(AuditRegel.objects.filter(actor="raad").values_list("actie", "herkomst"))
    assert actions[0] == ("inloggen", "10.0.0.7") and actions[-1][0] == "uitloggen"


def test_five_failures_lock_the_account_out(client: Any, make_user: Callable[..., Any]) -> None:
    make_user("doelwit", ["beheerder"], [])
    for _attempt in range(5):
        response = client.post("/inloggen/lokaal/", {"username": "doelwit", "password": "fout"})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    blocked = client.post("/inloggen/lokaal/", {"username": "doelwit", "password": PASSWORD})
    assert blocked.status_code == 429  # even the right password is refused while locked
    failed = AuditRegel.objects.filter(actie="inloggen_mislukt", actor="doelwit").count()
    assert failed >= 5


def test_login_page_offers_only_configured_methods(client: Any, db: Any) -> None:
    body = client.get("/inloggen/").content.decode()
    assert "/inloggen/lokaal/" in body and "organisatieaccount" not in body
