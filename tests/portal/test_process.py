# SPDX-License-Identifier: EUPL-1.2
"""After ``kill -9`` of the server's main process its workers die too and the port is free."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketenmonitor.portal.process import PARENT_ENV

pytestmark = pytest.mark.slow  # starts Granian with two worker processes

TESTS = Path(__file__).resolve().parent
SERVER = """
import os, sys
from granian import Granian
from granian.constants import Interfaces
if sys.argv[2] == "1":
    os.environ["{env}"] = str(os.getpid())
Granian("pdeathsig_app:application", address="127.0.0.1", port=int(sys.argv[1]),
        interface=Interfaces.WSGI, workers=2, log_enabled=False).serve()
""".replace("{env}", PARENT_ENV)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
            conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return conn.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def _wait(condition: object, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
@pytest.mark.parametrize("asks", [True, False], ids=["serve", "zonder-verzoek"])
def test_workers_die_with_the_main_process(asks: bool) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), *sys.path])}
    env.pop(PARENT_ENV, None)
    main = subprocess.Popen([sys.executable, "-c", SERVER, str(port), "1" if asks else "0"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        assert _wait(lambda: len(_children(main.pid)) == 2 and _answers(port))
        workers = _children(main.pid)
        os.kill(main.pid, signal.SIGKILL)
        main.wait(10)
        if asks:
            assert _wait(lambda: not any(_alive(w) for w in workers))
            assert not _answers(port)
        else:  # the behaviour the issue found: orphans keep serving on the port
            time.sleep(0.5)
            assert all(_alive(w) for w in workers) and _answers(port)
    finally:
        for pid in [main.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
