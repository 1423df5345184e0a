# SPDX-License-Identifier: EUPL-1.2
"""The OIDC login views (mozilla-django-oidc), reachable without being logged in.

Django's ``LoginRequiredMiddleware`` sends every view that is not marked ``login_not_required``
to the login page. The OIDC views are how one logs in, so without the mark the login button sent
``/oidc/authenticate/`` and the IdP's return to ``/oidc/callback/`` back to ``/inloggen/``: a loop.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern


def oidc_urlpatterns() -> list[URLPattern]:
    """mozilla-django-oidc's URL patterns (authenticate, callback, logout), all login-exempt."""
    from mozilla_django_oidc import urls

    patterns: list[URLPattern] = list(urls.urlpatterns)
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns
