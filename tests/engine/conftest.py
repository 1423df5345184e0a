# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the engine tests: the synthetic warehouse with CBS figures imported, and the
publications ``ketenmonitor publish`` writes from it on each engine.

Each engine publishes once per test session; the unrounded results its computation produced on
the way are kept too, so the Spark tests share one Spark computation (the expensive part) instead
of computing the catalogue again per assertion.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import EngineName
from ketenmonitor.engine.base import BaseEngine
from ketenmonitor.indicators.catalogue import Catalogue
from testsupport import TESTS, load_module

CBS_DATA = TESTS / "cbs" / "data"
REGION = "haaglanden"
# Two shuffle partitions: the fixture is small, and more partitions only add Spark tasks.
CLI_ENV = {"KETENMONITOR_SPARK_SHUFFLE_PARTITIONS": "2"}


@dataclass(frozen=True)
class Run:
    """One ``publish`` run: the folder written and the unrounded results computed for it."""

    folder: Path
    results: dict[str, pa.Table]

    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "metadata.json").read_text("utf-8"))
        return data

    def table(self, name: str) -> pa.Table:
        return pq.read_table(self.folder / self.metadata()["tables"][name]["file"])


@pytest.fixture(scope="session")
def cbs_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The indicator tests' synthetic warehouse with the CBS StatLine test files imported."""
    from ketenmonitor.cbs import import_files

    path = tmp_path_factory.mktemp("engine-warehouse") / "warehouse.duckdb"
    load_module("indicators/synthetic_warehouse.py").build_warehouse(path).close()
    import_files(sorted(CBS_DATA.glob("*.csv")), path)
    return path


def publish(warehouse: Path, out: Path, engine: EngineName) -> Run:
    """``ketenmonitor publish --engine <engine>``, recording what the engine computed."""
    import ketenmonitor.cli.publish  # noqa: F401  (registers the command)
    from ketenmonitor.cli.app import app

    computed: list[dict[str, pa.Table]] = []
    original = BaseEngine.compute

    def recording(self: BaseEngine, con: duckdb.DuckDBPyConnection, region: str,
                  periods: Sequence[Period] | None = None, peildatum: date | None = None,
                  catalogue: Catalogue | None = None) -> dict[str, pa.Table]:
        results = original(self, con, region, periods, peildatum, catalogue)
        computed.append(results)
        return results

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseEngine, "compute", recording)
        result = CliRunner().invoke(app, ["publish", "--warehouse", str(warehouse), "--regio",
                                          REGION, "--uitvoer", str(out), "--engine", engine],
                                    env=CLI_ENV)
    assert result.exit_code == 0, result.output
    assert len(computed) == 1, "publish computes the catalogue exactly once"
    return Run(Path(result.output.strip().splitlines()[-1]), computed[0])


@pytest.fixture(scope="session")
def duckdb_run(cbs_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return publish(cbs_warehouse, tmp_path_factory.mktemp("pub-duckdb"), EngineName.DUCKDB)


@pytest.fixture(scope="session")
def spark_run(cbs_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return publish(cbs_warehouse, tmp_path_factory.mktemp("pub-spark"), EngineName.SPARK)
