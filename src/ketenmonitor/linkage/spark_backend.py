# SPDX-License-Identifier: EUPL-1.2
"""Probabilistic linkage with Splink's Spark backend: the heavy part (training, blocking,
comparing) on Spark, the decisions on the scored pairs the same as on DuckDB.

Only the database changes: the settings, comparisons, blocking and training rules come from
:mod:`ketenmonitor.linkage.splink_model` unchanged (equality of token codes, and for the Bloom
filters ``bit_count`` of ``&`` on 64-bit words with a ``::INTEGER`` cast, which Spark 4 SQL reads
as DuckDB does, so the same SQL runs on both engines) and a model trained on one engine is reused
on the other. The blocking plan is made on the driver (exact pair counts in DuckDB,
:mod:`ketenmonitor.linkage.blocking`),
the pairs above the weight floor come back as Arrow, and λ refinement, clustering and the error
estimates run on them with :func:`ketenmonitor.linkage.scoring.decide`, so both engines decide
alike: with the same model the same pairs give the same persons.

Spark has no unsigned integers: the 64-bit token codes are handed over bit for bit as signed
BIGINT (equality, all the model uses, is unchanged). Splink's similarity-function JAR is not
registered because no comparison uses string similarity; nothing is downloaded.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.settings import Settings, get_settings
from ketenmonitor.core.spark import handoff_folder, spark_session
from ketenmonitor.linkage import splink_model
from ketenmonitor.linkage.blocking import BlockingPlan
from ketenmonitor.linkage.scoring import (
    PREDICTION_FLOOR_WEIGHT,
    Records,
    ScoreResult,
    decide,
    prediction_plan,
    prediction_settings,
    take_records,
    with_unproposed,
)
from ketenmonitor.linkage.splink_model import UNIQUE_ID, ModelConfig

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = get_logger(__name__)
PREDICTION_COLUMNS = (f"{UNIQUE_ID}_l", f"{UNIQUE_ID}_r", "match_weight", "match_probability")


def spark_input(records: pa.Table) -> pa.Table:
    """``records`` with every unsigned 64-bit column reinterpreted as signed (same bits)."""
    columns = []
    for column in records.columns:
        if pa.types.is_unsigned_integer(column.type) and column.type.bit_width == 64:
            column = pa.chunked_array([c.view(pa.int64()) for c in column.chunks], pa.int64())
        columns.append(column)
    return pa.table(columns, names=records.column_names)


def _splink_on_spark(spark: SparkSession, records: pa.Table, config: ModelConfig,
                     stored_model: str | None, with_bsn: bool, plan: BlockingPlan, folder: Any,
                     partitions: int) -> tuple[pa.Table, dict[str, Any]]:
    """Train (unless ``stored_model``) and predict on Spark; the scored pairs as Arrow."""
    from splink import Linker
    from splink.backends.spark import SparkAPI

    spark.sparkContext.setCheckpointDir(str(folder / "checkpoints"))
    pq.write_table(spark_input(records), folder / "records.parquet")
    frame_input = spark.read.parquet(str(folder / "records.parquet"))
    api = SparkAPI(  # type: ignore[no-untyped-call]
        spark_session=spark, break_lineage_method="parquet", register_udfs_automatically=False,
        num_partitions_on_repartition=partitions)
    view = f"ketenmonitor_invoer_{uuid.uuid4().hex[:12]}"  # temp views are session-wide
    frame = api.register(frame_input, table_name=view)
    if stored_model is None:
        share = spark.sql(f"SELECT avg(CAST(bsn_token IS NOT NULL AS INT)) FROM {view}").first()
        trainer = Linker(frame, splink_model.settings(config), log_level=None)
        model = splink_model.train(trainer, config, float(share[0] or 0.0) if share else 0.0,
                                   with_bsn)
    else:
        model = json.loads(stored_model)
    linker = Linker(frame, prediction_settings(model, plan, "spark"), log_level=None)
    predictions = linker.inference.predict(threshold_match_weight=PREDICTION_FLOOR_WEIGHT,
                                           warning_mode="never").physical_name
    pairs = spark.sql(f"SELECT {', '.join(PREDICTION_COLUMNS)} FROM {predictions}").toArrow()
    linker.table_management.delete_tables_created_by_splink_from_db()  # type: ignore[no-untyped-call]
    spark.catalog.dropTempView(view)
    return pairs, model


def score_on_spark(handoff: Records, config: ModelConfig, stored_model: str | None,
                   with_bsn: bool = True, settings: Settings | None = None) -> ScoreResult:
    """:func:`scoring.score` with Splink on Spark (same arguments, same result type)."""
    records = take_records(handoff)
    settings = settings or get_settings()
    splink_model.quiet_splink()
    con = duckdb.connect(":memory:")
    try:
        con.register("invoer", records)
        plan = prediction_plan(con, config)
        spark = spark_session(settings)
        with handoff_folder(settings) as folder:
            pairs, model = _splink_on_spark(spark, records, config, stored_model, with_bsn, plan,
                                            folder, settings.spark_shuffle_partitions)
        con.register("_spark_pairs", pairs)
        result = decide(con, "_spark_pairs", records.num_rows, model, config,
                        trained=stored_model is None, plan=plan, engine="spark")
        # the unproposed pairs' sample is small (u_max_pairs): scored on the driver, as DuckDB does
        result = with_unproposed(con, model, plan, result, config)
    finally:
        con.close()
    if stored_model is not None:
        return replace(result, model=stored_model)
    return result
