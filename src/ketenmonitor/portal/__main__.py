# SPDX-License-Identifier: EUPL-1.2
"""``python3 -m ketenmonitor.portal <command>``: Django's manage.py for the portal."""

from __future__ import annotations

import sys

from ketenmonitor.portal.management import run_django

if __name__ == "__main__":
    sys.exit(run_django(sys.argv[1:]))
