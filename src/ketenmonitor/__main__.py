# SPDX-License-Identifier: EUPL-1.2
"""``python -m ketenmonitor``: the same command as the ``ketenmonitor`` script."""

from __future__ import annotations

from ketenmonitor.cli.entry import main

if __name__ == "__main__":
    main()
