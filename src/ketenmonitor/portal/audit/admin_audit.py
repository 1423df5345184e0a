# SPDX-License-Identifier: EUPL-1.2
"""Every change made in the beheer pages (/beheer/) goes into the audit log.

Django's admin writes its own ``LogEntry`` for each addition, change and deletion, but that table
is an ordinary one an administrator can edit. :class:`AuditedAdmin` hooks the same three
moments and appends an audit entry (model, object id, what happened, names of the changed
fields — never their values). :func:`audit_every_admin` gives every registered admin class this
behaviour, also those of other packages (groups, django-axes), so no model is missed.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record


def _fields(message: Any) -> str:
    """Names of the changed fields from the admin's change message (a list or its JSON)."""
    if isinstance(message, str):
        try:
            message = json.loads(message) if message else []
        except ValueError:
            return ""
    names: list[str] = []
    for part in message if isinstance(message, list) else []:
        for detail in part.values() if isinstance(part, dict) else []:
            if isinstance(detail, dict):
                names.extend(str(f) for f in detail.get("fields", []))
    return ",".join(names)


def record_admin_change(request: HttpRequest, obj: Any, what: str, message: Any = "") -> None:
    label = obj._meta.label_lower
    actie = Actie.GEBRUIKER if label == "accounts.gebruiker" else Actie.WIJZIGING
    fields = _fields(message)
    record(request, actie, f"beheer:{label}:{obj.pk}:{what}" + (f":{fields}" if fields else ""))


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Mix-in for admin classes: additions, changes and deletions are audited."""

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        record_admin_change(request, obj, "toegevoegd", message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)
        record_admin_change(request, obj, "gewijzigd", message)
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        objects: list[Any] = list(queryset)  # a queryset, or a list from the delete view
        entries = super().log_deletions(request, queryset)
        for obj in objects:
            record_admin_change(request, obj, "verwijderd")
        return entries


def audit_every_admin(site: admin.AdminSite) -> None:
    """Give each registered admin the audit hooks (a subclass with :class:`AuditedAdmin` first)."""
    for model_admin in site._registry.values():
        cls = type(model_admin)
        if not isinstance(model_admin, AuditedAdmin):
            model_admin.__class__ = type(cls.__name__, (AuditedAdmin, cls), {
                "__module__": cls.__module__, "__doc__": cls.__doc__})
