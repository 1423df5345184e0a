# SPDX-License-Identifier: EUPL-1.2
"""The compute engine: DuckDB or Spark behind one interface, resolved once from the settings.

An :class:`Engine` owns what differs between the two — computing the indicator catalogue and
scoring record pairs in the linkage — and publication, which it builds from its own
computation with the shared disclosure control, CBS comparison and writer (ADR 0017). Commands
and the demo ask :func:`resolve_engine` for one and never branch on the choice themselves.

Importing this package does not import PySpark (an optional extra): the Spark engine's module is
loaded only when it is resolved, and PySpark itself only when that engine starts computing.
"""

from __future__ import annotations

from ketenmonitor.engine.protocol import Engine
from ketenmonitor.engine.resolve import resolve_engine

__all__ = ["Engine", "resolve_engine"]
