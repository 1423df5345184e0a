# SPDX-License-Identifier: EUPL-1.2
"""Writing an immutable, versioned publication (format 1.3).

A publication is checked, written to a temporary folder, renamed to ``<regio>-<peildatum>-v<N>``
with the next free N and then made read-only: an existing publication is never overwritten and a
reader never sees a half-written one. Every table passes the guards of ``checks.py``
first; one refused table refuses the whole publication. When the warehouse holds imported CBS
figures (``ketenmonitor benchmark import``) the publication gets the optional table
``_cbs_vergelijking`` with the same indicators next to the Veilig Thuis region and Nederland.
With ``KETENMONITOR_PROTECTION_CHECK`` the interval attack (``protection.py``) runs over the new
tables and every earlier publication of the region first and refuses when it recovers a cell.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from ketenmonitor import __version__
from ketenmonitor.cbs.compare import Comparison, build_comparison, prepare_comparison
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.settings import Settings, get_settings
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compute import Compute, compute_all, protect_all, read_peildatum
from ketenmonitor.indicators.model import Eenheid
from ketenmonitor.indicators.periods import reporting_periods
from ketenmonitor.publish.checks import (
    check_benchmark_table,
    check_indicator_table,
    check_validation_table,
    prepare_validation_table,
)
from ketenmonitor.publish.metadata import base_metadata, deliveries, linkage
from ketenmonitor.publish.protection import earlier_publications
from ketenmonitor.publish.schema import (
    BENCHMARK_TABLE,
    FORMAT_VERSION,
    INDICATOR_SCHEMA,
    METADATA_FILE,
    PUBLICATION_ID,
    TABLES_DIR,
    VALIDATION_TABLE,
    PublicationMetadata,
    version_problem,
)
from ketenmonitor.publish.signs import follow_up_days, mark_tables

log = get_logger(__name__)
READ_ONLY_FILE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
READ_ONLY_DIR = READ_ONLY_FILE | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH


def build_publication(
    con: duckdb.DuckDBPyConnection,
    region: str,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
    compute: Compute = compute_all,
) -> tuple[dict[str, pa.Table], dict[str, Any]]:
    """Compute (``compute``: DuckDB, or an engine's), disclose and describe: a publication's
    tables and metadata."""
    built = _build(con, region, catalogue, settings, compute=compute)
    return built.tables, built.metadata


@dataclass
class _Built:
    results: dict[str, pa.Table]  # unrounded: the CBS comparison needs the truth
    tables: dict[str, pa.Table]
    metadata: dict[str, Any]
    # the CBS comparison prepared while the first suppression ran, for these indicators and
    # periods (None: no CBS figures; not asked for: no entry)
    comparison: tuple[Comparison | None, list[str], list[str]] | None = None


def _build(
    con: duckdb.DuckDBPyConnection,
    region: str,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
    pub_root: Path | None = None,
    compute: Compute = compute_all,
    compare: bool = False,
) -> _Built:
    """Disclosure control runs the interval attack over the new tables and every earlier
    publication under ``pub_root``. With ``compare`` the CBS comparison is prepared while the
    first suppression runs (``protect_all``'s ``meanwhile``); ``write_publication`` finishes it."""
    catalogue = catalogue or load_catalogue()
    settings = settings or get_settings()
    peildatum = read_peildatum(con)
    results = compute(con, region, peildatum=peildatum, catalogue=catalogue)
    earlier = earlier_publications(pub_root, region, catalogue) if settings.protection_check else []
    prepared: list[tuple[Comparison | None, list[str], list[str]]] = []

    def meanwhile() -> None:
        periods = [p.code for p in reporting_periods(peildatum)]
        areas = {name: t for name, t in results.items() if name in catalogue}
        comparison = prepare_comparison(con, areas, periods, catalogue, settings)
        prepared.append((comparison, sorted(areas), periods))

    tables, checked = protect_all(results, peildatum, catalogue, settings, earlier,
                                  meanwhile=meanwhile if compare else None)
    metadata = base_metadata(region, peildatum, catalogue, list(tables), settings)
    metadata["disclosure"]["interval_attack"] = checked
    metadata["deliveries"] = deliveries(con)
    metadata["linkage"] = linkage(con)
    return _Built(results, _marked(tables, metadata, catalogue), metadata,
                  prepared[0] if prepared else None)


def _marked(
    tables: Mapping[str, pa.Table], metadata: Mapping[str, Any], catalogue: Catalogue | None = None
) -> dict[str, pa.Table]:
    """The tables with the reason and sign of every cell without a figure (format 1.2)."""
    catalogue = catalogue or load_catalogue()
    windows = {name: follow_up_days(catalogue[name]) for name in tables if name in catalogue}
    return mark_tables(tables, metadata, windows, INDICATOR_SCHEMA)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def next_publication_id(pub_root: Path, region: str, peildatum: str) -> str:
    """``<regio>-<peildatum>-v<N>`` with N one above the highest existing version."""
    taken = [0]
    if pub_root.exists():
        for entry in pub_root.iterdir():
            match = PUBLICATION_ID.match(entry.name)
            if match and match["regio"] == region and match["peildatum"] == peildatum:
                taken.append(int(match["n"]))
    return f"{region}-{peildatum}-v{max(taken) + 1}"


def _noemer_is_count(metadata: Mapping[str, Any]) -> dict[str, bool]:
    return {
        ind["id"]: not Eenheid(ind["eenheid"]).is_rate for ind in metadata.get("indicators", [])
    }


def _complete_metadata(
    tables: Mapping[str, pa.Table], metadata: Mapping[str, Any], settings: Settings
) -> dict[str, Any]:
    if "region" not in metadata or "peildatum" not in metadata:
        raise PublicationError(
            "metadata_onvolledig",
            _("De metadata van de publicatie mist 'region' of 'peildatum'."),
            _("Geef ten minste de regio en de peildatum mee."),
        )
    peildatum = date.fromisoformat(str(metadata["peildatum"]))
    catalogue = load_catalogue()
    unknown = [name for name in tables if name not in catalogue]
    if unknown and "indicators" not in metadata:
        raise PublicationError(
            "onbekende_indicator",
            _("Tabel(len) zonder indicatordefinitie: {names}.").format(names=", ".join(unknown)),
            _("Geef de definities mee in metadata['indicators'] of voeg ze aan de catalogus toe."),
        )
    base = (
        base_metadata(str(metadata["region"]), peildatum, catalogue, list(tables), settings)
        if not unknown
        else {}
    )
    return {**base, **metadata, "peildatum": peildatum.isoformat()}


def _validate_metadata(data: dict[str, Any]) -> dict[str, Any]:
    problem = version_problem(data)
    if problem:
        raise PublicationError(
            "metadata_ongeldig",
            _("De metadata van de publicatie is ongeldig: {problem}").format(problem=problem),
            _("Neem de indicatordefinities uit de catalogus (met formule)."),
        )
    try:
        return PublicationMetadata.model_validate(data).model_dump(mode="json")
    except ValidationError as error:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in error.errors()})
        raise PublicationError(
            "metadata_ongeldig",
            _("De metadata van de publicatie is ongeldig (velden: {fields}).").format(
                fields=", ".join(fields)
            ),
            _("Gebruik de velden van publicatieformaat {version}.").format(version=FORMAT_VERSION),
        ) from None


