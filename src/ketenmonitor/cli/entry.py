# SPDX-License-Identifier: EUPL-1.2
"""The ``ketenmonitor`` script and ``python -m ketenmonitor``: pick the front-end, answer ``--version``.

Typer loads Rich, Pygments and markdown-it-py before it parses anything (about half a second of
CPU); ``ketenmonitor --version`` on its own, which scripts and packagers ask often, needs none of
it (issue 17). The partner's small install has no Typer at all (ADR 0025): there the partner's
own command line (:mod:`ketenmonitor.cli.partner_cli`, on argparse) runs the partner's commands
with the same options and Dutch texts. Everything else goes to :func:`ketenmonitor.cli.app.main`.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

VERSION_OPTIONS = ("--version", "--versie")


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] in VERSION_OPTIONS:
        import ketenmonitor

        sys.stdout.write(f"ketenmonitor {ketenmonitor.__version__}\n")
        return
    if find_spec("typer") is None:
        from ketenmonitor.cli.partner_cli import main as run_partner

        sys.exit(run_partner())
    from ketenmonitor.cli.app import main as run_app

    run_app()
