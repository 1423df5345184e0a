# SPDX-License-Identifier: EUPL-1.2
"""Recording an event from a request: who, from where, what, with which result.

Only the user name, the IP address and the object's identifier (a page, publication or figure
identifier) are stored: never client data, query contents, tokens or passwords.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from ketenmonitor.core.logging import get_logger
from ketenmonitor.portal.audit.chain import append
from ketenmonitor.portal.audit.models import AuditRegel, Resultaat

log = get_logger(__name__)
SYSTEM = "systeem"


def origin(request: HttpRequest | None) -> str:
    """The client's IP address (from the configured proxy header when set)."""
    if request is None:
        return "lokaal"
    header = getattr(settings, "CONFIG", None) and settings.CONFIG.proxy_ip_header
    if header:
        forwarded = request.META.get(header, "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()[:64]
    return str(request.META.get("REMOTE_ADDR", "onbekend"))[:64]


def actor_of(request: HttpRequest | None, fallback: str = SYSTEM) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.get_username())
    return "anoniem" if request is not None else fallback


def record(
    request: HttpRequest | None,
    actie: str,
    object: str,
    resultaat: str = Resultaat.GELUKT,
    actor: str | None = None,
) -> AuditRegel:
    entry = append(actor or actor_of(request), actie, object, resultaat, origin(request))
    log.info("audit", volgnummer=entry.volgnummer, actie=actie, resultaat=resultaat)
    return entry
