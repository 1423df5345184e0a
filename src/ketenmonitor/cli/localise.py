# SPDX-License-Identifier: EUPL-1.2
"""Dutch texts for the parts of the help screen that Typer itself writes."""

from __future__ import annotations

from typing import Any

from typer import rich_utils

from ketenmonitor.core.i18n import _


def localise_typer() -> None:
    rich_utils.ARGUMENTS_PANEL_TITLE = _("Argumenten")
    rich_utils.OPTIONS_PANEL_TITLE = _("Opties")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commando's")
    rich_utils.ERRORS_PANEL_TITLE = _("Fout")
    rich_utils.ABORTED_TEXT = _("Afgebroken.")
    rich_utils.DEFAULT_STRING = _("[standaard: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[verplicht]")
    rich_utils.ENVVAR_STRING = _("[omgevingsvariabele: {}]")
    rich_utils.RICH_HELP = _("Probeer [blue]'{command_path} {help_option}'[/] voor hulp.")


def localise_help_option() -> None:
    """Give ``--help`` a Dutch text.

    Typer (pinned < 0.30) creates the help option lazily through
    ``typer._click.decorators.help_option``; wrapping that factory is the only hook it offers.
    ``tests/cli/test_app.py`` checks the result so an upgrade that breaks it is noticed.
    """
    from typer._click import decorators

    original = decorators.help_option
    if getattr(original, "_ketenmonitor", False):
        return

    def dutch_help_option(param_decls: list[str]) -> Any:
        apply = original(param_decls)

        def decorate(command: Any) -> Any:
            result = apply(command)
            command.params[-1].help = _("Toon deze hulp en stop.")
            return result

        return decorate

    dutch_help_option._ketenmonitor = True  # type: ignore[attr-defined]
    decorators.help_option = dutch_help_option
