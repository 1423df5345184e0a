# SPDX-License-Identifier: EUPL-1.2
"""Errors that carry a Dutch message for the user and a hint on how to fix the problem.

The CLI prints ``message`` and ``hint`` and exits with ``exit_code``; it never shows a traceback
for a :class:`KetenmonitorError`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    PARTIAL = 1  # some rows quarantined
    REFUSED = 2  # input refused as a whole
    ENVIRONMENT = 3  # the machine: disk full, lock held, read-only or wrong warehouse, memory
    INTERNAL = 4  # an unforeseen error; the traceback is only in a log file
    USAGE = 64  # wrong command line (BSD sysexits EX_USAGE); Click's own 2 would mean "refused"


class KetenmonitorError(Exception):
    """Base error with a user-facing Dutch message."""

    exit_code: ExitCode = ExitCode.REFUSED

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class ConfigurationError(KetenmonitorError):
    """Settings, key files or paths are missing or wrong."""


class InputRefused(KetenmonitorError):
    """An input file or delivery is refused as a whole (exit code 2)."""


class EnvironmentProblem(KetenmonitorError):
    """The machine, not the input: disk full, a lock, permissions, memory (exit code 3)."""

    exit_code = ExitCode.ENVIRONMENT


class InternalError(KetenmonitorError):
    """An unforeseen error, reported without a traceback (exit code 4)."""

    exit_code = ExitCode.INTERNAL


class PublicationError(KetenmonitorError):
    """A publication cannot be written or read."""
