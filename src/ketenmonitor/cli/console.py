# SPDX-License-Identifier: EUPL-1.2
"""Consoles whose layout depends on where the output goes, never on ``COLUMNS``.

On a person's terminal Rich lays text and tables out to the window. Off a terminal (a pipe, a
log file, a scheduler, a test) nothing is hard-wrapped: a message stays one line however narrow
``COLUMNS`` says the terminal is, so scripts and ``grep`` see whole sentences and tables never fold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleDimensions

# Re-exported: the stage commands and tests import them from here.
from ketenmonitor.cli.output import HELP_WIDTH as HELP_WIDTH
from ketenmonitor.cli.output import UNWRAPPED_WIDTH as UNWRAPPED_WIDTH
from ketenmonitor.cli.output import Column
from ketenmonitor.cli.output import is_terminal as is_terminal
from ketenmonitor.cli.output import stream_is_terminal as stream_is_terminal


class AdaptiveConsole(Console):
    """A Rich console that decides at print time whether its stream is a terminal.

    Module-level consoles are created at import time, before the stream they will write to
    (a pipe, pytest's capture, a terminal) is known; so the decision is made per call.
    """

    def __init__(self, *, stderr: bool = False, min_width: int = 0, **kwargs: Any) -> None:
        super().__init__(stderr=stderr, **kwargs)
        self._min_width = min_width

    def _on_terminal(self) -> bool:
        return is_terminal(self.file)

    @property
    def size(self) -> ConsoleDimensions:
        measured = super().size
        if not self._on_terminal():
            return ConsoleDimensions(UNWRAPPED_WIDTH, measured.height)
        return ConsoleDimensions(max(measured.width, self._min_width), measured.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        width, height = new_size
        self._width = width
        self._height = height

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if not self._on_terminal():
            kwargs.setdefault("soft_wrap", True)
        super().print(*objects, **kwargs)


def make_console(*, stderr: bool = False, min_width: int = 0, **kwargs: Any) -> Console:
    """The console every command prints through (``stderr=True`` for errors and warnings)."""
    kwargs.setdefault("highlight", False)
    return AdaptiveConsole(stderr=stderr, min_width=min_width, **kwargs)


class RichOutput:
    """:class:`ketenmonitor.cli.output.Output` on a Rich console (the whole product's CLI)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or make_console()

    def line(self, text: str) -> None:
        self.console.print(text, markup=False, soft_wrap=True)

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=escape(title))
        for column in columns:
            table.add_column(escape(column.title), justify="right" if column.right else "left")
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))
        self.console.print(table)
