# SPDX-License-Identifier: EUPL-1.2
"""Toelichtingen: a beleidsadviseur explains a figure of the own gemeente (htmx inline form).

Without JavaScript the form posts and redirects back; with htmx only the list of
toelichtingen is replaced. Every change is written to the audit log (identifiers only).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ketenmonitor.portal.accounts.models import display_name
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.figures import period_choice_label
from ketenmonitor.portal.dashboards.forms import ToelichtingForm
from ketenmonitor.portal.dashboards.models import Toelichting
from ketenmonitor.portal.dashboards.scope import (
    RegionContext,
    deny,
    gemeente_area,
    region_publication,
)


def _periods(ctx: RegionContext) -> list[tuple[str, str]]:
    pub = ctx.pub
    return [(c, period_choice_label(pub, c)) for c in reversed(pub.publication.periods)]


@require_http_methods(["GET", "POST"])
def explain(request: HttpRequest, regio: str, gemeente: str, indicator: str) -> HttpResponse:
    ctx = region_publication(request, regio)
    area = gemeente_area(request, ctx, gemeente)
    if indicator not in ctx.pub.metas:
        raise deny(request, f"toelichting:{regio}:{area.code}:{indicator}")
    if not ctx.access.may_explain(area.code):
        raise deny(request, f"toelichting:{regio}:{area.code}:{indicator}")
    form = ToelichtingForm(request.POST or None, periods=_periods(ctx),
                           initial={"periode": request.GET.get("periode")})
    detail = reverse("dashboards:gemeente_indicator", args=[regio, area.code, indicator])
    if request.method == "POST" and form.is_valid():
        note: Toelichting = form.save(commit=False)
        note.regio, note.gemeente, note.indicator = regio, area.code, indicator
        note.auteur = request.user  # type: ignore[assignment]
        note.auteur_naam = display_name(request.user)
        note.publicatie_id = ctx.record.publicatie_id
        note.save()
        record(request, Actie.WIJZIGING,
               f"toelichting:{note.pk}:toegevoegd:{regio}:{area.code}:{indicator}:{note.periode}")
        if request.htmx:  # type: ignore[attr-defined]
            return render(request, "dashboards/_toelichtingen.html", {
                "toelichtingen": Toelichting.objects.filter(
                    regio=regio, gemeente=area.code, indicator=indicator
                ).order_by("-periode", "aangemaakt"),
                "bevestiging": True, "mag_toelichten": True, "regio": regio, "gebied": area,
                "meta": ctx.pub.metas[indicator], "ctx": ctx, "perioden": _periods(ctx),
                "periode": note.periode,
            })
        return redirect(f"{detail}?publicatie={ctx.record.publicatie_id}#toelichtingen")
    return render(request, "dashboards/toelichting_form.html", {
        "form": form, "gebied": area, "meta": ctx.pub.metas[indicator], "regio": regio,
        "terug": f"{detail}?publicatie={ctx.record.publicatie_id}",
    }, status=400 if request.method == "POST" else 200)


@require_POST
def remove_explanation(request: HttpRequest, regio: str, pk: int) -> HttpResponse:
    note = get_object_or_404(Toelichting, pk=pk, regio=regio)
    ctx = region_publication(request, regio)
    if note.auteur_id != request.user.pk or not ctx.access.may_explain(note.gemeente):
        raise deny(request, f"toelichting:{pk}:verwijderen")
    note.delete()
    record(request, Actie.WIJZIGING, f"toelichting:{pk}:verwijderd:{regio}:{note.gemeente}")
    return redirect(reverse("dashboards:gemeente_indicator",
                            args=[regio, note.gemeente, note.indicator]) + "#toelichtingen")
