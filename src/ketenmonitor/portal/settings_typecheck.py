# SPDX-License-Identifier: EUPL-1.2
"""Settings for static type checking only (django-stubs' mypy plugin): development values, a
throw-away key and a temporary data folder, so mypy needs no environment and writes nothing here."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("KETENMONITOR_PORTAL_ONTWIKKELING", "1")
os.environ.setdefault("KETENMONITOR_PORTAL_SECRET_KEY", "alleen-voor-typecontrole-" + "x" * 40)
os.environ.setdefault("KETENMONITOR_PORTAL_DATA_DIR",
                      os.path.join(tempfile.gettempdir(), "ketenmonitor-typecontrole"))

from ketenmonitor.portal.settings import *  # noqa: F403
