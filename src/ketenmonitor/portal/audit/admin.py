# SPDX-License-Identifier: EUPL-1.2
"""The audit log in the beheer pages: read only, with filters; nothing can be added or changed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ketenmonitor.portal.audit.models import AuditRegel


@admin.register(AuditRegel)
class AuditRegelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("volgnummer", "tijdstip", "actor", "actie", "object", "resultaat", "herkomst")
    list_filter = ("actie", "resultaat")
    search_fields = ("actor", "object")
    ordering = ("-volgnummer",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
