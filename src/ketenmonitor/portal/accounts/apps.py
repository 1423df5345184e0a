# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ketenmonitor.portal.accounts"
    label = "accounts"
    verbose_name = _("Gebruikers en rollen")
    default_auto_field = "django.db.models.BigAutoField"
