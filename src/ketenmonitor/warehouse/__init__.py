# SPDX-License-Identifier: EUPL-1.2
"""The DuckDB warehouse: schema, migrations and connections."""

from __future__ import annotations

from ketenmonitor.warehouse.connection import connect, connect_readonly
from ketenmonitor.warehouse.schema import ensure_schema

__all__ = ["connect", "connect_readonly", "ensure_schema"]
