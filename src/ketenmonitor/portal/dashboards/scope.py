# SPDX-License-Identifier: EUPL-1.2
"""Which publication a request is about, and whether the user may see it.

Every dashboard view goes through :func:`region_publication` and :func:`gemeente_area`, so the
scope rules of :mod:`ketenmonitor.portal.accounts.roles` apply to pages, charts and downloads
alike. A refusal is written to the audit log and answered with 403; an unknown region, gemeente
or publication with 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.periods import Period
from ketenmonitor.portal.accounts.roles import Access
from ketenmonitor.portal.audit.models import Actie, Resultaat
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.loading import LoadedPublication, loaded
from ketenmonitor.portal.dashboards.models import Publicatie
from ketenmonitor.reports.data import Area


def access_of(request: HttpRequest) -> Access:
    user = request.user
    if not user.is_authenticated:
        return Access.of([], [])
    found: Access = user.access
    return found


def deny(request: HttpRequest, object: str) -> PermissionDenied:
    record(request, Actie.TOEGANG_GEWEIGERD, object, Resultaat.GEWEIGERD)
    return PermissionDenied(_("U heeft geen toegang tot deze pagina."))


def sorted_publications(region: str) -> list[Publicatie]:
    rows = list(Publicatie.objects.filter(regio=region, actief=True))
    return sorted(rows, key=lambda p: (p.peildatum, p.versie), reverse=True)


@dataclass(frozen=True)
class RegionContext:
    record: Publicatie
    pub: LoadedPublication
    choices: list[Publicatie]
    access: Access

    @property
    def region(self) -> str:
        return self.record.regio


def region_publication(request: HttpRequest, region: str) -> RegionContext:
    """The chosen (``?publicatie=``) or newest shown publication of ``region``, if allowed."""
    choices = sorted_publications(region)
    if not choices:
        raise Http404(_("Voor deze regio is geen publicatie beschikbaar."))
    wanted = request.GET.get("publicatie")
    chosen = next((p for p in choices if p.publicatie_id == wanted), None) if wanted else choices[0]
    if chosen is None:
        raise Http404(_("Deze publicatie bestaat niet of wordt niet meer getoond."))
    pub = loaded(chosen.pad, chosen.metadata_sha256)
    access = access_of(request)
    if not access.sees_region(region, pub.gemeente_codes):
        raise deny(request, f"regio:{region}")
    return RegionContext(chosen, pub, choices, access)


def gemeente_area(request: HttpRequest, ctx: RegionContext, code: str) -> Area:
    area = ctx.pub.gemeente(code.upper())
    if area is None:
        raise Http404(_("Deze gemeente staat niet in de publicatie."))
    if not ctx.access.sees_gemeente(ctx.region, area.code):
        raise deny(request, f"gemeente:{ctx.region}:{area.code}")
    return area


def visible_gemeenten(ctx: RegionContext) -> list[Area]:
    allowed = set(ctx.access.visible_gemeenten(ctx.region, ctx.pub.gemeente_codes))
    return [g for g in ctx.pub.gemeenten if g.code in allowed]


def chosen_period(request: HttpRequest, pub: LoadedPublication) -> str:
    """The period asked for (``?periode=``) when the publication has it, else the default year."""
    wanted = request.GET.get("periode", "")
    if wanted in pub.publication.periods:
        return wanted
    found = pub.default_period("jaar") or pub.default_period("halfjaar")
    if found is None:
        raise KetenmonitorError(
            "geen_perioden",
            _("De publicatie bevat geen perioden."),
            _("Registreer een publicatie met cijfers."),
        )
    return found


def period_kind(code: str) -> str:
    return "jaar" if Period.parse(code).is_year else "halfjaar"
