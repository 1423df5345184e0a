# SPDX-License-Identifier: EUPL-1.2
"""What DuckDB and Spark share: preparing a computation, linking and publishing.

Only running the compiled catalogue and scoring pairs differ per engine; everything around them
is here once, so a step added to publication (the CBS comparison, the interval attack) reaches
both engines without a branch anywhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import EngineName, Settings, get_settings
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compute import prepare_computation
from ketenmonitor.linkage import LinkageSummary, ModelConfig, link_probabilistic
from ketenmonitor.linkage.probabilistic import Scorer
from ketenmonitor.publish import write_publication


class BaseEngine(ABC):
    """An :class:`~ketenmonitor.engine.protocol.Engine` given how to run a catalogue and score."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings or get_settings()

    @property
    @abstractmethod
    def name(self) -> EngineName: ...

    @property
    def settings(self) -> Settings:
        return self._settings

    @abstractmethod
    def run_catalogue(
        self,
        con: duckdb.DuckDBPyConnection,
        catalogue: Catalogue,
        region: str,
        periods: Sequence[Period],
    ) -> dict[str, pa.Table]:
        """Every indicator of ``catalogue`` for ``region`` and ``periods`` (sources checked)."""

    @abstractmethod
    def scorer(self) -> Scorer: ...

    def compute(
        self,
        con: duckdb.DuckDBPyConnection,
        region: str,
        periods: Sequence[Period] | None = None,
        peildatum: date | None = None,
        catalogue: Catalogue | None = None,
    ) -> dict[str, pa.Table]:
        catalogue, periods = prepare_computation(con, catalogue, periods, peildatum)
        return self.run_catalogue(con, catalogue, region, periods)

    def link(
        self,
        con: duckdb.DuckDBPyConnection,
        config: ModelConfig | None = None,
        *,
        retrain: bool = False,
        run_at: datetime | None = None,
    ) -> LinkageSummary:
        return link_probabilistic(con, config, retrain=retrain, run_at=run_at,
                                  scorer=self.scorer())

    def publish(
        self,
        con: duckdb.DuckDBPyConnection,
        region: str,
        pub_root: Path,
        validation: pa.Table | None = None,
    ) -> Path:
        return write_publication(con, {"region": region}, pub_root, validation, self.settings,
                                 compute=self.compute)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"
