# SPDX-License-Identifier: EUPL-1.2
"""The partner's command line: ``ketenmonitor`` on the small install, without Typer (ADR 0025).

Typer brings Rich, Pygments, markdown-it-py, mdurl, shellingham and annotated-doc: seven of the
fifteen distributions the partner's install may have (issue 17). Where Typer is not installed,
``cli/entry.py`` runs this front-end instead, on the standard library's ``argparse``. It knows
the partner's commands only (``pseudonymise``, ``sleutel maken|publiek``, ``rekey``, ``mapping
controleer``, ``bronnen list|show``) plus ``--versie/--version``, ``-v/-q`` and ``--help``; their
names, options and Dutch help come from :mod:`ketenmonitor.cli.partner_spec`, the work from
:mod:`ketenmonitor.cli.partner_commands` and :mod:`ketenmonitor.cli.bronnen_commands`, exactly as
with Typer. Exit codes are the product's:
64 for a wrong command line, 2 for a command of an extra that is not installed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ketenmonitor.cli import bronnen_commands, partner_commands
from ketenmonitor.cli.output import HELP_WIDTH, PlainOutput, stream_is_terminal
from ketenmonitor.cli.partner_spec import GLOBAL, GROUPS, PARTNER_COMMANDS, Command, log_level
from ketenmonitor.core.errors import ConfigurationError, ExitCode, KetenmonitorError
from ketenmonitor.core.i18n import _

PROG = "ketenmonitor"
RUNNERS: dict[tuple[str, ...], Callable[..., ExitCode]] = {
    ("pseudonymise",): partner_commands.pseudonymise,
    ("sleutel", "maken"): partner_commands.sleutel_maken,
    ("sleutel", "publiek"): partner_commands.sleutel_publiek,
    ("rekey",): partner_commands.rekey,
    ("mapping", "controleer"): partner_commands.mapping_controleer,
    ("bronnen", "list"): bronnen_commands.bronnen_list,
    ("bronnen", "show"): bronnen_commands.bronnen_show,
}
METAVARS = {"text": "<str>", "path": "<path>"}


class UsageProblem(Exception):
    """A wrong command line; ``usage`` is the usage line of the command concerned."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        width = None if stream_is_terminal() else HELP_WIDTH
        super().__init__(prog, width=width, max_help_position=32)

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("Gebruik: "))


class _ListingFormatter(_Formatter):
    """Keeps the lines of a command listing (the epilog); the description is still wrapped."""

    def add_text(self, text: str | None) -> None:
        if text and "\n" in text:
            self._add_item(lambda t: t + "\n", [text])
        else:
            super().add_text(text)


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch errors (as :class:`UsageProblem`) and sections."""

    def __init__(self, prog: str, description: str, usage: str, epilog: str | None = None) -> None:
        super().__init__(prog=prog, description=description, usage=usage, epilog=epilog,
                         add_help=False, allow_abbrev=False,
                         formatter_class=_Formatter if epilog is None else _ListingFormatter)
        self.arguments = self.add_argument_group(_("Argumenten"))
        self.options = self.add_argument_group(_("Opties"))

    def error(self, message: str) -> NoReturn:
        raise UsageProblem(_translate(message), self.prog)


def _translate(message: str) -> str:
    """argparse's English usage errors (the ones this front-end can meet) in Dutch."""
    for english, dutch in (
        ("unrecognized arguments: ", None),
        ("expected one argument", _("De optie {a} heeft een waarde nodig.")),
        ("ignored explicit argument", _("De optie {a} neemt geen waarde.")),
    ):
        if english not in message:
            continue
        if dutch is None:
            extra = message.split(": ", 1)[1].split()
            if extra[0].startswith("-"):
                return _("Onbekende optie: {a}.").format(a=extra[0])
            return _("Onverwacht extra argument: {a}.").format(a=" ".join(extra))
        return dutch.format(a=message.removeprefix("argument ").split(":", 1)[0])
    return message


def _add_options(parser: _Parser, command: Command) -> None:
    for option in command.options:
        help_text = option.help + (" " + _("[verplicht]") if option.required else "")
        if option.positional:  # missing: a Dutch message from _run, not argparse's English
            parser.arguments.add_argument(option.name, nargs="?", metavar=option.flags[0],
                                          help=help_text)
        elif option.kind == "flag":
            parser.options.add_argument(*option.flags, dest=option.name, action="store_true",
                                        help=help_text)
        elif option.kind == "count":
            parser.options.add_argument(*option.flags, dest=option.name, action="count", default=0,
                                        help=help_text)
        else:
            parser.options.add_argument(*option.flags, dest=option.name, help=help_text,
                                        metavar=METAVARS[option.kind])
    parser.options.add_argument("--help", action="store_true", help=_("Toon deze hulp en stop."))


def _summary(text: str) -> str:
    return text.split(". ", 1)[0].rstrip(".") + "."


