# SPDX-License-Identifier: EUPL-1.2
"""DuckDB connections. Readers (indicators, reports) open the warehouse read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.warehouse.schema import ensure_schema


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate) the warehouse for writing, within the memory limit of the
    settings (what does not fit spills to ``<warehouse>.tmp``, next to the warehouse)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config={"memory_limit": get_settings().memory_limit})
    ensure_schema(con)
    return con


def connect_readonly(path: Path | str) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise ConfigurationError(
            "warehouse_ontbreekt",
            _("De warehouse {path} bestaat niet.").format(path=path),
            _("Laad eerst leveringen met 'ketenmonitor ingest'."),
        )
    return duckdb.connect(str(path), read_only=True)
