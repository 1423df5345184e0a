# SPDX-License-Identifier: EUPL-1.2
"""Running Django management commands from the CLI, with product errors as Dutch messages."""

from __future__ import annotations

import sys

from ketenmonitor.core.errors import KetenmonitorError


def run_django(args: list[str]) -> int:
    """Run ``manage.py <args>`` for the portal; return the exit code."""
    from ketenmonitor.portal import setup

    try:
        setup()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["ketenmonitor portal beheer", *args])
    except KetenmonitorError as error:
        sys.stderr.write(f"Fout: {error.message}\n")
        if error.hint:
            sys.stderr.write(f"Oplossing: {error.hint}\n")
        return int(error.exit_code)
    return 0
