# SPDX-License-Identifier: EUPL-1.2
"""A minimal WSGI application that, like ``ketenmonitor.portal.wsgi``, asks to die with the
server's main process; it lets the kill test start Granian in a second instead of Django."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ketenmonitor.portal.process import die_with_parent

die_with_parent()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
