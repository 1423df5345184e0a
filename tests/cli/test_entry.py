# SPDX-License-Identifier: EUPL-1.2
"""A bare ``--version`` is answered before Typer (and Rich, Pygments, markdown-it-py) is loaded;
without Typer the partner's own command line runs."""

from __future__ import annotations

import subprocess
import sys

from testsupport import cli_env

BASE_ENV = cli_env()
# Importing any of these (or the package's own CLI) makes the fast path fail loudly.
BLOCKED = ("typer", "rich", "pygments", "markdown_it", "ketenmonitor.cli.app")


def _run(*args: str, block: bool) -> subprocess.CompletedProcess[str]:
    blocked = "".join(f"sys.modules[{name!r}] = None\n" for name in BLOCKED) if block else ""
    code = f"import sys\n{blocked}from ketenmonitor.cli.entry import main\nmain()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=False, env=BASE_ENV)


def test_version_without_typer() -> None:
    from importlib.metadata import version

    for option in ("--version", "--versie"):
        result = _run(option, block=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"ketenmonitor {version('ketenmonitor')}\n"


def test_everything_else_goes_to_the_typer_app_or_without_typer_to_the_partners() -> None:
    # Typer's help has the whole product's commands; the partner's (argparse, ADR 0025) does not.
    assert "simulate" in _run("--help", block=False).stdout
    partner = _run("--version", "--help", block=True)
    assert partner.returncode == 0, partner.stderr
    assert partner.stdout.startswith("ketenmonitor ")
    shown = _run("--help", block=True).stdout
    assert "Gebruik: ketenmonitor" in shown and "pseudonymise" in shown and "simulate" not in shown
