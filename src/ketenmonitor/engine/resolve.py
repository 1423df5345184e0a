# SPDX-License-Identifier: EUPL-1.2
"""Choosing the engine: once per command, from ``--engine`` or ``KETENMONITOR_ENGINE``."""

from __future__ import annotations

from collections.abc import Callable

from ketenmonitor.core.settings import EngineName, Settings, get_settings
from ketenmonitor.engine.protocol import Engine


def _duckdb(settings: Settings) -> Engine:
    from ketenmonitor.engine.duckdb import DuckDBEngine

    return DuckDBEngine(settings)


def _spark(settings: Settings) -> Engine:
    # Loaded only when chosen: keeps Spark's modules out of every DuckDB run.
    from ketenmonitor.engine.spark import SparkEngine

    return SparkEngine(settings)


ENGINES: dict[EngineName, Callable[[Settings], Engine]] = {
    EngineName.DUCKDB: _duckdb,
    EngineName.SPARK: _spark,
}


def resolve_engine(choice: EngineName | str | None = None,
                   settings: Settings | None = None) -> Engine:
    """The engine named by ``choice`` (an option such as ``--engine``), else by the settings."""
    settings = settings or get_settings()
    return ENGINES[EngineName(choice or settings.engine)](settings)
