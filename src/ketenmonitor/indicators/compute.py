# SPDX-License-Identifier: EUPL-1.2
"""Running the catalogue against the warehouse: unrounded results and disclosed tables.

``compute_all`` only reads (it works on a read-only connection); ``store_results`` is the one
writer, for users who want the unrounded figures inside the closed analysis environment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Protocol

import duckdb
import pyarrow as pa

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import Settings, get_settings
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.disclosure import Protection
from ketenmonitor.indicators.linked import disclose_tables
from ketenmonitor.indicators.periods import provisional_periods, reporting_periods
from ketenmonitor.indicators.protect import protect_tables, refuse_unprotected
from ketenmonitor.indicators.schema import RESULT_SCHEMA
from ketenmonitor.indicators.sources import SOURCE_TABLES

log = get_logger(__name__)
RESULT_TABLE = "indicator_resultaat"
QUERY_WORKERS = 2  # connections that run the catalogue's queries at once


def read_peildatum(con: duckdb.DuckDBPyConnection) -> date:
    """The date the warehouse is complete up to (table ``meta_peildatum``, one row)."""
    try:
        rows = con.execute("SELECT peildatum FROM meta_peildatum").fetchall()
    except duckdb.CatalogException:
        rows = []
    if len(rows) != 1 or not isinstance(rows[0][0], date):
        raise ConfigurationError(
            "peildatum_ontbreekt",
            _("De warehouse heeft geen (eenduidige) peildatum in meta_peildatum."),
            _("Voer eerst de afleidingen uit ('ketenmonitor link'); die zetten de peildatum."),
        )
    value: date = rows[0][0]
    return value


def check_sources(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> None:
    """Refuse to compute when a source table or column of the catalogue is missing."""
    for table in sorted({d.teller.bron for d in catalogue.values()}):
        try:
            present = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
        except duckdb.CatalogException:
            raise ConfigurationError(
                "brontabel_ontbreekt",
                _("De warehouse mist de tabel {table}.").format(table=table),
                _("Laad de leveringen en voer de afleidingen uit voordat u indicatoren berekent."),
            ) from None
        missing = sorted(set(SOURCE_TABLES[table]) - present)
        if missing:
            raise ConfigurationError(
                "bronkolom_ontbreekt",
                _("De tabel {table} mist de kolom(men) {columns}.").format(
                    table=table, columns=", ".join(missing)
                ),
                _("Werk de warehouse bij met dezelfde versie van Ketenmonitor."),
            )


class Compute(Protocol):
    """A catalogue computation: :func:`compute_all` (DuckDB) or an engine's ``compute``."""

    def __call__(
        self,
        con: duckdb.DuckDBPyConnection,
        region: str,
        periods: Sequence[Period] | None = None,
        peildatum: date | None = None,
        catalogue: Catalogue | None = None,
    ) -> dict[str, pa.Table]: ...


def prepare_computation(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue | None,
    periods: Sequence[Period] | None,
    peildatum: date | None,
) -> tuple[Catalogue, Sequence[Period]]:
    """The catalogue and periods to compute, after checking the warehouse has their sources.

    Without ``periods`` the periods follow from ``peildatum`` (default: ``meta_peildatum``).
    Every engine prepares the same way; only running the queries differs.
    """
    catalogue = catalogue or load_catalogue()
    if periods is None:
        periods = reporting_periods(peildatum or read_peildatum(con))
    check_sources(con, catalogue)
    return catalogue, periods


