# SPDX-License-Identifier: EUPL-1.2
"""The ``ketenmonitor`` command. Stage commands live in ``cli/<stage>.py`` and register here.

Errors of the product (:class:`KetenmonitorError`) are printed in Dutch with a hint and mapped to
exit codes 0 (ok), 1 (deels: rijen in quarantaine), 2 (geweigerd); never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from ketenmonitor import __version__
from ketenmonitor.core.errors import ExitCode, KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import configure_logging
from ketenmonitor.core.settings import get_settings

app = typer.Typer(
    name="ketenmonitor",
    help=_("Ketenmonitor: monitor van de regiovisie aanpak huiselijk geweld en kindermishandeling."),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err_console = Console(stderr=True)


def report_error(error: KetenmonitorError) -> None:
    err_console.print(f"[bold red]{_('Fout')}:[/] {error.message}", highlight=False)
    if error.hint:
        err_console.print(f"[bold]{_('Oplossing')}:[/] {error.hint}", highlight=False)


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


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--versie", help=_("Toon de versie en stop.")),
) -> None:
    configure_logging(get_settings().log_level)
    if version:
        typer.echo(f"ketenmonitor {__version__}")
        raise typer.Exit(int(ExitCode.OK))
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(int(ExitCode.OK))


STAGE_MODULES = ("simulate", "pseudonymise", "ingest", "link", "compute", "publish", "report",
                 "demo", "benchmark", "export", "regiovisie", "portal", "serve", "audit",
                 "indicator", "beheer")


def _register() -> None:
    """Import the stage modules; each adds its commands to ``app``."""
    import importlib

    for module in STAGE_MODULES:
        importlib.import_module(f"ketenmonitor.cli.{module}")


def main() -> None:
    from ketenmonitor.cli.localise import localise_help_option, localise_typer

    _register()
    localise_typer()
    localise_help_option()
    try:
        app(prog_name="ketenmonitor")
    except KetenmonitorError as error:  # pragma: no cover - commands use handles_errors
        report_error(error)
        sys.exit(int(error.exit_code))
