# SPDX-License-Identifier: EUPL-1.2
"""Roles and scope from fake OIDC token payloads: no network, no identity provider."""

from __future__ import annotations

from typing import Any

import pytest

from ketenmonitor.portal.accounts.claims import ClaimNames, map_claims
from ketenmonitor.portal.accounts.roles import Rol

OIDC = {
    "OIDC_RP_CLIENT_ID": "ketenmonitor",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.nl/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.nl/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example.nl/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.nl/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


def test_flat_claims_with_lists() -> None:
    mapped = map_claims(
        {"sub": "abc", "roles": ["beleidsadviseur", "andere-app-rol"], "gemeenten": ["gm0503"],
         "name": "Anna de Vries", "email": "anna@delft.example"},
        ClaimNames(),
    )
    assert mapped.rollen == [Rol.BELEIDSADVISEUR]
    assert mapped.scope == ["GM0503"]
    assert (mapped.subject, mapped.naam, mapped.email) == ("abc", "Anna de Vries",
                                                           "anna@delft.example")


def test_nested_claims_string_values_and_role_translation() -> None:
    payload = {
        "sub": "k-1",
        "realm_access": {"roles": ["km-raad", "offline_access"]},
        "org": {"scope": "GM0518 Haaglanden,GM0503"},
    }
    mapped = map_claims(
        payload,
        ClaimNames(rollen="realm_access.roles", gemeenten="org.scope"),
        {"KM-RAAD": "raadslid"},
    )
    assert mapped.rollen == [Rol.RAADSLID]
    assert mapped.scope == ["GM0518", "haaglanden", "GM0503"]


def test_missing_claims_give_no_roles() -> None:
    mapped = map_claims({"sub": "x"}, ClaimNames(rollen="groups"))
    assert mapped.rollen == [] and mapped.scope == []


@pytest.fixture()
def backend(settings: Any) -> Any:
    for key, value in OIDC.items():
        setattr(settings, key, value)
    from ketenmonitor.portal.accounts.oidc import KetenmonitorOIDCBackend

    return KetenmonitorOIDCBackend()


def test_backend_creates_and_updates_users_from_claims(backend: Any, db: Any) -> None:
    claims = {"sub": "idp-42", "roles": ["beheerder"], "gemeenten": ["haaglanden"],
              "name": "Bea Beheer", "email": "bea@example.nl"}
    assert backend.verify_claims(claims)
    user = backend.create_user(claims)
    assert user.username == "oidc:idp-42" and user.bron == "oidc"
    assert user.rollen == ["beheerder"] and user.scope == ["haaglanden"]
    assert user.is_staff and not user.has_usable_password()
    assert list(backend.filter_users_by_claims(claims)) == [user]
    # The role is withdrawn at the identity provider: the next login takes it away.
    updated = backend.update_user(user, {**claims, "roles": ["raadslid"], "gemeenten": ["GM0503"]})
    assert updated.rollen == ["raadslid"] and updated.scope == ["GM0503"]
    assert not updated.is_staff


def test_backend_refuses_a_token_without_portal_role(backend: Any) -> None:
    assert not backend.verify_claims({"sub": "idp-43", "roles": ["andere-app"]})
    assert not backend.verify_claims({"roles": ["beheerder"]})


def test_oidc_views_are_not_behind_the_login_page(
    client: Any, settings: Any, db: Any
) -> None:
    """The login button must reach the IdP, and the IdP's return the callback: no loop back to
    /inloggen/ (the login-required middleware once wrapped these views too)."""
    for key, value in OIDC.items():
        setattr(settings, key, value)
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.nl/authorize"
    import importlib.util
    import sys

    from ketenmonitor.portal import urls

    # the portal's own URL configuration, loaded again as it is with OIDC switched on
    settings.CONFIG = settings.CONFIG.model_copy(update={"oidc_client_id": "ketenmonitor"})
    spec = importlib.util.spec_from_file_location("testsupport_oidc_urls", urls.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["testsupport_oidc_urls"] = module
    settings.ROOT_URLCONF = "testsupport_oidc_urls"
    try:
        start = client.get("/oidc/authenticate/")
        assert start.status_code == 302
        assert start["Location"].startswith("https://idp.example.nl/authorize?")
        # the callback view itself runs (and refuses an unknown state: 400) instead of a redirect
        assert client.get("/oidc/callback/?code=x&state=onbekend").status_code == 400
    finally:
        del sys.modules["testsupport_oidc_urls"]


def test_roles_only_in_the_id_token_are_used(backend: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entra ID and ADFS: app roles in the ID token, a userinfo with hardly more than ``sub``."""
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    monkeypatch.setattr(OIDCAuthenticationBackend, "get_userinfo",
                        lambda self, a, i, p: {"sub": "entra-1", "email": "a@example.nl"})
    payload = {"sub": "entra-1", "roles": ["raadslid"], "gemeenten": "GM0503", "nonce": "n"}
    claims = backend.get_userinfo("access", "id", payload)
    assert claims["roles"] == ["raadslid"] and claims["email"] == "a@example.nl"
    assert backend.verify_claims(claims)