def run_on_duckdb(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    region: str,
    periods: Sequence[Period],
    workers: int = QUERY_WORKERS,
) -> dict[str, pa.Table]:
    """Every indicator of ``catalogue`` as compiled SQL on the warehouse connection.

    One query alone keeps DuckDB's threads only partly busy (≈ 1.45 of 2 cores on the demo):
    the queries run on ``workers`` connections to the same database at once (the connection
    itself and cursors of it, each taking the next indicator). The tables do not depend on
    this; the result keeps the catalogue's order."""
    definitions = list(catalogue.values())
    results: dict[str, pa.Table] = {}
    pending = definitions[::-1]  # popped from the end: catalogue order
    lock = threading.Lock()

    def run(connection: duckdb.DuckDBPyConnection) -> None:
        while True:
            with lock:
                if not pending:
                    return
                defn = pending.pop()
            started = time.perf_counter()
            table = connection.sql(compile_indicator(defn, region, periods)).to_arrow_table()
            results[defn.id] = table.cast(RESULT_SCHEMA)
            log.debug(
                "indicator_berekend",
                indicator=defn.id,
                rijen=table.num_rows,
                seconden=round(time.perf_counter() - started, 3),
            )

    helpers = min(workers, len(definitions)) - 1
    if helpers <= 0:
        run(con)
        return results
    cursors = [con.cursor() for _ in range(helpers)]
    try:
        with ThreadPoolExecutor(helpers) as pool:
            running = [pool.submit(run, cursor) for cursor in cursors]
            try:
                run(con)
            finally:
                with lock:  # on an error here the helpers stop after their current query
                    pending.clear()
                for future in running:
                    future.result()
    finally:
        for cursor in cursors:
            cursor.close()
    return {defn.id: results[defn.id] for defn in definitions}


def compute_all(
    con: duckdb.DuckDBPyConnection,
    region: str,
    periods: Sequence[Period] | None = None,
    peildatum: date | None = None,
    catalogue: Catalogue | None = None,
) -> dict[str, pa.Table]:
    """Unrounded results per indicator id (columns ``schema.RESULT_COLUMNS``), on DuckDB.

    Without ``periods`` the periods follow from ``peildatum`` (default: ``meta_peildatum``).
    To compute on the engine the settings choose (DuckDB or Spark), use
    ``ketenmonitor.engine.resolve_engine().compute``; both give the same tables.
    """
    catalogue, periods = prepare_computation(con, catalogue, periods, peildatum)
    return run_on_duckdb(con, catalogue, region, periods)


def disclose_all(
    results: dict[str, pa.Table],
    peildatum: date,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
    earlier: Sequence[Published] = (),
) -> dict[str, pa.Table]:
    """Disclosure control on all tables of ``compute_all`` together (contract E columns)."""
    return protect_all(results, peildatum, catalogue, settings, earlier)[0]


def protect_all(
    results: dict[str, pa.Table],
    peildatum: date,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
    earlier: Sequence[Published] = (),
    meanwhile: Callable[[], object] | None = None,
) -> tuple[dict[str, pa.Table], dict[str, int]]:
    """The disclosed tables and what the interval attack checked (for the metadata).

    With ``Settings.protection_check`` (the default) the interval attack checks the result
    together with the ``earlier`` publications of the region and more cells are suppressed
    until it finds nothing (``protect.py``); what it still finds refuses the publication.
    ``meanwhile`` (work of the caller that needs no protected table) runs once, while the
    first suppression runs in a forked child when there is one.
    """
    catalogue = catalogue or load_catalogue()
    settings = settings or get_settings()
    codes = sorted({p for t in results.values() for p in t.column("periode").to_pylist()})
    provisional = {p.code for p in provisional_periods([Period.parse(c) for c in codes], peildatum)}
    if not settings.protection_check:
        if meanwhile is not None:
            meanwhile()
        tables = disclose_tables(
            results, catalogue, provisional, settings.suppression_threshold,
            settings.rounding_base,
            protection=Protection(settings.protection_interval, settings.rounding_base // 2),
        )
        return tables, {"protection_interval": settings.protection_interval}
    protected = protect_tables(
        results, catalogue, provisional, threshold=settings.suppression_threshold,
        rounding_base=settings.rounding_base, interval=settings.protection_interval,
        earlier=earlier, meanwhile=meanwhile,
    )
    refuse_unprotected(protected, settings.protection_interval, len(earlier))
    return protected.tables, protected.summary(settings.protection_interval, len(earlier))


def store_results(con: duckdb.DuckDBPyConnection, results: dict[str, pa.Table]) -> int:
    """Replace the warehouse table ``indicator_resultaat`` with the unrounded results."""
    combined = (
        pa.concat_tables([results[k] for k in sorted(results)])
        if results
        else RESULT_SCHEMA.empty_table()
    )
    con.register("nieuwe_resultaten", combined)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {RESULT_TABLE} AS SELECT * FROM nieuwe_resultaten")
    finally:
        con.unregister("nieuwe_resultaten")
    return int(combined.num_rows)
