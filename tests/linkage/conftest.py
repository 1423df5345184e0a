# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for linkage tests: a small simulated region tokenised as contract T describes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest

from testsupport import load_module


def load_token_fixture() -> ModuleType:
    return load_module("linkage/token_fixture.py")


token_fixture = load_token_fixture()


@dataclass
class Region:
    """A simulated region's betrokkenen as tokens, and where its ground truth is."""

    tokens: Any  # pyarrow.Table of tokenised betrokkenen
    truth: Path
    exports: Path
    helper: ModuleType = token_fixture

    def warehouse(self) -> duckdb.DuckDBPyConnection:
        from ketenmonitor.warehouse import connect

        con = connect(":memory:")
        token_fixture.load_betrokkenen(con, self.tokens)
        return con

    def scores(self, con: duckdb.DuckDBPyConnection) -> tuple[float, float, float]:
        return pairwise_scores(con, self.truth)


@pytest.fixture(scope="session")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    from ketenmonitor.simulate import SimulationConfig, run_simulation

    out = tmp_path_factory.mktemp("regio")
    run_simulation(SimulationConfig(regio=token_fixture.REGION, van=2019, tot=2021, schaal=0.04,
                                    seed=11), out)
    return Region(token_fixture.tokenised_betrokkenen(out / "exports"),
                  out / "grondwaarheid" / "betrokkenen.parquet", out / "exports")


def pairwise_scores(con: duckdb.DuckDBPyConnection, truth: Path) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``link_persoon`` against the true persons."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _eval AS
    SELECT p.persoon_id, g.persoon_id AS truth
    FROM link_persoon p
    JOIN read_parquet('{truth}') g
      ON g.bron_id = p.bron_id AND g.volgnummer = p.volgnummer
     AND p.partner = g.partner_type || '_{token_fixture.REGION}'
    """)

    def pairs(group: str) -> float:
        return float(con.execute(
            f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM "
            f"(SELECT count(*) AS n FROM _eval GROUP BY {group})").fetchall()[0][0])

    true_positive, predicted, actual = pairs("persoon_id, truth"), pairs("persoon_id"), pairs("truth")
    precision, recall = true_positive / predicted, true_positive / actual
    return precision, recall, 2 * precision * recall / (precision + recall)
