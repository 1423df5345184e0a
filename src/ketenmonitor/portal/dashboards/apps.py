# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "ketenmonitor.portal.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards en publicaties")
    default_auto_field = "django.db.models.BigAutoField"
