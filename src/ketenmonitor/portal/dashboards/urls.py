# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.urls import path

from ketenmonitor.portal.dashboards import (
    download_views,
    explanation_views,
    publication_views,
    views,
)

app_name = "dashboards"

urlpatterns = [
    path("", views.start, name="start"),
    path("publicaties/", publication_views.publication_list, name="publicaties"),
    path("publicaties/<str:publicatie>/", publication_views.publication_detail, name="publicatie"),
    path("publicaties/<str:publicatie>/intrekken/", publication_views.publication_withdraw,
         name="publicatie_intrekken"),
    path("regio/<slug:regio>/", views.region_overview, name="regio"),
    path("regio/<slug:regio>/rapport/", download_views.monitor_report, name="rapport"),
    path("regio/<slug:regio>/indicator/<slug:indicator>/", views.indicator_detail,
         name="indicator"),
    path("regio/<slug:regio>/indicator/<slug:indicator>/grafiek/<slug:soort>.svg", views.chart,
         name="grafiek"),
    path("regio/<slug:regio>/indicator/<slug:indicator>/download.<str:formaat>",
         download_views.indicator_download, name="download"),
    path("regio/<slug:regio>/gemeente/<str:gemeente>/", views.gemeente_dashboard,
         name="gemeente"),
    path("regio/<slug:regio>/gemeente/<str:gemeente>/indicator/<slug:indicator>/",
         views.indicator_detail, name="gemeente_indicator"),
    path("regio/<slug:regio>/gemeente/<str:gemeente>/indicator/<slug:indicator>/toelichting/",
         explanation_views.explain, name="toelichting"),
    path("regio/<slug:regio>/toelichting/<int:pk>/verwijderen/",
         explanation_views.remove_explanation, name="toelichting_verwijderen"),
]
