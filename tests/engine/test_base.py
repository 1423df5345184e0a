# SPDX-License-Identifier: EUPL-1.2
"""What every engine shares: the publication is built the same way whichever engine computed.

These run without Spark: a stand-in engine that computes with DuckDB but is not the DuckDB
engine shows that publication (disclosure control, metadata, the CBS comparison) is no longer
chosen per engine — the bug of issue 17, where ``publish --engine spark`` wrote ``cbs_bronnen: []``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import EngineName, Settings
from ketenmonitor.engine.base import BaseEngine
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compute import run_on_duckdb
from ketenmonitor.linkage.probabilistic import Scorer
from ketenmonitor.linkage.scoring import score
from ketenmonitor.publish import BENCHMARK_TABLE
from ketenmonitor.warehouse import connect_readonly

CBS_TABLES = {"03759ned", "84847NED", "84849NED", "84850NED", "85361NED"}


class StandIn(BaseEngine):
    """Claims to be Spark, computes with DuckDB: only the shared code decides the publication."""

    @property
    def name(self) -> EngineName:
        return EngineName.SPARK

    def run_catalogue(self, con: duckdb.DuckDBPyConnection, catalogue: Catalogue, region: str,
                      periods: Sequence[Period]) -> dict[str, pa.Table]:
        return run_on_duckdb(con, catalogue, region, periods)

    def scorer(self) -> Scorer:
        return score


def test_publish_on_duckdb_writes_every_cbs_source(duckdb_run: Any) -> None:
    metadata = duckdb_run.metadata()
    assert BENCHMARK_TABLE in metadata["tables"]
    assert {source["tabel"] for source in metadata["cbs_bronnen"]} == CBS_TABLES
    assert duckdb_run.table(BENCHMARK_TABLE).num_rows > 0


def test_any_engine_publishes_what_the_duckdb_engine_publishes(
    cbs_warehouse: Path, duckdb_run: Any, tmp_path: Path
) -> None:
    con = connect_readonly(cbs_warehouse)
    try:
        folder = StandIn(Settings()).publish(con, "haaglanden", tmp_path)
    finally:
        con.close()
    got = json.loads((folder / "metadata.json").read_text("utf-8"))
    expected = duckdb_run.metadata()
    for metadata in (got, expected):
        metadata.pop("created_at")
    assert got == expected  # same CBS sources, tables and checksums


def test_the_engine_says_what_it_is() -> None:
    assert repr(StandIn(Settings())) == "<StandIn spark>"
