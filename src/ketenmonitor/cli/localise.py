# SPDX-License-Identifier: EUPL-1.2
"""Dutch texts for the parts of the help screen that Typer itself writes."""

from __future__ import annotations

import re
import sys
from typing import Any

from rich.console import Console
from typer import rich_utils

from ketenmonitor.cli.console import HELP_WIDTH, stream_is_terminal
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
    localise_usage()
    localise_usage_errors()
    localise_console()


def localise_console() -> None:
    """Lay Typer's help screens out independently of ``COLUMNS`` when not on a terminal.

    On a terminal Typer keeps Rich's layout (``TERMINAL_WIDTH`` still wins when set). Off a
    terminal help has a fixed width, so tests and pipes see the same text everywhere.
    """
    original = rich_utils._get_rich_console
    if getattr(original, "_ketenmonitor", False):
        return

    def console(stderr: bool = False) -> Console:
        made = original(stderr=stderr)
        if rich_utils.MAX_WIDTH is None and not stream_is_terminal(stderr):
            made.width = HELP_WIDTH
        return made

    console._ketenmonitor = True  # type: ignore[attr-defined]
    rich_utils._get_rich_console = console


def localise_usage() -> None:
    """Start the usage line with "Gebruik:" and Dutch placeholders instead of Click's English.

    Typer's vendored Click hard-codes "Usage: " as the default prefix and "[OPTIONS]" as the
    options placeholder; both are only reachable by wrapping the formatter and the command.
    """
    from typer._click import core, formatting

    write_usage = formatting.HelpFormatter.write_usage
    if getattr(write_usage, "_ketenmonitor", False):
        return

    def dutch_write_usage(
        self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        args = (args.replace("[OPTIONS]", _("[OPTIES]")).replace("COMMAND", _("COMMANDO"))
                .replace("[ARGS]", _("[ARGUMENTEN]")))
        write_usage(self, prog, args, _("Gebruik: ") if prefix is None else prefix)

    dutch_write_usage._ketenmonitor = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = dutch_write_usage  # type: ignore[method-assign]
    del core  # imported so the patched formatter is the one Click's commands use


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


def _click_messages() -> list[tuple[re.Pattern[str], str]]:
    """Click's hard-coded English usage errors (Typer < 0.30) and their Dutch texts."""
    patterns = [
        (r"No such option: (?P<a>\S+)(?: Did you mean (?P<b>\S+)\?)?",
         _("Onbekende optie: {a}.")),
        (r"No such command '(?P<a>[^']*)'\.", _("Onbekend commando: {a}.")),
        (r"Missing command\.", _("Geef een commando op.")),
        (r"Missing option (?P<a>.+?)\.(?: .*)?", _("De optie {a} ontbreekt; die is verplicht.")),
        (r"Missing argument (?P<a>.+?)\.(?: .*)?", _("Het argument {a} ontbreekt; dat is verplicht.")),
        (r"Missing parameter: (?P<a>.+)", _("De parameter {a} ontbreekt.")),
        (r"Option (?P<a>\S+) requires an argument\.", _("De optie {a} heeft een waarde nodig.")),
        (r"Option (?P<a>\S+) requires (?P<b>\d+) arguments\.",
         _("De optie {a} heeft {b} waarden nodig.")),
        (r"Got unexpected extra arguments? \((?P<a>.*)\)", _("Onverwacht extra argument: {a}.")),
        (r"Invalid value for (?P<a>.+?): (?P<b>.*)", _("Ongeldige waarde voor {a}: {b}")),
        (r"Invalid value: (?P<b>.*)", _("Ongeldige waarde: {b}")),
        (r"(?:Value error, )?'?(?P<a>[^']*)'? is not one of (?P<b>.+)\.",
         _("'{a}' is geen van de mogelijke waarden {b}.")),
        (r"Value '?(?P<a>.*?)'? is not a valid (?P<b>\w+)\.", _("'{a}' is geen geldige {b}.")),
        (r"(?P<a>File|Directory|Path) '?(?P<b>.*?)'? does not exist\.", _("Het pad '{b}' bestaat niet.")),
        (r"(?P<a>File|Directory|Path) '?(?P<b>.*?)'? is a file\.", _("'{b}' is een bestand, geen map.")),
        (r"(?P<a>File|Directory|Path) '?(?P<b>.*?)'? is a directory\.",
         _("'{b}' is een map, geen bestand.")),
    ]
    return [(re.compile(pattern, re.DOTALL), text) for pattern, text in patterns]


def translate_usage_error(message: str) -> str:
    """The Dutch text of one of Click's usage errors; unknown messages pass unchanged.

    Applied repeatedly so a message that wraps another ("Invalid value for X: 'y' is not one of
    ...") is translated in both parts.
    """
    for pattern, text in _click_messages():
        match = pattern.fullmatch(message.strip())
        if match:
            parts = {k: translate_usage_error(v) if k == "b" else v
                     for k, v in match.groupdict(default="").items()}
            return text.format(**parts)
    return message


def localise_usage_errors() -> None:
    """Show Click's usage errors (unknown option, missing value, bad choice) in Dutch."""
    original = rich_utils.rich_format_error
    if getattr(original, "_ketenmonitor", False):
        return

    def dutch_format_error(error: Any) -> None:
        english = error.format_message()
        dutch = translate_usage_error(english)
        if not stream_is_terminal(stderr=True):
            _plain_usage_error(error, dutch)
            return
        error.format_message = lambda: dutch
        original(error)

    dutch_format_error._ketenmonitor = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = dutch_format_error  # type: ignore[assignment]


def _plain_usage_error(error: Any, message: str) -> None:
    """A usage error off a terminal: plain lines, no box, never folded."""
    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Probeer '{command_path} {help_option}' voor hulp.").format(
                command_path=ctx.command_path, help_option=ctx.help_option_names[0]))
    lines.append(_("Fout: {message}").format(message=message))
    sys.stderr.write("\n".join(lines) + "\n")
