# SPDX-License-Identifier: EUPL-1.2
"""Structured logging (structlog). Audit events go elsewhere; these logs hold no personal data."""

from __future__ import annotations

import logging
import sys

import structlog


def _stderr_logger(*_args: object) -> structlog.PrintLogger:
    """Resolve ``sys.stderr`` when a log line is written, not when logging is configured, so a
    replaced stream (test runners, embedding applications) is never written to after closing."""
    return structlog.PrintLogger(sys.stderr)


def configure_logging(level: str = "WARNING") -> None:
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(message)s")
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )


def get_logger(name: str) -> structlog.typing.FilteringBoundLogger:
    logger: structlog.typing.FilteringBoundLogger = structlog.get_logger(name)
    return logger
