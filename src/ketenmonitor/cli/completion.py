# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor completion bash|zsh|fish``: the script that makes the shell complete commands.

Typer answers the shell's questions itself (environment variable ``_KETENMONITOR_COMPLETE``); this
command only prints the script that asks them, so a user can put it in the shell's start-up file.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ketenmonitor.cli.app import app
from ketenmonitor.core.i18n import _

PROG_NAME = "ketenmonitor"
COMPLETE_VAR = "_KETENMONITOR_COMPLETE"


class Shell(StrEnum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


@app.command("completion", help=_(
    "Schrijf het script voor het aanvullen van commando's en opties in bash, zsh of fish. "
    "Bijvoorbeeld: ketenmonitor completion bash >> ~/.bashrc"))
def completion_command(
    shell: Annotated[Shell, typer.Argument(help=_("De shell: bash, zsh of fish."))],
) -> None:
    # Typer (pinned < 0.30) keeps its scripts in a private module; tests/cli/test_app.py runs
    # the bash script's protocol end to end, so an upgrade that moves it is noticed.
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell.value))
