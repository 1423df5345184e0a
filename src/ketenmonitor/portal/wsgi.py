# SPDX-License-Identifier: EUPL-1.2
"""WSGI entry point for the production server (``ketenmonitor serve`` runs it with Granian).

Each worker reads the shown publications before it takes requests, so no visitor waits for a
publication to be read and validated.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from ketenmonitor.portal.process import die_with_parent

die_with_parent()  # a worker must not outlive the server's main process (kill -9)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenmonitor.portal.settings")

application = get_wsgi_application()


def _warm() -> None:
    from ketenmonitor.core.errors import KetenmonitorError
    from ketenmonitor.core.logging import get_logger
    from ketenmonitor.portal.dashboards.loading import warm
    from ketenmonitor.portal.dashboards.models import Publicatie

    newest: dict[str, tuple[str, str]] = {}
    for pub in Publicatie.objects.filter(actief=True).order_by("peildatum", "geregistreerd_op"):
        newest[pub.regio] = (pub.pad, pub.metadata_sha256)
    try:
        warm(list(newest.values()))
    except KetenmonitorError as error:  # shown as a Dutch error page when visited
        get_logger(__name__).warning("publicatie_niet_voorgeladen", code=error.code)


_warm()
