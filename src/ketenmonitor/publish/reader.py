# SPDX-License-Identifier: EUPL-1.2
"""Reading a publication, for reports and the portal: validated or refused, never half-read.

The reader checks the format version, the metadata shape, every checksum, row count and column
set, and runs the same disclosure guards as the writer. Anything it cannot validate — a
tampered file, an unknown version, an extra table — refuses the publication as a whole with a
Dutch message, because figures whose protection cannot be shown must not reach a council report.

An older publication (format 1.0 or 1.1) is checked against its own column set and then returned
in the current layout: the columns and metadata fields it predates are there, as null, and the
reason and sign of every cell without a figure are derived as the writer derives them now
(``signs.py``), so a report or the portal never has to ask which version it got.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.model import Eenheid
from ketenmonitor.publish.checks import (
    check_benchmark_table,
    check_indicator_table,
    check_validation_table,
)
from ketenmonitor.publish.schema import (
    BENCHMARK_TABLE,
    INDICATOR_SCHEMA,
    INDICATOR_SCHEMAS,
    METADATA_FILE,
    OPTIONAL_TABLES,
    PUBLICATION_ID,
    SUPPORTED_VERSIONS,
    TABLES_DIR,
    VALIDATION_TABLE,
    PublicationMetadata,
    version_problem,
)
from ketenmonitor.publish.signs import follow_up_days, mark_tables


@dataclass(frozen=True)
class Publication:
    """A validated publication: its metadata (as in ``metadata.json``) and its tables.

    Both in the current layout: fields and columns an older format version lacks are null.
    """

    path: Path
    metadata: dict[str, Any]
    tables: dict[str, pa.Table]

    @property
    def publication_id(self) -> str:
        return str(self.metadata["publication_id"])

    @property
    def region(self) -> str:
        return str(self.metadata["region"])

    @property
    def region_name(self) -> str:
        return str(self.metadata["region_name"])

    @property
    def peildatum(self) -> date:
        return date.fromisoformat(self.metadata["peildatum"])

    @property
    def periods(self) -> list[str]:
        return list(self.metadata["periods"])

    @property
    def provisional_periods(self) -> list[str]:
        return list(self.metadata["provisional_periods"])

    @property
    def indicator_ids(self) -> list[str]:
        """Indicator ids in catalogue order."""
        return [ind["id"] for ind in self.metadata["indicators"]]

    @property
    def validation(self) -> pa.Table | None:
        return self.tables.get(VALIDATION_TABLE)

    @property
    def format_version(self) -> str:
        return str(self.metadata["format_version"])

    @property
    def benchmark(self) -> pa.Table | None:
        """The CBS comparison (``_cbs_vergelijking``, format 1.1), if the publication has one."""
        return self.tables.get(BENCHMARK_TABLE)

    @property
    def table_names(self) -> list[str]:
        """Every table: the indicators in catalogue order, then the optional tables present."""
        return self.indicator_ids + [t for t in OPTIONAL_TABLES if t in self.tables]

    def indicator(self, indicator_id: str) -> dict[str, Any]:
        """The definition of one indicator (titel, definitie, formule, eenheid, ...)."""
        for ind in self.metadata["indicators"]:
            if ind["id"] == indicator_id:
                return dict(ind)
        raise _unknown(indicator_id)

    def formule(self, indicator_id: str) -> str | None:
        """How the figure is computed (e.g. '100 × ... ÷ ...'); None in a 1.0 publication."""
        formule = self.indicator(indicator_id)["formule"]
        return None if formule is None else str(formule)

    def table(self, indicator_id: str) -> pa.Table:
        """The published cells of one indicator (contract E columns)."""
        if indicator_id in OPTIONAL_TABLES or indicator_id not in self.tables:
            raise _unknown(indicator_id)
        return self.tables[indicator_id]


def _unknown(indicator_id: str) -> PublicationError:
    return PublicationError(
        "indicator_onbekend",
        _("De publicatie bevat geen indicator '{id}'.").format(id=indicator_id),
        _("Kies een indicator uit de metadata van de publicatie."),
    )


def _refuse(path: Path, reason: str) -> PublicationError:
    return PublicationError(
        "publicatie_ongeldig",
        _("Publicatie {path} is geweigerd: {reason}").format(path=path, reason=reason),
        _("Gebruik alleen publicaties die 'ketenmonitor publish' schreef, onveranderd."),
    )


def _metadata(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads((path / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise _refuse(path, _("metadata.json ontbreekt of is geen geldige JSON.")) from None
    if not isinstance(raw, dict):
        raise _refuse(path, _("metadata.json is geen object."))
    if raw.get("format_version") not in SUPPORTED_VERSIONS:
        raise _refuse(
            path,
            _("formaatversie {found} wordt niet ondersteund (alleen {version}).").format(
                found=raw.get("format_version"), version=" en ".join(SUPPORTED_VERSIONS)
            ),
        )
    problem = version_problem(raw)
    if problem:
        raise _refuse(path, problem)
    try:
        PublicationMetadata.model_validate(raw)
    except ValidationError as error:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in error.errors()})
        raise _refuse(
            path, _("de metadata is ongeldig (velden: {fields}).").format(fields=", ".join(fields))
        ) from None
    if raw["publication_id"] != path.name:
        raise _refuse(path, _("de mapnaam past niet bij de publicatie-id."))
    for ind in raw["indicators"]:
        ind.setdefault("formule", None)  # 1.0 predates it
    return raw


@functools.cache
def _catalogue() -> Catalogue:
    """The built-in catalogue, read once: older publications need its follow-up windows."""
    return load_catalogue()


def _current_layout(table: pa.Table, name: str, metadata: dict[str, Any]) -> pa.Table:
    """An indicator table of an older version in the current layout: the columns it lacks as
    nulls, the reasons of its empty cells derived (with the catalogue's follow-up window)."""
    if table.schema.equals(INDICATOR_SCHEMA):
        return table
    catalogue = _catalogue()
    window = follow_up_days(catalogue[name]) if name in catalogue else None
    return mark_tables({name: table}, metadata, {name: window}, INDICATOR_SCHEMA)[name]


def _read_table(path: Path, name: str, entry: dict[str, Any]) -> pa.Table:
    file = path / entry["file"]
    if entry["file"] != f"{TABLES_DIR}/{name}.parquet" or not file.is_file():
        raise _refuse(path, _("tabel {name} ontbreekt.").format(name=name))
    if hashlib.sha256(file.read_bytes()).hexdigest() != entry["sha256"]:
        raise _refuse(path, _("de controlesom van tabel {name} klopt niet.").format(name=name))
    try:
        table = pq.read_table(file)
    except (OSError, pa.ArrowException):
        raise _refuse(path, _("tabel {name} is geen leesbaar Parquet.").format(name=name)) from None
    if table.num_rows != entry["rows"]:
        raise _refuse(path, _("het aantal rijen van tabel {name} klopt niet.").format(name=name))
    return table


def read_publication(path: Path | str) -> Publication:
    """Read and validate the publication in folder ``path``; refuse it if anything is off."""
    folder = Path(path)
    if not folder.is_dir():
        raise _refuse(folder, _("de map bestaat niet."))
    metadata = _metadata(folder)
    entries: dict[str, dict[str, Any]] = metadata["tables"]
    present = (
        {p.name for p in (folder / TABLES_DIR).glob("*")}
        if (folder / TABLES_DIR).is_dir()
        else set()
    )
    listed = {f"{name}.parquet" for name in entries}
    if present != listed:
        raise _refuse(folder, _("de map tables bevat andere bestanden dan de metadata noemt."))
    ids = [ind["id"] for ind in metadata["indicators"]]
    if sorted(ids) != sorted(n for n in entries if n not in OPTIONAL_TABLES):
        raise _refuse(folder, _("de tabellen passen niet bij de beschreven indicatoren."))
    base = int(metadata["disclosure"]["rounding_base"])
    schema = INDICATOR_SCHEMAS[metadata["format_version"]]
    tables: dict[str, pa.Table] = {}
    try:
        for ind in metadata["indicators"]:
            table = _read_table(folder, ind["id"], entries[ind["id"]])
            check_indicator_table(
                ind["id"], table, base, not Eenheid(ind["eenheid"]).is_rate, schema
            )
            tables[ind["id"]] = _current_layout(table, ind["id"], metadata)
        if VALIDATION_TABLE in entries:
            table = _read_table(folder, VALIDATION_TABLE, entries[VALIDATION_TABLE])
            check_validation_table(table)
            tables[VALIDATION_TABLE] = table
        if BENCHMARK_TABLE in entries:
            table = _read_table(folder, BENCHMARK_TABLE, entries[BENCHMARK_TABLE])
            check_benchmark_table(table, base, ids)
            tables[BENCHMARK_TABLE] = table
    except ValueError as error:  # an unknown eenheid
        raise _refuse(folder, str(error)) from None
    except PublicationError as error:
        if error.code == "publicatie_ongeldig":
            raise
        raise _refuse(folder, error.message) from None
    return Publication(folder, metadata, tables)


def list_publications(pub_root: Path | str, region: str | None = None) -> list[Path]:
    """Publication folders (by name) under ``pub_root``, oldest peildatum and version first."""
    root = Path(pub_root)
    if not root.is_dir():
        return []
    found: list[tuple[str, int, Path]] = []
    for entry in root.iterdir():
        match = PUBLICATION_ID.match(entry.name)
        if match and entry.is_dir() and (region is None or match["regio"] == region):
            found.append((match["peildatum"], int(match["n"]), entry))
    return [p for _d, _n, p in sorted(found)]


def latest_publication(pub_root: Path | str, region: str) -> Path | None:
    """The newest publication of ``region`` (latest peildatum, highest version), if any."""
    found = list_publications(pub_root, region)
    return found[-1] if found else None
