# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from ketenmonitor.portal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_choice, name="inloggen"),
    path("inloggen/lokaal/", views.DevelopmentLoginView.as_view(), name="inloggen_lokaal"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="uitloggen"),
    path("geen-rol/", views.no_role, name="geen_rol"),
    path("toegang/", views.access_review, name="toegang"),
]
