# SPDX-License-Identifier: EUPL-1.2
"""Bounded requests: oversized bodies get a Dutch 413 before they are read, a billion-laughs
regiovisie is refused without expanding, and a request over the time limit is interrupted."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

import pytest

from ketenmonitor.portal import limits
from ketenmonitor.portal.regiovisie import store
from ketenmonitor.portal.regiovisie.models import RegiovisieVersie

IMPORT = "/regio/haaglanden/regiovisie/import/"
MIB = 1024 * 1024


@pytest.fixture()
def manager(client_for: Callable[..., Any], registered: list[Any]) -> Any:
    store.import_example("haaglanden")
    return client_for(["programmamanager"], ["haaglanden"], name="pm")


class _Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise AssertionError("de body is gelezen")


def test_60_mib_upload_is_refused_with_413(manager: Any) -> None:
    upload = io.BytesIO(b"# " + b"x" * (60 * MIB))
    upload.name = "groot.yaml"
    response = manager.post(IMPORT, {"bestand": upload})
    assert response.status_code == 413
    assert "groter dan 5 MB" in response.content.decode()
    assert RegiovisieVersie.objects.filter(regio="haaglanden").count() == 1


def test_oversized_body_is_refused_before_it_is_read(manager: Any) -> None:
    response = manager.generic("POST", IMPORT, b"", content_type="multipart/form-data; "
                               "boundary=x", CONTENT_LENGTH=str(60 * MIB),
                               **{"wsgi.input": _Unreadable()})
    assert response.status_code == 413


def test_file_under_the_request_limit_but_over_the_yaml_limit_is_refused(manager: Any) -> None:
    upload = io.BytesIO(b"# " + b"x" * (3 * MIB))
    upload.name = "groot.yaml"
    response = manager.post(IMPORT, {"bestand": upload})
    assert response.status_code == 400 and "te groot" in response.content.decode()


def test_billion_laughs_upload_is_refused_in_dutch(manager: Any) -> None:
    lines = ['schema_versie: "1.0"', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    upload = io.BytesIO(("\n".join(lines) + "\ntitel: *a9\n").encode())
    upload.name = "lachen.yaml"
    response = manager.post(IMPORT, {"bestand": upload})
    assert response.status_code == 400
    assert "ankers (&amp;) en verwijzingen (*) zijn niet toegestaan" in response.content.decode()
    assert RegiovisieVersie.objects.filter(regio="haaglanden").count() == 1


def test_watchdog_interrupts_a_request_over_the_limit() -> None:
    caught: list[BaseException] = []
    started = threading.Event()

    def busy_request() -> None:
        limits.begin("/traag/")
        started.set()
        try:
            while True:  # Python code: the timeout arrives at the next instruction
                pass
        except limits.RequestTimeout as timeout:
            caught.append(timeout)
        finally:
            limits.end()

    thread = threading.Thread(target=busy_request, daemon=True)
    thread.start()
    started.wait(10)
    limits.check_once(limit=5.0, now=limits.time.monotonic() + 6)  # 6 s "later", no waiting
    thread.join(30)
    assert not thread.is_alive() and len(caught) == 1
    assert "langer dan" in caught[0].message and "afgebroken" in caught[0].message
    assert limits._RUNNING == {}
