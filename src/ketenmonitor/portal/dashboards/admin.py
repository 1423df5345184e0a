# SPDX-License-Identifier: EUPL-1.2
"""Publications and toelichtingen in the beheer pages; publications are withdrawn, not deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketenmonitor.portal.accounts.models import display_name
from ketenmonitor.portal.dashboards.loading import resolve_stored
from ketenmonitor.portal.dashboards.models import Publicatie, Toelichting
from ketenmonitor.portal.dashboards.registry import register_publication, withdraw_publication


@admin.register(Publicatie)
class PublicatieAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("publicatie_id", "regio_naam", "peildatum", "formaat", "actief",
                    "geregistreerd_op", "geregistreerd_door")
    list_filter = ("regio", "actief")
    readonly_fields = tuple(f.name for f in Publicatie._meta.fields)
    actions = ("withdraw", "show_again")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registration validates the folder: 'ketenmonitor portal registreer'

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Niet meer tonen (intrekken)"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Publicatie]) -> None:
        for pub in queryset:
            withdraw_publication(pub.publicatie_id, request.user.get_username(), request)
        messages.success(request, _("Publicaties ingetrokken."))

    @admin.action(description=_("Opnieuw controleren en tonen"))
    def show_again(self, request: HttpRequest, queryset: QuerySet[Publicatie]) -> None:
        for pub in queryset:
            register_publication(resolve_stored(pub.pad), request.user.get_username(), request)
        messages.success(request, _("Publicaties gecontroleerd en getoond."))


@admin.register(Toelichting)
class ToelichtingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("gemeente", "indicator", "periode", "auteur_naam", "aangemaakt",
                    "gewijzigd_door_naam")
    list_filter = ("regio", "gemeente", "indicator")
    readonly_fields = ("auteur", "auteur_naam", "publicatie_id", "aangemaakt", "gewijzigd",
                       "gewijzigd_door_naam")

    def save_model(self, request: HttpRequest, obj: Toelichting, form: Any, change: bool) -> None:
        """A new toelichting is written by the beheerder at the region's current publication;
        a changed one names the beheerder, so the page never shows new text under the old name."""
        if change:
            obj.gewijzigd_door_naam = display_name(request.user)
        else:
            obj.auteur = request.user  # type: ignore[assignment]
            obj.auteur_naam = display_name(request.user)
            current = (Publicatie.objects.filter(regio=obj.regio, actief=True)
                       .order_by("-peildatum", "-publicatie_id").first())
            obj.publicatie_id = current.publicatie_id if current else ""
        super().save_model(request, obj, form, change)
