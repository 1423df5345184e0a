# SPDX-License-Identifier: EUPL-1.2
"""Local development accounts: refused outside development mode (production logs in via OIDC)."""

from __future__ import annotations

import secrets

from django.conf import settings

from ketenmonitor.core.errors import ConfigurationError, InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.portal.accounts.models import Bron, Gebruiker
from ketenmonitor.portal.accounts.roles import Access, parse_roles
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import SYSTEM, record


def create_local_user(
    username: str, roles: list[str], scope: list[str], password: str | None = None,
    full_name: str = "",
) -> tuple[Gebruiker, str]:
    """Create or update a local user; returns the user and the password that was set."""
    if not settings.DEVELOPMENT:
        raise ConfigurationError(
            "lokaal_account_productie",
            _("Lokale accounts bestaan alleen in de ontwikkelstand."),
            _("Geef gebruikers rollen via de identiteitsprovider (OIDC-claims), of zet "
              "KETENMONITOR_PORTAL_ONTWIKKELING=1 op een ontwikkelmachine."),
        )
    known = parse_roles(roles)
    if not known or len(known) != len({r.strip().lower() for r in roles}):
        raise InputRefused(
            "rol_onbekend",
            _("Onbekende of ontbrekende rol: {roles}.").format(roles=", ".join(roles) or "-"),
            _("Kies uit raadslid, beleidsadviseur, programmamanager en beheerder."),
        )
    access = Access.of(roles, scope)
    secret = password or secrets.token_urlsafe(12)
    user, _created = Gebruiker.objects.get_or_create(username=username)
    user.rollen = [r.value for r in known]
    user.scope = sorted(access.gemeenten) + sorted(access.regions)
    user.bron = Bron.LOKAAL
    user.first_name = full_name[:150]
    user.set_password(secret)
    user.save()
    record(None, Actie.GEBRUIKER, f"gebruiker:{username}:lokaal", actor=SYSTEM)
    return user, secret
