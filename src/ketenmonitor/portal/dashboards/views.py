# SPDX-License-Identifier: EUPL-1.2
"""Dashboard pages: start, region overview, gemeente dashboard and indicator detail.

Each page view is written to the audit log (who saw which dashboard), chart images are not:
they belong to a page that is already logged.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from ketenmonitor.cbs.provenance import nederland_label, synthetic_note
from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards import charts
from ketenmonitor.portal.dashboards.figures import (
    Figure,
    breakdowns,
    figure_row,
    gemeente_comparison,
    period_choice_label,
    theme_rows,
    trend_rows,
)
from ketenmonitor.portal.dashboards.loading import loaded
from ketenmonitor.portal.dashboards.models import Publicatie, Toelichting
from ketenmonitor.portal.dashboards.scope import (
    RegionContext,
    access_of,
    chosen_period,
    gemeente_area,
    period_kind,
    region_publication,
    visible_gemeenten,
)
from ketenmonitor.portal.regiovisie.models import RegiovisieVersie
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.formatting import format_date, sources_text, unit_label
from ketenmonitor.reports.trend import ALL_LIGHTS, richting_label


def _query(ctx: RegionContext, periode: str, **extra: str) -> str:
    params = {"publicatie": ctx.record.publicatie_id, "periode": periode, **extra}
    return "?" + urlencode(params)


def _base(ctx: RegionContext, periode: str) -> dict[str, Any]:
    pub = ctx.pub
    return {
        "ctx": ctx,
        "pub": pub,
        "regio": ctx.region,
        "regio_area": pub.region,
        "periode": periode,
        "periode_label": period_choice_label(pub, periode),
        "perioden": [(c, period_choice_label(pub, c)) for c in
                     reversed(pub.periods("jaar") + pub.periods("halfjaar"))],
        "publicaties": ctx.choices,
        "query": _query(ctx, periode),
        "peildatum": format_date(pub.peildatum),
        "heeft_nederland": pub.has_national,
        "nederland_kop": nederland_label(bool(pub.synthetic_cbs)),
        "synthetisch_cbs": synthetic_note(pub.synthetic_cbs) if pub.synthetic_cbs else "",
        "gemeenten": visible_gemeenten(ctx),
        "rapport_toegestaan": ctx.access.may_download_report(ctx.region),
        "heeft_regiovisie": RegiovisieVersie.objects.filter(regio=ctx.region).exists(),
        "lichten": ALL_LIGHTS,
    }


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """The regions this user may see; straight to the region when there is one."""
    access = access_of(request)
    regions: list[tuple[Publicatie, list[Area]]] = []
    unreadable: list[tuple[Publicatie, str]] = []
    seen: set[str] = set()
    for pub in Publicatie.objects.filter(actief=True).order_by("regio", "-peildatum"):
        if pub.regio in seen:
            continue
        seen.add(pub.regio)
        try:
            data = loaded(pub.pad, pub.metadata_sha256)
        except KetenmonitorError as error:  # one unreadable publication must not hide the rest
            unreadable.append((pub, error.message))
            continue
        if access.sees_region(pub.regio, data.gemeente_codes):
            allowed = set(access.visible_gemeenten(pub.regio, data.gemeente_codes))
            regions.append((pub, [g for g in data.gemeenten if g.code in allowed]))
    if not access.has_role:
        return redirect("accounts:geen_rol")
    record(request, Actie.PAGINA, "start")
    if len(regions) == 1 and not request.GET.get("overzicht"):
        return redirect("dashboards:regio", regio=regions[0][0].regio)
    return render(request, "dashboards/start.html", {
        "regio_lijst": regions, "onleesbaar": unreadable if access.is_beheerder else []})


def _key(*parts: object) -> str:
    """A short cache key for template fragments that depend on a user's scope or notes."""
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


@require_safe
def region_overview(request: HttpRequest, regio: str) -> HttpResponse:
    ctx = region_publication(request, regio)
    periode = chosen_period(request, ctx.pub)
    gemeenten = visible_gemeenten(ctx)
    rates = [m for m in ctx.pub.metas.values() if "per_" in m.eenheid][:4]

    def gemeente_table() -> list[tuple[Area, list[Figure]]]:
        totals = [ctx.pub.table(m.id).totals(periode) for m in rates]
        return [(g, [Figure.of(t.get(g.code)) for t in totals]) for g in gemeenten]

    record(request, Actie.PAGINA, f"regio:{regio}:{ctx.record.publicatie_id}:{periode}")
    # Callables: the template computes them only when its fragment cache has no copy.
    return render(request, "dashboards/regio.html", {
        **_base(ctx, periode),
        "themas": partial(theme_rows, ctx.pub, ctx.pub.region, periode),
        "kolommen": [(m, unit_label(m.eenheid)) for m in rates],
        "gemeente_tabel": gemeente_table if gemeenten else [],
        "cache_sleutel": _key(*(g.code for g in gemeenten)),
    })


