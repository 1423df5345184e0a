# SPDX-License-Identifier: EUPL-1.2
"""Linkage on Splink's Spark backend: same model → same persons; trained on Spark → same quality.

Parity is tested twice, with one Splink run on Spark each. With one model (trained on DuckDB with
the Bloom filters, reused on Spark) the two engines must give identical persons: everything after
training is deterministic. Trained on Spark itself, the u probabilities come from a different
random sample (Spark's sampler is not DuckDB's), so the model differs in the last digits; there the
pairwise F1 against the ground truth must lie within 0.005 of the DuckDB run's F1 — the tolerance
is a tenth of the gap between probabilistic and BSN-only linkage on this fixture, so a broken Spark
path cannot pass. Which scorer the ``link`` command uses is the engine's choice
(``tests/engine/test_resolve.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.core.settings import Settings
from ketenmonitor.linkage import ModelConfig, link_probabilistic
from ketenmonitor.linkage.spark_backend import score_on_spark, spark_input
from ketenmonitor.warehouse import connect

RUN = datetime(2025, 1, 10, 9, 0)
F1_TOLERANCE = 0.005
SETTINGS = Settings(spark_shuffle_partitions=2)


def _spark_scorer(*args: Any, **kwargs: Any) -> Any:
    return score_on_spark(*args, settings=SETTINGS, **kwargs)


def _persons(con: Any) -> list[tuple[str, str, int, str, str]]:
    return con.execute("SELECT partner, bron_id, volgnummer, persoon_id, methode FROM link_persoon "
                       "ORDER BY ALL").fetchall()


def test_unsigned_codes_keep_their_bits_and_nulls() -> None:
    codes = pa.array([0, 1, 2**63, 2**64 - 1, None], pa.uint64())
    table = pa.table({"rid": pa.array([1, 2, 3, 4, 5], pa.int64()), "bsn_token": codes,
                      "geslacht": pa.array(["M", "V", None, "O", "M"])})
    signed = spark_input(table)
    assert signed.schema.field("bsn_token").type == pa.int64()
    assert signed.column("bsn_token").to_pylist() == [0, 1, -(2**63), -1, None]
    assert signed.column("rid").equals(table.column("rid"))
    assert signed.column("geslacht").equals(table.column("geslacht"))
    # equality is all the model uses: distinct codes stay distinct
    assert len(set(signed.column("bsn_token").to_pylist())) == 5


@pytest.mark.spark
def test_same_model_gives_the_same_persons_on_both_engines(region: Any) -> None:
    # With the Bloom filters, so the model holds the exact token levels and the Dice levels
    # (``bit_count`` on 64-bit words) that both engines must read alike.
    con = connect(":memory:")
    region.helper.load_betrokkenen(con, region.helper.tokenised_betrokkenen(region.exports,
                                                                           bloom=True))
    on_duckdb = link_probabilistic(con, run_at=RUN)
    assert "_bloom" in (on_duckdb.model or "")  # the Dice levels are in the model
    persons_duckdb = _persons(con)
    on_spark = link_probabilistic(con, run_at=RUN, scorer=_spark_scorer)
    assert _persons(con) == persons_duckdb
    assert on_spark.model == on_duckdb.model  # the stored model was reused, not retrained
    assert (on_spark.persons, on_spark.households, on_spark.probabilistic_records) == (
        on_duckdb.persons, on_duckdb.households, on_duckdb.probabilistic_records)
    assert on_spark.estimated_precision == pytest.approx(on_duckdb.estimated_precision, abs=1e-9)
    assert on_spark.estimated_recall == pytest.approx(on_duckdb.estimated_recall, abs=1e-9)


@pytest.mark.spark
def test_trained_on_spark_links_as_well_as_duckdb(region: Any) -> None:
    config = ModelConfig(bloom=False)
    duck = region.warehouse()
    link_probabilistic(duck, config, run_at=RUN)
    _p, _r, f1_duckdb = region.scores(duck)
    spark = region.warehouse()
    summary = link_probabilistic(spark, config, run_at=RUN, scorer=_spark_scorer)
    precision, recall, f1_spark = region.scores(spark)
    assert summary.method == "probabilistisch"
    assert abs(f1_spark - f1_duckdb) <= F1_TOLERANCE, (f1_spark, f1_duckdb)
    assert precision >= 0.98 and recall >= 0.97
