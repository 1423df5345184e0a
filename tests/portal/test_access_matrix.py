# SPDX-License-Identifier: EUPL-1.2
"""Role × gemeente matrix through the Django test client: exactly the allowed gemeenten appear
on pages, in charts and downloads; forbidden URLs give 403, unknown ones 404."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest

ALL = {"GM0518", "GM0503", "GM1842"}
NAMES = {"GM0518": "'s-Gravenhage", "GM0503": "Delft", "GM1842": "Midden-Delfland"}
CASES = [
    (["raadslid"], ["GM0503"], {"GM0503"}),
    (["beleidsadviseur"], ["GM0518"], {"GM0518"}),
    (["beleidsadviseur", "raadslid"], ["GM0518", "GM1842"], {"GM0518", "GM1842"}),
    (["programmamanager"], ["haaglanden"], ALL),
    (["beheerder"], [], ALL),
    (["raadslid"], ["hollands_midden"], set()),
]
IND = "meldingen_per_1000"


def _download_areas(client: Any) -> set[str]:
    response = client.get(f"/regio/haaglanden/indicator/{IND}/download.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return {row["gebied_code"] for row in csv.DictReader(io.StringIO(text), delimiter=";")}


@pytest.mark.parametrize(("roles", "scope", "allowed"), CASES)
def test_role_gemeente_matrix(
    client_for: Callable[..., Any], registered: list[Any], roles: list[str], scope: list[str],
    allowed: set[str],
) -> None:
    client = client_for(roles, scope)
    region = client.get("/regio/haaglanden/")
    if not allowed:
        assert region.status_code == 403
        for code in ALL:
            assert client.get(f"/regio/haaglanden/gemeente/{code}/").status_code == 403
        return
    assert region.status_code == 200
    page = region.content.decode()
    for code in ALL:
        link = f"/regio/haaglanden/gemeente/{code}/"
        assert (link in page) == (code in allowed), code
        expected = 200 if code in allowed else 403
        assert client.get(link).status_code == expected, code
        assert client.get(f"{link}indicator/{IND}/").status_code == expected
        chart = client.get(f"/regio/haaglanden/indicator/{IND}/grafiek/trend.svg?gemeente={code}")
        assert chart.status_code == expected
    assert _download_areas(client) == allowed | {"VR_HAAGLANDEN"}
    comparison = client.get(f"/regio/haaglanden/indicator/{IND}/").content.decode()
    for code, name in NAMES.items():
        assert (f"/gemeente/{code}/indicator/" in comparison) == (code in allowed)
        if code not in allowed:
            assert name not in page and name not in comparison


def test_unknown_things_are_404(client_for: Callable[..., Any], registered: list[Any]) -> None:
    client = client_for(["beheerder"], [])
    for url in ("/regio/onbekend/", "/regio/haaglanden/gemeente/GM9999/",
                "/regio/haaglanden/indicator/bestaat_niet/",
                "/regio/haaglanden/?publicatie=haaglanden-2025-12-31-v9",
                f"/regio/haaglanden/indicator/{IND}/grafiek/taart.svg",
                f"/regio/haaglanden/indicator/{IND}/download.pdf", "/publicaties/bestaat-niet/"):
        assert client.get(url).status_code == 404, url


def test_anonymous_users_are_sent_to_login(client: Any, registered: list[Any]) -> None:
    response = client.get("/regio/haaglanden/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert client.get("/toegankelijkheid/").status_code == 200


def test_user_without_role_sees_nothing(client_for: Callable[..., Any], registered: list[Any]) -> None:
    client = client_for([], ["GM0503"])
    assert client.get("/regio/haaglanden/").status_code == 403
    assert client.get("/", follow=True).redirect_chain[-1][0].endswith("/geen-rol/")


def test_only_beheerders_reach_beheer_and_role_review(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["programmamanager"], ["haaglanden"])
    assert client.get("/toegang/").status_code == 403
    assert client.get("/beheer/").status_code == 302  # Django admin sends non-staff to its login
    assert client.post("/publicaties/haaglanden-2025-12-31-v2/intrekken/").status_code == 403
    assert client.get("/regio/haaglanden/rapport/").status_code == 200
    raad = client_for(["raadslid"], ["GM0503"], name="raad")
    assert raad.get("/regio/haaglanden/rapport/").status_code == 403


def test_denials_are_in_the_audit_log(client_for: Callable[..., Any], registered: list[Any]) -> None:
    from ketenmonitor.portal.audit.models import AuditRegel

    client = client_for(["raadslid"], ["GM0503"], name="raad-delft")
    client.get("/regio/haaglanden/gemeente/GM0518/")
    denied = AuditRegel.objects.filter(actie="toegang_geweigerd", actor="raad-delft")
    assert [r.object for r in denied] == ["gemeente:haaglanden:GM0518"]