@require_safe
def gemeente_dashboard(request: HttpRequest, regio: str, gemeente: str) -> HttpResponse:
    ctx = region_publication(request, regio)
    area = gemeente_area(request, ctx, gemeente)
    periode = chosen_period(request, ctx.pub)
    notes = Toelichting.objects.filter(regio=regio, gemeente=area.code, periode=periode)
    by_indicator: dict[str, list[Toelichting]] = {}
    for note in notes:
        by_indicator.setdefault(note.indicator, []).append(note)
    record(request, Actie.PAGINA,
           f"gemeente:{regio}:{area.code}:{ctx.record.publicatie_id}:{periode}")
    return render(request, "dashboards/gemeente.html", {
        **_base(ctx, periode),
        "gemeente": area,
        "themas": partial(theme_rows, ctx.pub, area, periode),
        "toelichtingen": by_indicator,
        "mag_toelichten": ctx.access.may_explain(area.code),
        "cache_sleutel": _key(area.code, *sorted(n.pk for n in notes)),
    })


def _indicator(ctx: RegionContext, indicator: str) -> Any:
    meta = ctx.pub.metas.get(indicator)
    if meta is None:
        raise Http404("indicator")
    return meta


@require_safe
def indicator_detail(
    request: HttpRequest, regio: str, indicator: str, gemeente: str | None = None
) -> HttpResponse:
    ctx = region_publication(request, regio)
    area = gemeente_area(request, ctx, gemeente) if gemeente else ctx.pub.region
    meta = _indicator(ctx, indicator)
    periode = chosen_period(request, ctx.pub)
    kind = period_kind(periode)
    table = ctx.pub.table(meta.id)
    gemeenten = visible_gemeenten(ctx)
    notes = (Toelichting.objects.filter(regio=regio, gemeente=area.code, indicator=meta.id)
             .order_by("-periode", "aangemaakt") if area.niveau == "gemeente" else [])
    extra = {"gemeente": area.code} if area.niveau == "gemeente" else {}
    record(request, Actie.PAGINA,
           f"indicator:{regio}:{area.code}:{meta.id}:{ctx.record.publicatie_id}:{periode}")
    return render(request, "dashboards/indicator.html", {
        **_base(ctx, periode),
        "gebied": area,
        "meta": meta,
        "eenheid": unit_label(meta.eenheid),
        "richting": richting_label(meta.richting),
        "bronnen": sources_text(list(meta.bronnen)),
        "soort": kind,
        "trend": trend_rows(ctx.pub, meta, area, kind),
        "verdelingen": breakdowns(ctx.pub, meta, area, periode),
        "vergelijking": (gemeente_comparison(ctx.pub, table, gemeenten, periode)
                         if area.niveau == "regio" and not table.is_distribution() else []),
        "regio_cel": figure_row(ctx.pub, meta, ctx.pub.region, periode).own,
        "toelichtingen": notes,
        "mag_toelichten": area.niveau == "gemeente" and ctx.access.may_explain(area.code),
        "grafiek_query": _query(ctx, periode, **extra),
        "voorlopig": ctx.pub.publication.provisional_periods,
    })


@require_safe
def chart(request: HttpRequest, regio: str, indicator: str, soort: str) -> HttpResponse:
    ctx = region_publication(request, regio)
    code = request.GET.get("gemeente")
    area = gemeente_area(request, ctx, code) if code else ctx.pub.region
    meta = _indicator(ctx, indicator)
    periode = chosen_period(request, ctx.pub)
    if soort == "trend":
        svg = charts.trend_svg(ctx.pub, meta, area, period_kind(periode))
    elif soort == "gemeenten" and area.niveau == "regio":
        svg = charts.comparison_svg(ctx.pub, meta, visible_gemeenten(ctx), periode)
    elif soort.startswith("verdeling-") and soort[10:] in ctx.pub.table(meta.id).dimensions():
        svg = charts.breakdown_svg(ctx.pub, meta, area, soort[10:], periode)
    else:
        raise Http404("grafiek")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=3600"
    return response
