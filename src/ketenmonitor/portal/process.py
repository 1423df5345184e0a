# SPDX-License-Identifier: EUPL-1.2
"""Worker processes die with the server's main process.

Granian's workers are child processes. When the main process is killed with SIGKILL (the OOM
killer, ``kill -9``), nothing tells them: they keep serving and writing, and a restarted server
binds the same port beside them (SO_REUSEPORT). On Linux a child can ask the kernel for a signal
when its parent dies (``prctl(PR_SET_PDEATHSIG)``); each worker does so when it loads the WSGI
application. ``ketenmonitor serve`` names its own process id in :data:`PARENT_ENV`, so a worker
that finds it was orphaned before the request took effect stops at once, and code outside
``serve`` (tests, ``manage.py``) is never affected.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from ketenmonitor.core.logging import get_logger

PARENT_ENV = "KETENMONITOR_SERVE_PID"
PR_SET_PDEATHSIG = 1
log = get_logger(__name__)


def die_with_parent() -> bool:
    """In a worker of ``ketenmonitor serve`` on Linux: be killed when the main process dies.

    Returns whether the request was made (False outside ``serve``, in the main process itself,
    or on another operating system; systemd's ``KillMode=control-group`` covers those).
    """
    parent = os.environ.get(PARENT_ENV)
    if not parent or not sys.platform.startswith("linux") or str(os.getpid()) == parent:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        log.warning("pdeathsig_mislukt", errno=ctypes.get_errno())
        return False
    if str(os.getppid()) != parent:  # the parent died before the request took effect
        os._exit(0)
    return True
