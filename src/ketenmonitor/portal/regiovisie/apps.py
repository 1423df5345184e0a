# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegiovisieConfig(AppConfig):
    name = "ketenmonitor.portal.regiovisie"
    label = "regiovisie"
    verbose_name = _("Regiovisie")
    default_auto_field = "django.db.models.BigAutoField"
