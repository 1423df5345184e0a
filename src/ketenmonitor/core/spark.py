# SPDX-License-Identifier: EUPL-1.2
"""One SparkSession per process, configured from the settings (``KETENMONITOR_SPARK_*``).

PySpark is an optional dependency (``pip install ketenmonitor[spark]``): it is imported only here,
when the Spark engine is asked for, and a missing PySpark or Java gives a Dutch error instead of
a traceback. The session never fetches anything: no ``spark.jars.packages``, no Hive metastore
(the catalog lives in memory) and no web UI. In local mode (``local[2]``, the default) driver and
executors are this process's JVM; with a cluster URL (``spark://…``, ``yarn``, ``k8s://…``) the
same code runs on the cluster, which must then be able to read ``KETENMONITOR_SPARK_DATA_DIR``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.settings import Settings, get_settings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = get_logger(__name__)
APP_NAME = "ketenmonitor"


def _missing_spark() -> ConfigurationError:
    return ConfigurationError(
        "spark_ontbreekt",
        _("PySpark is niet geïnstalleerd; de Spark-rekenmachine is niet beschikbaar."),
        _("Installeer het met 'pip install ketenmonitor[spark]' (Java 17 nodig), "
          "of reken met --engine duckdb."),
    )


def spark_config(settings: Settings) -> dict[str, str]:
    """The Spark options of a Ketenmonitor session (pure: testable without a JVM)."""
    config = {
        "spark.app.name": APP_NAME,
        "spark.master": settings.spark_master,
        "spark.driver.memory": settings.spark_driver_memory,
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(settings.spark_shuffle_partitions),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.catalogImplementation": "in-memory",
        "spark.sql.warehouse.dir": tempfile.gettempdir() + "/ketenmonitor-spark-warehouse",
        # Arrow moves results to Python without row-by-row conversion.
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }
    if settings.spark_master.startswith("local"):
        # one machine: bind to loopback instead of guessing a network interface
        config["spark.driver.host"] = "127.0.0.1"
        config["spark.driver.bindAddress"] = "127.0.0.1"
    return config


def spark_session(settings: Settings | None = None) -> SparkSession:
    """The process's SparkSession (created on first use, then reused)."""
    try:
        from pyspark.errors import PySparkException
        from pyspark.sql import SparkSession
    except ImportError:
        raise _missing_spark() from None
    settings = settings or get_settings()
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if settings.spark_master.startswith("local"):
        # spark-submit otherwise guesses a network interface and warns about it
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder
    for key, value in spark_config(settings).items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except (PySparkException, OSError) as error:
        raise ConfigurationError(
            "spark_start",
            _("Spark start niet ({master}): {error}").format(
                master=settings.spark_master, error=str(error).splitlines()[0]
            ),
            _("Controleer of Java 17 geïnstalleerd is en KETENMONITOR_SPARK_MASTER klopt."),
        ) from None
    session.sparkContext.setLogLevel("ERROR")
    # PySpark also logs every failed query as JSON; our own Dutch error says it once.
    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
    log.info("spark_gestart", master=settings.spark_master, versie=session.version)
    return session


@contextmanager
def handoff_folder(settings: Settings) -> Iterator[Path]:
    """A fresh folder for Parquet handed to Spark (and its checkpoints); removed afterwards.

    Under ``KETENMONITOR_SPARK_DATA_DIR`` when set (on a cluster that folder must be shared
    storage every executor can read), else in the system's temporary folder.
    """
    base = settings.spark_data_dir
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="ketenmonitor-spark-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
