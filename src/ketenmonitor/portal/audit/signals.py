# SPDX-License-Identifier: EUPL-1.2
"""Logins, failed logins and logouts go into the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ketenmonitor.portal.audit.models import Actie, Resultaat
from ketenmonitor.portal.audit.record import record


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(request, Actie.INLOGGEN, "sessie", actor=str(user.get_username()))


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    name = str(user.get_username()) if user is not None else "anoniem"
    record(request, Actie.UITLOGGEN, "sessie", actor=name)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django masks secrets in ``credentials``; only the user name is kept.
    name = str(credentials.get("username") or "onbekend")
    record(request, Actie.INLOGGEN_MISLUKT, "sessie", Resultaat.MISLUKT, actor=name)
