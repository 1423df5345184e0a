# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ketenmonitor.portal.audit"
    label = "audit"
    verbose_name = _("Auditlog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin

        from ketenmonitor.portal.audit import signals  # noqa: F401  (connects the receivers)
        from ketenmonitor.portal.audit.admin_audit import audit_every_admin

        # The admin app is listed first, so every admin module has been imported by now.
        audit_every_admin(admin.site)
