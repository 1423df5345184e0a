# SPDX-License-Identifier: EUPL-1.2
"""The scale-out engine: the transpiled catalogue and Splink on (Py)Spark (ADR 0009).

This module imports no PySpark: ``core/spark.py`` starts the session (or refuses in Dutch when
PySpark or Java is missing) the first time a computation needs it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import EngineName
from ketenmonitor.engine.base import BaseEngine
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.spark import compute_on_spark
from ketenmonitor.linkage.probabilistic import Scorer
from ketenmonitor.linkage.spark_backend import score_on_spark


class SparkEngine(BaseEngine):
    """Sources handed to Spark as Parquet; results back as Arrow with the DuckDB schema."""

    @property
    def name(self) -> EngineName:
        return EngineName.SPARK

    def run_catalogue(
        self,
        con: duckdb.DuckDBPyConnection,
        catalogue: Catalogue,
        region: str,
        periods: Sequence[Period],
    ) -> dict[str, pa.Table]:
        return compute_on_spark(con, catalogue, region, periods, self.settings)

    def scorer(self) -> Scorer:
        return functools.partial(score_on_spark, settings=self.settings)
