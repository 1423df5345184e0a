# SPDX-License-Identifier: EUPL-1.2
"""What a command prints, independent of the library that prints it.

The partner's commands (``cli/partner_commands.py``) write lines and tables through
:class:`Output`. With the whole product installed that is Rich (``console.RichOutput``); on the
partner's small install, which has no Rich (ADR 0025), it is :class:`PlainOutput`: the same
texts, tables as aligned columns. Nothing is hard-wrapped off a terminal, so scripts and ``grep``
see whole sentences whatever ``COLUMNS`` says.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Protocol

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


def stream_is_terminal(stderr: bool = False) -> bool:
    return is_terminal(sys.stderr if stderr else sys.stdout)


@dataclass(frozen=True)
class Column:
    title: str
    right: bool = False  # numbers are right-aligned


class Output(Protocol):
    def line(self, text: str) -> None:
        """One message; ``text`` is plain (never markup)."""

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        """A titled table of plain cells."""


def plain_table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> str:
    widths = [max([len(c.title), *(len(row[i]) for row in rows)]) for i, c in enumerate(columns)]

    def cells(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if c.right else v.ljust(w)
                         for v, w, c in zip(values, widths, columns, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, cells([c.title for c in columns]), rule, *(cells(r) for r in rows)])


class PlainOutput:
    """Plain text on a stream (standard output unless given)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream

    def _write(self, text: str) -> None:
        (self._stream or sys.stdout).write(text + "\n")

    def line(self, text: str) -> None:
        self._write(text)

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        self._write(plain_table(title, columns, rows) + "\n")  # a blank line after each table
