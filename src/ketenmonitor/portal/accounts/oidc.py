# SPDX-License-Identifier: EUPL-1.2
"""The OIDC backend: users keyed by the token subject, roles and scope from the claims.

At every login the roles and scope are overwritten from the token, so withdrawing a role at the
identity provider takes effect at the next login. A token without any portal role is refused.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ketenmonitor.core.logging import get_logger
from ketenmonitor.portal.accounts.claims import ClaimNames, MappedClaims, map_claims
from ketenmonitor.portal.accounts.models import Bron, Gebruiker

log = get_logger(__name__)


def claim_names() -> ClaimNames:
    config = settings.CONFIG
    return ClaimNames(
        rollen=config.claim_rollen,
        gemeenten=config.claim_gemeenten,
        naam=config.claim_naam,
        email=config.claim_email,
    )


def mapped(claims: dict[str, Any]) -> MappedClaims:
    return map_claims(claims, claim_names(), settings.CONFIG.rol_waarden)


def username_for(subject: str) -> str:
    return f"oidc:{subject}"[:150]


def apply_claims(user: Gebruiker, claims: MappedClaims) -> Gebruiker:
    """Copy roles, scope, name and e-mail from the token onto the user and save."""
    user.rollen = [r.value for r in claims.rollen]
    user.scope = list(claims.scope)
    user.first_name = claims.naam[:150]
    user.email = claims.email[:254]
    user.bron = Bron.OIDC
    user.rollen_bijgewerkt = timezone.now()
    user.set_unusable_password()
    user.save()
    return user


class KetenmonitorOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The userinfo claims on top of the verified ID-token claims.

        Entra ID and ADFS put app roles and issued claims in the ID token only; their userinfo
        endpoint returns little more than ``sub``. Keycloak and most others return them in both.
        ``payload`` is the ID token after signature and nonce checks, so its claims are trusted.
        """
        userinfo = super().get_userinfo(access_token, id_token, payload)
        return {**payload, **(userinfo or {})}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        result = mapped(claims)
        if not result.subject or not result.rollen:
            log.warning("oidc_geen_rol", heeft_subject=bool(result.subject))
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        subject = str(claims.get("sub", ""))
        if not subject:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=username_for(subject))

    def create_user(self, claims: dict[str, Any]) -> Gebruiker:
        result = mapped(claims)
        user = Gebruiker(username=username_for(result.subject))
        return apply_claims(user, result)

    def update_user(self, user: Gebruiker, claims: dict[str, Any]) -> Gebruiker:
        return apply_claims(user, mapped(claims))
