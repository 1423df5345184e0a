# SPDX-License-Identifier: EUPL-1.2
"""Pages outside the apps: the toegankelijkheidsverklaring, a health check and error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "toegankelijkheid.html", {
        "contact_email": settings.CONFIG.contact_email,
    })


@login_not_required
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers and the database is reachable."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "fout.html", {"titel": title, "melding": text}, status=status)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(request, 400, _("Ongeldig verzoek"), _("Het verzoek kon niet worden verwerkt."))


@login_not_required
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(request, 403, _("Geen toegang"),
                  _("U heeft geen toegang tot deze pagina. Neem contact op met de beheerder als "
                    "u denkt dat dit niet klopt."))


@login_not_required
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(request, 404, _("Pagina niet gevonden"),
                  _("Deze pagina bestaat niet (meer). Controleer het adres."))


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(request, 500, _("Er ging iets mis"),
                  _("Er ging iets mis in het portaal. De fout is vastgelegd; probeer het later "
                    "opnieuw."))
