# SPDX-License-Identifier: EUPL-1.2
"""The default engine: the catalogue and Splink on DuckDB, in this process."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import EngineName
from ketenmonitor.engine.base import BaseEngine
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compute import run_on_duckdb
from ketenmonitor.linkage.probabilistic import Scorer
from ketenmonitor.linkage.scoring import score


class DuckDBEngine(BaseEngine):
    """Compiled indicator SQL on the warehouse connection itself; Splink's DuckDB backend."""

    @property
    def name(self) -> EngineName:
        return EngineName.DUCKDB

    def run_catalogue(
        self,
        con: duckdb.DuckDBPyConnection,
        catalogue: Catalogue,
        region: str,
        periods: Sequence[Period],
    ) -> dict[str, pa.Table]:
        return run_on_duckdb(con, catalogue, region, periods)

    def scorer(self) -> Scorer:
        return score
