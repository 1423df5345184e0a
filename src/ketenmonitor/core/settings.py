# SPDX-License-Identifier: EUPL-1.2
"""Typed settings from environment variables ``KETENMONITOR_*``.

There are no secret defaults: the pseudonymisation key must come from ``KETENMONITOR_KEY`` or a
key file named by ``KETENMONITOR_KEY_FILE``, and the pseudonymise stage refuses to run without one.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr

from ketenmonitor.core.env_settings import EnvSettings
from ketenmonitor.core.validation import load_settings


class EngineName(StrEnum):
    """Where indicators are computed and records linked: embedded DuckDB or (Py)Spark.

    Only the name: the engine itself is ``ketenmonitor.engine.resolve_engine(name)`` (ADR 0017).
    """

    DUCKDB = "duckdb"
    SPARK = "spark"


class Settings(EnvSettings):
    env_prefix = "KETENMONITOR_"

    data_dir: Path = Field(default=Path("ketenmonitor-data"), description="Werkmap")
    warehouse: Path | None = Field(default=None, description="Pad naar de DuckDB-warehouse")
    key: SecretStr | None = Field(default=None, description="Pseudonimiseringssleutel (hex)")
    key_file: Path | None = Field(default=None, description="Bestand met de sleutel")
    region: str = Field(
        default="haaglanden",
        validation_alias=AliasChoices("KETENMONITOR_REGIO", "KETENMONITOR_REGION"),
        description="Veilig Thuis-regio (code uit codes/data/regios.csv), bijvoorbeeld haaglanden")
    bronnen_map: Path | None = Field(
        default=None,
        description="Map met de eigen partnersoorten van de regio (één YAML-bestand per "
                    "partnersoort, naast die van het pakket) en haar eigen codelijsten "
                    "(<naam>.csv); docs/bronnen.md")
    log_level: str = Field(default="WARNING")
    rounding_base: int = Field(default=5, ge=1)
    suppression_threshold: int = Field(default=10, ge=1)
    protection_interval: int = Field(
        default=5, ge=0,
        description="Beschermingsinterval: een verborgen aantal 1-9 mag niet nauwer dan ± dit "
                    "getal terug te rekenen zijn (onthullingsbeveiliging)")
    protection_check: bool = Field(
        default=True,
        description="Controleer de onderdrukking met de intervalaanval (samen met eerdere "
                    "publicaties van de regio), onderdruk extra tot die niets meer vindt, en "
                    "weiger te publiceren als dat niet lukt (ADR 0010)")
    bewaartermijn_maanden: int | None = Field(
        default=None, ge=1,
        description="Bewaartermijn van leveringen in maanden na het einde van hun periode "
                    "(ketenmonitor opschonen; AVG, ADR 0020)")
    max_file_bytes: int = Field(default=2 * 1024**3, description="Grootste toegestane invoerbestand")
    check_refuse_fraction: float = Field(
        default=0.5, ge=0, le=1,
        description="Broncontrole bij pseudonimiseren: weiger de export (exitcode 2, geen "
                    "levering) als in een datumkolom, het BSN of de geboortedatum meer dan dit "
                    "deel van de ingevulde waarden onleesbaar is (0,5 is de helft)")
    check_warn_fraction: float = Field(
        default=0.05, ge=0, le=1,
        description="Broncontrole bij pseudonimiseren: schrijf de leveringen, maar eindig met een "
                    "waarschuwing (exitcode 1) als in een datumkolom, het BSN of de geboortedatum "
                    "meer dan dit deel van de ingevulde waarden onleesbaar is")
    duckdb_memory_limit: str | None = Field(
        default=None,
        description="Geheugengrens per DuckDB-database, bijvoorbeeld 4GB (standaard een achtste van "
                    "het werkgeheugen; de koppeling gebruikt er twee tegelijk)")
    engine: EngineName = Field(default=EngineName.DUCKDB, description="Rekenmachine: duckdb of spark")
    spark_master: str = Field(default="local[2]", description="Spark-master (lokaal of cluster-URL)")
    spark_driver_memory: str = Field(default="2g", description="Geheugen van de Spark-driver")
    spark_shuffle_partitions: int = Field(default=8, ge=1, description="Spark-shufflepartities")
    spark_data_dir: Path | None = Field(
        default=None, description="Gedeelde map voor de Parquet-overdracht aan Spark"
    )

    @property
    def warehouse_path(self) -> Path:
        return self.warehouse or self.data_dir / "warehouse.duckdb"

    @property
    def memory_limit(self) -> str:
        """DuckDB's memory limit: the setting, or an eighth of physical memory (at least 1 GiB).

        DuckDB's own default (80 % of memory per database) lets the warehouse and the linkage's
        in-memory database together claim more than the machine has; with a limit, DuckDB spills
        to a temporary folder instead."""
        if self.duckdb_memory_limit:
            return self.duckdb_memory_limit
        try:
            physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            return "2GB"
        return f"{max(1024, physical // 8 // 2**20)}MB"


def get_settings() -> Settings:
    return load_settings(Settings, "KETENMONITOR_")
