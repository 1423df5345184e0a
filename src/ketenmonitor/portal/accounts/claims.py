# SPDX-License-Identifier: EUPL-1.2
"""Roles and scope from the claims of an OIDC token, with configurable claim names.

Identity providers differ: Keycloak nests roles (``realm_access.roles``), Entra ID uses
``roles``, others a space-separated string. Claim names are settings (a dot descends into a
nested claim); role values can be translated (``{"km-raad": "raadslid"}``). Unknown role values
are ignored, so a token can carry roles of other applications.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ketenmonitor.portal.accounts.roles import Rol, is_gemeente_code, parse_roles


@dataclass(frozen=True)
class ClaimNames:
    rollen: str = "roles"
    gemeenten: str = "gemeenten"
    naam: str = "name"
    email: str = "email"


@dataclass(frozen=True)
class MappedClaims:
    subject: str
    rollen: list[Rol]
    scope: list[str]
    naam: str
    email: str


def claim_value(claims: Mapping[str, Any], name: str) -> Any:
    """The value of a (dotted, nested) claim, or None."""
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def as_list(value: Any) -> list[str]:
    """A claim value as a list of strings: a list, or a string split on spaces and commas."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, list | tuple | set):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


def map_claims(
    claims: Mapping[str, Any], names: ClaimNames, role_values: Mapping[str, str] | None = None
) -> MappedClaims:
    """Map the claims of one token to roles and scope (no network, no database)."""
    translate = {k.lower(): v for k, v in (role_values or {}).items()}
    raw_roles = [translate.get(v.lower(), v) for v in as_list(claim_value(claims, names.rollen))]
    scope: list[str] = []
    for code in as_list(claim_value(claims, names.gemeenten)):
        normal = code.upper() if is_gemeente_code(code) else code.lower()
        if normal not in scope:
            scope.append(normal)
    return MappedClaims(
        subject=str(claims.get("sub", "")),
        rollen=parse_roles(raw_roles),
        scope=scope,
        naam=str(claim_value(claims, names.naam) or ""),
        email=str(claim_value(claims, names.email) or ""),
    )
