# SPDX-License-Identifier: EUPL-1.2
"""Beheer of users: roles and scope; an action exports the selection for an access review."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from ketenmonitor.portal.accounts.export import role_rows, roles_csv
from ketenmonitor.portal.accounts.forms import GebruikerAdminForm
from ketenmonitor.portal.accounts.models import Gebruiker
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):  # type: ignore[type-arg]
    form = GebruikerAdminForm
    list_display = ("username", "first_name", "last_name", "rollen", "scope", "bron", "is_active")
    list_filter = ("bron", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (_("Rollen en gemeenten"), {"fields": ("rollen", "scope", "bron", "rollen_bijgewerkt")}),
    )
    readonly_fields = ("rollen_bijgewerkt", "last_login", "date_joined")
    actions = ("export_roles",)

    @admin.action(description=_("Rollenoverzicht (CSV) van de selectie"))
    def export_roles(self, request: HttpRequest, queryset: QuerySet[Gebruiker]) -> HttpResponse:
        rows = role_rows(queryset.order_by("username"))
        record(request, Actie.ROLLEN_EXPORT, f"rollen:{len(rows)}")
        response = HttpResponse("\ufeff" + roles_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rollen.csv"'
        return response
    # Additions, changes and deletions are audited by audit.admin_audit (every admin class).