def _top_parser() -> _Parser:
    listing = [(name, _summary(help_text)) for name, help_text in (
        *((c.path[0], c.help) for c in PARTNER_COMMANDS if len(c.path) == 1), *GROUPS.items())]
    width = max(len(name) for name, _summary_text in listing)
    epilog = "\n".join([_("Commando's:"), *(f"  {n.ljust(width)}  {s}" for n, s in listing), "",
                        _("Dit is de partnerinstallatie. Alle andere commando's horen bij het hele "
                          "product: pip install 'ketenmonitor[alles]'")])
    parser = _Parser(PROG, GLOBAL.help, f"{PROG} {_('[OPTIES]')} {_('COMMANDO')} {_('[ARGUMENTEN]')}...",
                     epilog)
    _add_options(parser, GLOBAL)
    parser.add_argument("command", nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def _group_parser(group: str) -> _Parser:
    commands = [c for c in PARTNER_COMMANDS if c.path[0] == group]
    width = max(len(c.path[1]) for c in commands)
    epilog = "\n".join([_("Commando's:"),
                        *(f"  {c.path[1].ljust(width)}  {_summary(c.help)}" for c in commands)])
    parser = _Parser(f"{PROG} {group}", GROUPS[group],
                     f"{PROG} {group} {_('[OPTIES]')} {_('COMMANDO')} {_('[ARGUMENTEN]')}...", epilog)
    parser.options.add_argument("--help", action="store_true", help=_("Toon deze hulp en stop."))
    return parser


def command_parser(command: Command) -> _Parser:
    prog = " ".join((PROG, *command.path))
    arguments = "".join(f" {o.flags[0]}" for o in command.options if o.positional)
    parser = _Parser(prog, command.help, f"{prog} {_('[OPTIES]')}{arguments}")
    _add_options(parser, command)
    return parser


def _not_installed(name: str) -> ConfigurationError:
    names = ", ".join(sorted({c.path[0] for c in PARTNER_COMMANDS}))
    return ConfigurationError(
        "onderdeel_niet_geinstalleerd",
        _("Het commando '{command}' hoort niet bij deze installatie; de partnerinstallatie kent "
          "alleen: {names}.").format(command=name, names=names),
        _("De partnerinstallatie kan alleen pseudonimiseren. Installeer de rest met: "
          "pip install 'ketenmonitor[alles]'"),
    )


def _report(error: KetenmonitorError) -> None:
    sys.stderr.write(f"{_('Fout')}: {error.message}\n")
    if error.hint:
        sys.stderr.write(f"{_('Oplossing')}: {error.hint}\n")


def _usage_error(problem: UsageProblem) -> int:
    sys.stderr.write("\n".join([
        _("Gebruik: ") + problem.prog + " " + _("[OPTIES]"),
        _("Probeer '{command_path} {help_option}' voor hulp.").format(
            command_path=problem.prog, help_option="--help"),
        _("Fout: {message}").format(message=problem.message)]) + "\n")
    return int(ExitCode.USAGE)


def _configured_level() -> str:
    from ketenmonitor.core.settings import get_settings

    return get_settings().log_level


def _run(command: Command, args: Sequence[str], level: Callable[[], str]) -> int:
    parser = command_parser(command)
    parsed = vars(parser.parse_args(list(args)))
    if parsed.pop("help"):
        sys.stdout.write(parser.format_help())
        return int(ExitCode.OK)
    for option in command.options:
        if option.required and parsed[option.name] is None:
            message = (_("Het argument {a} ontbreekt; dat is verplicht.") if option.positional
                       else _("De optie {a} ontbreekt; die is verplicht."))
            raise UsageProblem(message.format(a=option.flags[0]), parser.prog)
        if option.kind == "path" and parsed[option.name] is not None:
            parsed[option.name] = Path(parsed[option.name])
    from ketenmonitor.cli.faults import guards_faults
    from ketenmonitor.core.logging import configure_logging

    configure_logging(level())  # after --help, which needs neither settings nor logging
    runner = guards_faults(partner_commands.output_name)(RUNNERS[command.path])
    return int(runner(PlainOutput(), **parsed))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line; the exit code is returned, never a traceback shown."""
    top = _top_parser()
    try:
        parsed = top.parse_args(list(sys.argv[1:] if argv is None else argv))
        if parsed.version:
            import ketenmonitor

            sys.stdout.write(f"ketenmonitor {ketenmonitor.__version__}\n")
            return int(ExitCode.OK)
        if parsed.help or parsed.command is None:
            sys.stdout.write(top.format_help())
            return int(ExitCode.OK)
        rest: list[str] = parsed.rest
        if parsed.command in GROUPS:
            group = _group_parser(parsed.command)
            if not rest or rest[0] == "--help":
                sys.stdout.write(group.format_help())
                return int(ExitCode.OK)
            path: tuple[str, ...] = (parsed.command, rest[0])
            if path not in RUNNERS:
                raise UsageProblem(_("Onbekend commando: {a}.").format(a=rest[0]), group.prog)
            rest = rest[1:]
        else:
            path = (parsed.command,)
            if path not in RUNNERS:
                raise _not_installed(parsed.command)
        command = next(c for c in PARTNER_COMMANDS if c.path == path)
        return _run(command, rest, lambda: log_level(parsed.verbose, parsed.quiet, _configured_level()))
    except UsageProblem as problem:
        return _usage_error(problem)
    except KetenmonitorError as error:
        _report(error)
        return int(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write(_("Afgebroken.") + "\n")
        return 130
