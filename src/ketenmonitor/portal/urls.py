# SPDX-License-Identifier: EUPL-1.2
"""URLs of the portal. Django's admin lives under /beheer/ (beheerders only)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ketenmonitor.portal import pages

admin.site.site_header = "Ketenmonitor — beheer"
admin.site.site_title = "Ketenmonitor"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", include("ketenmonitor.portal.dashboards.urls")),
    path("", include("ketenmonitor.portal.accounts.urls")),
    path("", include("ketenmonitor.portal.regiovisie.urls")),
    path("toegankelijkheid/", pages.accessibility, name="toegankelijkheid"),
    path("gezondheid/", pages.health, name="gezondheid"),
    path("beheer/", admin.site.urls),
]
if settings.CONFIG.oidc_enabled:
    from ketenmonitor.portal.accounts.oidc_urls import oidc_urlpatterns

    urlpatterns.append(path("oidc/", include(oidc_urlpatterns())))

handler400 = "ketenmonitor.portal.pages.bad_request"
handler403 = "ketenmonitor.portal.pages.forbidden"
handler404 = "ketenmonitor.portal.pages.not_found"
handler500 = "ketenmonitor.portal.pages.server_error"
