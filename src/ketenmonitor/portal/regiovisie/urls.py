# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.urls import path

from ketenmonitor.portal.regiovisie import views

app_name = "regiovisie"

urlpatterns = [
    path("regio/<slug:regio>/regiovisie/", views.overview, name="overzicht"),
    path("regio/<slug:regio>/regiovisie/licht/<str:periode>/<str:resultaat>/<int:index>/",
         views.edit_light, name="licht"),
    path("regio/<slug:regio>/regiovisie/yaml/", views.edit_yaml, name="yaml"),
    path("regio/<slug:regio>/regiovisie/import/", views.import_file, name="import"),
    path("regio/<slug:regio>/regiovisie/export.yaml", views.export_yaml, name="export"),
    path("regio/<slug:regio>/regiovisie/versies/", views.versions, name="versies"),
    path("regio/<slug:regio>/regiovisie/rapport.<str:formaat>", views.report, name="rapport"),
]
