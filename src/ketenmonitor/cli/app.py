# SPDX-License-Identifier: EUPL-1.2
"""The ``ketenmonitor`` command. Stage commands live in ``cli/<stage>.py`` and register here.

Errors of the product (:class:`KetenmonitorError`) are printed in Dutch with a hint and mapped to
exit codes 0 (ok), 1 (deels: rijen in quarantaine), 2 (geweigerd); a wrong command line (unknown
option, missing value) exits with 64 (``EX_USAGE`` of BSD's sysexits). Never a traceback.

Stage modules are imported only when their command runs (:data:`COMMANDS`), so ``--version`` and
the partner's commands do not pay for DuckDB, SciPy, Splink, Altair or Django.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from typer import _click
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup

from ketenmonitor.cli.console import make_console
from ketenmonitor.cli.partner_spec import APP_HELP, GLOBAL, log_level, typer_option
from ketenmonitor.core.errors import ExitCode, KetenmonitorError
from ketenmonitor.core.i18n import _


@dataclass(frozen=True)
class LazyCommand:
    """Where a top-level command lives and the one-line summary shown in listings.

    The summary is the first sentence of the command's own help; ``tests/cli/test_app.py``
    checks that they agree, so listings need not import the module.
    """

    module: str
    summary: str


COMMANDS: dict[str, LazyCommand] = {
    "simulate": LazyCommand("simulate", _(
        "Maak een synthetische regio: exports van ketenpartners en de grondwaarheid.")),
    "pseudonymise": LazyCommand("pseudonymise", _(
        "Pseudonimiseer een export van een ketenpartner tot leveringen (Parquet + manifest).")),
    "rekey": LazyCommand("pseudonymise", _(
        "Zet de tokens van leveringen om naar de koppelsleutel van een vertrouwde derde partij "
        "(dubbele pseudonimisering).")),
    "sleutel": LazyCommand("pseudonymise", _("Sleutels voor pseudonimisering beheren.")),
    "mapping": LazyCommand("mapping", _(
        "Mappings van ketenpartners controleren op hun eigen export.")),
    "ingest": LazyCommand("ingest", _(
        "Laad leveringen (manifesten, Parquet-bestanden of mappen) in de warehouse.")),
    "opschonen": LazyCommand("opschonen", _(
        "Verwijder leveringen waarvan de bewaartermijn verstreken is, met hun tokens en "
        "quarantainerijen.")),
    "link": LazyCommand("link", _(
        "Koppel records tot personen en huishoudens (op tokens) en leid af.")),
    "compute": LazyCommand("compute", _("Bereken alle indicatoren uit de catalogus op de warehouse.")),
    "publish": LazyCommand("publish", _(
        "Schrijf een nieuwe, onveranderlijke publicatie van de indicatoren.")),
    "report": LazyCommand("report", _(
        "Maak het toegankelijke HTML-monitorrapport van een publicatie, met --regiovisie de "
        "stoplichtenrapportage (HTML, Word, PDF en Excel), of met --factsheet de factsheet van een "
        "gemeente (HTML en PDF, twee pagina's).")),
    "demo": LazyCommand("demo", _(
        "Draai het hele product op een synthetische regio (ingebedde DuckDB) en toon waar de "
        "leveringen, warehouse, publicatie en het rapport staan.")),
    "export": LazyCommand("export", _("Exporteer tabellen van een publicatie als XLSX of CSV.")),
    "serve": LazyCommand("serve", _(
        "Start het portaal (Granian), na migraties en statische bestanden.")),
    "benchmark": LazyCommand("benchmark", _(
        "CBS-cijfers (StatLine) inlezen voor de vergelijking gemeente, regio en Nederland.")),
    "regiovisie": LazyCommand("regiovisie", _(
        "Regiovisie: doelen, normen en lichten controleren, schrijven en berekenen.")),
    "portal": LazyCommand("portal", _("Het portaal beheren: publicaties, gebruikers en rollen.")),
    "audit": LazyCommand("audit", _("De auditlog van het portaal controleren.")),
    "bronnen": LazyCommand("bronnen", _(
        "De broncatalogus bekijken: partnersoorten, hun recordsoorten en velden.")),
    "indicator": LazyCommand("indicator", _(
        "De indicatorcatalogus bekijken: definities en de SQL die ervan gemaakt wordt.")),
    "beheer": LazyCommand("beheer", _("Beheer: back-up en herstel.")),
    "completion": LazyCommand("completion", _(
        "Schrijf het script voor het aanvullen van commando's en opties in bash, zsh of fish.")),
}


def _with_usage_exit(error: UsageError) -> UsageError:
    error.exit_code = int(ExitCode.USAGE)
    return error


class LazyGroup(TyperGroup):
    """The top-level group: imports a stage module when its command is run, not before.

    Listings (help, shell completion of command names) use the summaries in :data:`COMMANDS`.
    Usage errors raised anywhere below this group get exit code 64 instead of Click's 2, which
    the product uses for refused input.
    """

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMANDS:
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name].summary,
                                rich_markup_mode=self.rich_markup_mode)
        return command

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        if args and args[0] in COMMANDS and args[0] not in self.commands:
            try:
                self.commands.update(load_commands(COMMANDS[args[0]].module))
            except ModuleNotFoundError as error:
                raise missing_extra(args[0], error) from None
        return super().resolve_command(ctx, args)

    def make_context(self, *args: Any, **kwargs: Any) -> _click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as error:
            raise _with_usage_exit(error) from None

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise _with_usage_exit(error) from None


def missing_extra(command: str, error: ModuleNotFoundError) -> KetenmonitorError:
    """A command of an extra (analysis, portal) run on the partner's small install."""
    from ketenmonitor.core.errors import ConfigurationError

    return ConfigurationError(
        "onderdeel_niet_geinstalleerd",
        _("Het commando '{command}' hoort niet bij deze installatie: het pakket '{package}' "
          "ontbreekt.").format(command=command, package=(error.name or "?").split(".")[0]),
        _("De partnerinstallatie kan alleen pseudonimiseren. Installeer de rest met: "
          "pip install 'ketenmonitor[alles]'"),
    )


