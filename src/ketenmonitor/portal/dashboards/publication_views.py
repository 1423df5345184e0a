# SPDX-License-Identifier: EUPL-1.2
"""The list of publications with their metadata; beheerders can withdraw one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.loading import loaded
from ketenmonitor.portal.dashboards.models import Publicatie
from ketenmonitor.portal.dashboards.registry import withdraw_publication
from ketenmonitor.portal.dashboards.scope import access_of, deny
from ketenmonitor.reports.formatting import format_date, period_label


def _visible(request: HttpRequest) -> list[Publicatie]:
    access = access_of(request)
    rows = Publicatie.objects.all() if access.is_beheerder else Publicatie.objects.filter(actief=True)
    visible = []
    for pub in rows.order_by("regio", "-peildatum", "-geregistreerd_op"):
        if access.is_beheerder:
            visible.append(pub)
            continue
        try:
            codes = loaded(pub.pad, pub.metadata_sha256).gemeente_codes
        except KetenmonitorError:
            continue  # an unreadable publication is shown to beheerders only
        if access.sees_region(pub.regio, codes):
            visible.append(pub)
    return visible


@require_safe
def publication_list(request: HttpRequest) -> HttpResponse:
    record(request, Actie.PAGINA, "publicaties")
    return render(request, "dashboards/publicaties.html", {"publicaties": _visible(request)})


@require_safe
def publication_detail(request: HttpRequest, publicatie: str) -> HttpResponse:
    found = next((p for p in _visible(request) if p.publicatie_id == publicatie), None)
    if found is None:
        if Publicatie.objects.filter(publicatie_id=publicatie).exists():
            raise deny(request, f"publicatie:{publicatie}")
        raise Http404("publicatie")
    data = loaded(found.pad, found.metadata_sha256)
    meta = data.publication.metadata
    record(request, Actie.PAGINA, f"publicatie:{publicatie}")
    return render(request, "dashboards/publicatie.html", {
        "publicatie": found,
        "meta": meta,
        "peildatum": format_date(data.peildatum),
        "perioden": [period_label(p, p in data.publication.provisional_periods)
                     for p in data.publication.periods],
        "indicatoren": list(data.metas.values()),
    })


@require_POST
def publication_withdraw(request: HttpRequest, publicatie: str) -> HttpResponse:
    if not access_of(request).is_beheerder:
        raise deny(request, f"publicatie_intrekken:{publicatie}")
    if not Publicatie.objects.filter(publicatie_id=publicatie).exists():
        raise PermissionDenied
    withdraw_publication(publicatie, request.user.get_username(), request)
    messages.success(request, _("Publicatie {id} wordt niet meer getoond.").format(id=publicatie))
    return redirect("dashboards:publicaties")
