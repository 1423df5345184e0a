# SPDX-License-Identifier: EUPL-1.2
"""Product errors inside a request become a Dutch error page, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)


class ProductErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, KetenmonitorError):
            return None
        log.warning("portaal_fout", code=exception.code, pad=request.path)
        return render(
            request,
            "fout.html",
            {"melding": exception.message, "oplossing": exception.hint},
            status=503,
        )
