# SPDX-License-Identifier: EUPL-1.2
"""A guard for the ingest and pseudonymise commands: no exception leaves them as a traceback.

Used by both front-ends, Typer's and the partner's argparse (ADR 0025).

Known failures of the machine become exit 3, anything else exit 4 (see
:mod:`ketenmonitor.core.faults`); exit 1 stays reserved for "deels geladen".
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.faults import classify, internal_error, printable
from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)


def _deliberate_exits() -> tuple[type[BaseException], ...]:
    """Exits that pass the guard: Typer's and Click's when Typer runs the command.

    The partner's install has no Typer (ADR 0025); when Typer is not loaded nothing can raise
    its exceptions, so it is not imported for them.
    """
    if "typer" not in sys.modules:
        return ()
    import typer
    from typer import _click  # Typer 0.29 vendors Click

    return (typer.Exit, _click.ClickException)


def guards_faults(subject: Callable[..., str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator (inside :func:`handles_errors`): every exception that is not a product error
    or a deliberate exit becomes a product error. ``subject(**kwargs)`` names the file involved."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except KetenmonitorError as error:
                error.message, error.hint = printable(error.message), printable(error.hint)
                raise
            except Exception as error:  # the point of this guard: MemoryError included
                if isinstance(error, _deliberate_exits()):
                    raise
                known = classify(error, subject=subject(**kwargs))
                if known is not None:
                    log.info("omgevingsfout", code=known.code, error_type=type(error).__name__)
                    raise known from None
                raise internal_error(error) from None

        return wrapper

    return decorate
