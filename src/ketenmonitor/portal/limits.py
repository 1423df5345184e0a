# SPDX-License-Identifier: EUPL-1.2
"""Bounds on every request: body size (HTTP 413 before the body is read) and running time.

Size: Django limits form fields in memory (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams file
uploads of any size to disk. :class:`RequestLimitsMiddleware` refuses a request whose declared
``Content-Length`` exceeds ``MAX_REQUEST_BYTES`` before anything reads the body; a body without
``Content-Length`` is read by Django as empty, so it cannot get around the check.

Time: Granian has no per-request timeout for WSGI. A watchdog thread per worker process raises
:class:`RequestTimeout` in a request thread that runs longer than ``REQUEST_TIME_LIMIT`` seconds
(``PyThreadState_SetAsyncExc``, delivered at the next Python instruction), which becomes a Dutch
503 page. A thread stuck in C code that does not return within three times the limit ends the
worker process; ``ketenmonitor serve`` has Granian start a new one.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)
HARD_FACTOR = 3


class RequestTimeout(KetenmonitorError):
    """Raised inside a request thread by the watchdog (as a class, so without arguments);
    the product error middleware shows it as a Dutch error page (503)."""

    def __init__(self) -> None:
        limit = int(getattr(settings, "REQUEST_TIME_LIMIT", 0))
        super().__init__(
            "verzoek_te_lang",
            _("Het verzoek duurde langer dan {n} seconden en is afgebroken.").format(n=limit),
            _("Probeer het opnieuw; blijft dit gebeuren, meld het dan bij de beheerder."),
        )


@dataclass
class _Running:
    started: float
    path: str
    fired: bool = False


_LOCK = threading.Lock()
_RUNNING: dict[int, _Running] = {}
_WATCHDOG: list[threading.Thread] = []


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(ident), ctypes.py_object(exception) if exception else None)


def check_once(limit: float, now: float | None = None) -> None:
    """Interrupt requests over ``limit`` seconds; end the process for one stuck far beyond."""
    now = time.monotonic() if now is None else now
    with _LOCK:
        for ident, running in _RUNNING.items():
            elapsed = now - running.started
            if elapsed > limit and not running.fired:
                running.fired = True
                log.warning("verzoek_te_lang", pad=running.path, seconden=round(elapsed, 1))
                _raise_in(ident, RequestTimeout)
            elif elapsed > limit * HARD_FACTOR:
                log.critical("verzoek_vastgelopen_werkproces_stopt", pad=running.path)
                os._exit(70)  # Granian respawns the worker (respawn_failed_workers)


def _watch(limit: float) -> None:
    while True:
        time.sleep(min(1.0, limit / 4))
        check_once(limit)


def start_watchdog(limit: float) -> None:
    with _LOCK:
        if _WATCHDOG and _WATCHDOG[0].is_alive():
            return
        thread = threading.Thread(target=_watch, args=(limit,), name="verzoekbewaker",
                                  daemon=True)
        thread.start()
        _WATCHDOG[:] = [thread]


def begin(path: str) -> None:
    with _LOCK:
        _RUNNING[threading.get_ident()] = _Running(time.monotonic(), path)


def end() -> None:
    ident = threading.get_ident()
    with _LOCK:
        running = _RUNNING.pop(ident, None)
        if running is not None and running.fired:
            _raise_in(ident, None)  # clear a timeout that arrived just as the request ended


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    return render(request, "fout.html", {
        "titel": _("Bestand of formulier te groot"),
        "melding": _("Wat u verstuurt is groter dan {mb} MB; het portaal neemt het niet aan.")
        .format(mb=limit // (1024 * 1024)),
        "oplossing": _("Een regiovisie is enkele tientallen kilobytes. Controleer of u het goede "
                       "bestand kiest."),
    }, status=413)


class RequestLimitsMiddleware:
    """First in the chain: refuse oversized bodies, and put the request under the watchdog."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.max_bytes = int(settings.MAX_REQUEST_BYTES)
        self.time_limit = float(settings.REQUEST_TIME_LIMIT)
        if self.time_limit > 0:
            start_watchdog(self.time_limit)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > self.max_bytes:
            log.warning("verzoek_te_groot", pad=request.path, bytes=declared)
            return too_large(request, self.max_bytes)
        if self.time_limit <= 0:
            return self.get_response(request)
        begin(request.path)
        try:
            return self.get_response(request)
        except RequestTimeout as timeout:  # raised outside a view (views go to the error page)
            return render(request, "fout.html", {"melding": timeout.message,
                                                 "oplossing": timeout.hint}, status=503)
        finally:
            end()

