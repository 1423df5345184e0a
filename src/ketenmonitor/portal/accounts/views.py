# SPDX-License-Identifier: EUPL-1.2
"""Login (OIDC, or the local development login), logout and the access review page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe

from ketenmonitor.portal.accounts.export import role_rows, roles_csv
from ketenmonitor.portal.accounts.forms import DevelopmentLoginForm
from ketenmonitor.portal.accounts.roles import ROLE_DESCRIPTIONS, ROLE_LABELS, Rol
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.scope import access_of, deny


@login_not_required
@require_safe
def login_choice(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/inloggen.html", {
        "oidc": settings.CONFIG.oidc_enabled,
        "lokaal": settings.DEVELOPMENT,
        "volgende": request.GET.get("next", ""),
    })


@method_decorator(login_not_required, name="dispatch")
class DevelopmentLoginView(auth_views.LoginView):
    """Username and password; exists only in development mode, guarded by django-axes."""

    template_name = "accounts/inloggen_lokaal.html"
    authentication_form = DevelopmentLoginForm
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.DEVELOPMENT:
            raise Http404("lokaal inloggen")
        return super().dispatch(request, *args, **kwargs)


@require_safe
def no_role(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/geen_rol.html", status=403)


@require_safe
def access_review(request: HttpRequest) -> HttpResponse:
    if not access_of(request).is_beheerder:
        raise deny(request, "toegangsoverzicht")
    rows = role_rows()
    if request.GET.get("formaat") == "csv":
        record(request, Actie.ROLLEN_EXPORT, f"rollen:{len(rows)}")
        response = HttpResponse("\ufeff" + roles_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rollen.csv"'
        return response
    record(request, Actie.PAGINA, "toegangsoverzicht")
    return render(request, "accounts/toegang.html", {
        "rijen": rows,
        "rollen": [(ROLE_LABELS[r], ROLE_DESCRIPTIONS[r]) for r in Rol],
    })
