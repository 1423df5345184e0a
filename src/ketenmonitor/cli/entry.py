# SPDX-License-Identifier: EUPL-1.2
"""The ``ketenmonitor`` script and ``python -m ketenmonitor``: answer a bare ``--version`` first.

Typer loads Rich, Pygments and markdown-it-py before it parses anything (about half a second of
CPU); ``ketenmonitor --version`` on its own, which scripts and packagers ask often, needs none of
it (issue 17). Every other command line goes to :func:`ketenmonitor.cli.app.main`, which prints
the same text for ``--version`` inside a longer command line.
"""

from __future__ import annotations

import sys

VERSION_OPTIONS = ("--version", "--versie")


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] in VERSION_OPTIONS:
        import ketenmonitor

        sys.stdout.write(f"ketenmonitor {ketenmonitor.__version__}\n")
        return
    from ketenmonitor.cli.app import main as run_app

    run_app()