def build_benchmark(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, pa.Table],
    metadata: Mapping[str, Any],
    settings: Settings,
) -> tuple[pa.Table | None, list[dict[str, Any]]]:
    """The CBS comparison for this publication, or (None, []) without imported CBS figures."""
    return build_comparison(
        con, tables, list(metadata["periods"]), load_catalogue(), settings
    )


def _check_tables(
    tables: Mapping[str, pa.Table],
    metadata: Mapping[str, Any],
    validation: pa.Table | None,
    benchmark: pa.Table | None = None,
) -> None:
    described = [ind["id"] for ind in metadata["indicators"]]
    if sorted(described) != sorted(tables):
        raise PublicationError(
            "tabellen_metadata",
            _("De tabellen ({tables}) passen niet bij de beschreven indicatoren ({ids}).").format(
                tables=", ".join(sorted(tables)), ids=", ".join(sorted(described))
            ),
            _("Elke indicator heeft precies één tabel en één beschrijving."),
        )
    counts = _noemer_is_count(metadata)
    base = int(metadata["disclosure"]["rounding_base"])
    for name, table in tables.items():
        check_indicator_table(name, table, base, counts[name])
    if validation is not None:
        check_validation_table(validation)
    if benchmark is not None:
        check_benchmark_table(benchmark, base, described)


