# SPDX-License-Identifier: EUPL-1.2
"""Template context for every page: theme, organisation, navigation rights."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    config = settings.CONFIG
    user = getattr(request, "user", None)
    access = user.access if user is not None and user.is_authenticated else None
    return {
        "thema_klasse": config.thema_klasse,
        "thema_css": f"thema/{config.thema_css.name}" if config.thema_css else None,
        "organisatie": config.organisatie,
        "ontwikkeling": settings.DEVELOPMENT,
        "toegang": access,
        "is_beheerder": bool(access and access.is_beheerder),
    }
