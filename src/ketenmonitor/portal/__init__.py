# SPDX-License-Identifier: EUPL-1.2
"""The Ketenmonitor portal (Django): dashboards from publications, regiovisie, accounts, audit.

The portal reads publications only (through :mod:`ketenmonitor.publish`) and never imports the
ingest, linkage or derive stages; ``tests/portal/test_architecture.py`` enforces that.
"""

from __future__ import annotations

SETTINGS_MODULE = "ketenmonitor.portal.settings"


def setup() -> None:
    """Configure Django with the portal settings (idempotent)."""
    import os

    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if not apps.ready:
        django.setup()