def _write_files(folder: Path, tables: Mapping[str, pa.Table]) -> dict[str, dict[str, Any]]:
    (folder / TABLES_DIR).mkdir()
    entries: dict[str, dict[str, Any]] = {}
    for name in sorted(tables):
        relative = f"{TABLES_DIR}/{name}.parquet"
        pq.write_table(tables[name], folder / relative)
        entries[name] = {
            "file": relative,
            "sha256": _sha256(folder / relative),
            "rows": tables[name].num_rows,
        }
    return entries


def _seal(folder: Path) -> None:
    """Read-only files and folders: a publication is never changed after writing."""
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(READ_ONLY_DIR if path.is_dir() else READ_ONLY_FILE)


def write_publication(
    con_or_results: duckdb.DuckDBPyConnection | Mapping[str, pa.Table],
    metadata: Mapping[str, Any],
    pub_root: Path,
    validation: pa.Table | None = None,
    settings: Settings | None = None,
    benchmark: pa.Table | None = None,
    compute: Compute = compute_all,
) -> Path:
    """Write a new publication under ``pub_root`` and return its folder.

    ``con_or_results`` is either a warehouse connection (compute + disclosure + deliveries,
    linkage and the CBS comparison from the warehouse; ``metadata`` needs only ``region``;
    ``compute`` is DuckDB's unless an engine passes its own, see ``ketenmonitor.engine``) or
    disclosed tables by indicator id with ``metadata`` holding at least ``region`` and
    ``peildatum`` (and ``benchmark`` the CBS comparison, if any, with ``metadata['cbs_bronnen']``).
    """
    settings = settings or get_settings()
    if isinstance(con_or_results, duckdb.DuckDBPyConnection):
        built = _build(
            con_or_results, str(metadata["region"]), settings=settings, pub_root=pub_root,
            compute=compute, compare=benchmark is None,
        )
        tables = built.tables
        merged: dict[str, Any] = {**built.metadata, **metadata}
        if benchmark is None:
            if built.comparison is not None and built.comparison[1:] == (
                sorted(tables), list(merged["periods"])
            ):  # prepared for these very indicators and periods
                prepared = built.comparison[0]
                benchmark, sources = prepared.finish(tables) if prepared else (None, [])
            else:
                benchmark, sources = build_benchmark(con_or_results, tables, merged, settings)
            merged.setdefault("cbs_bronnen", sources)
    else:
        merged = _complete_metadata(con_or_results, metadata, settings)
        tables = _marked(con_or_results, merged)
    merged.setdefault("cbs_bronnen", [])
    all_tables = dict(tables)
    if validation is not None:
        validation = prepare_validation_table(validation)
        all_tables[VALIDATION_TABLE] = validation
    if benchmark is not None:
        all_tables[BENCHMARK_TABLE] = benchmark
    pub_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publicatie-", dir=pub_root))
    try:
        merged.update(
            format_version=FORMAT_VERSION,
            publication_id=next_publication_id(
                pub_root, str(merged["region"]), merged["peildatum"]
            ),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            software_version=__version__,
            tables={},
        )
        final_metadata = _validate_metadata(merged)
        _check_tables(tables, final_metadata, validation, benchmark)
        final_metadata["tables"] = _write_files(staging, all_tables)
        final_metadata = _validate_metadata(final_metadata)
        (staging / METADATA_FILE).write_text(
            json.dumps(final_metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        target = _claim(staging, pub_root, final_metadata)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("publicatie_geschreven", pad=str(target), tabellen=len(all_tables))
    return target


def _claim(staging: Path, pub_root: Path, metadata: dict[str, Any]) -> Path:
    """Rename the staging folder to the first free version; never replace an existing one."""
    for _attempt in range(100):
        target = pub_root / str(metadata["publication_id"])
        if not target.exists():
            try:
                os.rename(staging, target)
            except OSError:
                pass  # another writer took this version a moment ago
            else:
                _seal(target)
                target.chmod(READ_ONLY_DIR)
                return target
        metadata["publication_id"] = next_publication_id(
            pub_root, metadata["region"], metadata["peildatum"]
        )
        (staging / METADATA_FILE).write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    raise PublicationError(
        "publicatie_versie",
        _("Er is geen vrij versienummer gevonden in {folder}.").format(folder=pub_root),
        _("Controleer of de publicatiemap schrijfbaar is."),
    )
