# SPDX-License-Identifier: EUPL-1.2
"""Consoles whose layout depends on where the output goes, never on ``COLUMNS``.

On a person's terminal Rich lays text and tables out to the window. Off a terminal (a pipe, a
log file, a scheduler, a test) nothing is hard-wrapped: a message stays one line however narrow
``COLUMNS`` says the terminal is, so scripts and ``grep`` see whole sentences and tables never fold.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from rich.console import Console, ConsoleDimensions

# Wide enough that no table or sentence of ours is ever folded, small enough that Rich's layout
# arithmetic stays cheap.
UNWRAPPED_WIDTH = 10_000
# Help screens off a terminal: a fixed, readable width instead of whatever COLUMNS claims.
HELP_WIDTH = 100


def is_terminal(stream: IO[str] | None) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


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


def stream_is_terminal(stderr: bool = False) -> bool:
    return is_terminal(sys.stderr if stderr else sys.stdout)
