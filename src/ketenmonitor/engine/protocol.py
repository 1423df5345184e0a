# SPDX-License-Identifier: EUPL-1.2
"""What every engine offers: compute, link and publish (see ADR 0017)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import EngineName, Settings
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.linkage import LinkageSummary, ModelConfig
from ketenmonitor.linkage.probabilistic import Scorer


class Engine(Protocol):
    """DuckDB or Spark: the one object that decides where the heavy work runs.

    All methods read the warehouse through a DuckDB connection (the warehouse is a DuckDB file
    on every engine); only the computation behind them moves.
    """

    @property
    def name(self) -> EngineName: ...

    @property
    def settings(self) -> Settings: ...

    def compute(
        self,
        con: duckdb.DuckDBPyConnection,
        region: str,
        periods: Sequence[Period] | None = None,
        peildatum: date | None = None,
        catalogue: Catalogue | None = None,
    ) -> dict[str, pa.Table]:
        """Unrounded results per indicator id (``indicators.schema.RESULT_SCHEMA``).

        Without ``periods`` they follow from ``peildatum`` (default: ``meta_peildatum``).
        """
        ...

    def scorer(self) -> Scorer:
        """The Splink scorer of this engine, for ``linkage.link_probabilistic``."""
        ...

    def link(
        self,
        con: duckdb.DuckDBPyConnection,
        config: ModelConfig | None = None,
        *,
        retrain: bool = False,
        run_at: datetime | None = None,
    ) -> LinkageSummary:
        """Probabilistic linkage of the warehouse's betrokkenen, scored on this engine."""
        ...

    def publish(
        self,
        con: duckdb.DuckDBPyConnection,
        region: str,
        pub_root: Path,
        validation: pa.Table | None = None,
    ) -> Path:
        """Compute on this engine, then disclose, compare with CBS and write; the new folder."""
        ...