def load_commands(module: str) -> dict[str, _click.Command]:
    """Import ``cli/<module>.py`` (its decorators register on ``app``) and build its commands."""
    importlib.import_module(f"ketenmonitor.cli.{module}")
    import typer.main

    return dict(typer.main.get_group(app).commands)


app = typer.Typer(
    name="ketenmonitor",
    cls=LazyGroup,
    help=APP_HELP,
    add_completion=False,
    rich_markup_mode="rich",
)
err_console = make_console(stderr=True)


def report_error(error: KetenmonitorError) -> None:
    # Messages are plain text: a path or "pip install 'ketenmonitor[alles]'" is not markup.
    from rich.markup import escape

    err_console.print(f"[bold red]{_('Fout')}:[/] {escape(error.message)}", highlight=False)
    if error.hint:
        err_console.print(f"[bold]{_('Oplossing')}:[/] {escape(error.hint)}", highlight=False)


def handles_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator for commands: product errors become a Dutch message and an exit code."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KetenmonitorError as error:
            report_error(error)
            raise typer.Exit(int(error.exit_code)) from None

    return wrapper


def _show_version(value: bool) -> None:
    if value:
        import ketenmonitor

        typer.echo(f"ketenmonitor {ketenmonitor.__version__}")
        raise typer.Exit(int(ExitCode.OK))


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    version: Annotated[bool, typer_option(GLOBAL, "version", is_eager=True,
                                          callback=_show_version)] = False,
    verbose: Annotated[int, typer_option(GLOBAL, "verbose")] = 0,
    quiet: Annotated[bool, typer_option(GLOBAL, "quiet")] = False,
) -> None:
    from ketenmonitor.core.logging import configure_logging
    from ketenmonitor.core.settings import get_settings

    configure_logging(log_level(verbose, quiet, get_settings().log_level))
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(int(ExitCode.OK))


def main() -> None:
    from ketenmonitor.cli.localise import localise_help_option, localise_typer

    localise_typer()
    localise_help_option()
    if "_KETENMONITOR_COMPLETE" in os.environ:
        # The shell asks for completions (see ``cli/completion.py``); Typer registers its shell
        # classes only for apps with its own --install-completion option, which this one hides.
        from typer._completion_classes import completion_init

        completion_init()
    # Off a terminal Click must not fold the usage line to whatever COLUMNS says (issue 11).
    from ketenmonitor.cli.console import UNWRAPPED_WIDTH, stream_is_terminal

    layout: dict[str, Any] = {} if stream_is_terminal() else {
        "terminal_width": UNWRAPPED_WIDTH, "max_content_width": UNWRAPPED_WIDTH}
    try:
        app(prog_name="ketenmonitor", **layout)
    except KetenmonitorError as error:  # pragma: no cover - commands use handles_errors
        report_error(error)
        sys.exit(int(error.exit_code))
