# SPDX-License-Identifier: EUPL-1.2
"""Registered publications, read once through :mod:`ketenmonitor.publish` and kept in memory.

A publication is immutable, so a read and validated publication can be reused for every request
of every user. Before reuse the portal checks that ``metadata.json`` still has the checksum it
had at registration: a folder that was swapped or edited is refused, not shown.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.cbs.provenance import synthetic_tables
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.portal.dashboards.cells import CellIndex
from ketenmonitor.publish import Publication, read_publication
from ketenmonitor.reports.data import Area
from ketenmonitor.reports.source import IndicatorMeta

BENCHMARK_TABLE = "_cbs_vergelijking"
NEDERLAND = Area("NL01", "Nederland", "nederland")
CACHE_SIZE = 8


def publication_root() -> Path:
    """The folder that stored publication paths are relative to (``PUBLICATION_ROOT``)."""
    from django.conf import settings

    return Path(settings.PUBLICATION_ROOT).resolve()


def stored_path(folder: Path) -> str:
    """How the portal database stores ``folder``: relative to the publication root when inside
    it, so a copied or moved data folder serves its own files; absolute otherwise."""
    path = folder.resolve()
    try:
        return path.relative_to(publication_root()).as_posix()
    except ValueError:
        return str(path)


def resolve_stored(pad: str | Path) -> Path:
    path = Path(pad)
    return path if path.is_absolute() else publication_root() / path


def metadata_checksum(folder: Path) -> str:
    return hashlib.sha256((folder / "metadata.json").read_bytes()).hexdigest()


@dataclass
class LoadedPublication:
    """A validated publication with lookup tables for the dashboards."""

    publication: Publication
    metas: dict[str, IndicatorMeta]
    region: Area
    gemeenten: list[Area]
    _tables: dict[str, CellIndex] = field(default_factory=dict)
    _national: dict[str, CellIndex] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def publication_id(self) -> str:
        return self.publication.publication_id

    @property
    def peildatum(self) -> date:
        return self.publication.peildatum

    @property
    def gemeente_codes(self) -> list[str]:
        return [g.code for g in self.gemeenten]

    def gemeente(self, code: str) -> Area | None:
        return self._by_code.get(code)

    def __post_init__(self) -> None:
        self._by_code = {g.code: g for g in self.gemeenten}

    def table(self, indicator_id: str) -> CellIndex:
        with self._lock:
            found = self._tables.get(indicator_id)
            if found is None:
                found = CellIndex(self.publication.table(indicator_id), self.peildatum)
                self._tables[indicator_id] = found
            return found

    def national(self, indicator_id: str) -> CellIndex | None:
        """Nederland's figures for an indicator when the publication has the CBS benchmark."""
        with self._lock:
            if self._national is None:
                self._national = _national_tables(self.publication, self.peildatum)
        return self._national.get(indicator_id)

    @property
    def synthetic_cbs(self) -> list[str]:
        """CBS tables of the benchmark that are the demo's synthetic figures."""
        return synthetic_tables(self.publication.metadata.get("cbs_bronnen"))

    @property
    def has_national(self) -> bool:
        return BENCHMARK_TABLE in self.publication.tables

    def themes(self) -> list[tuple[str, list[IndicatorMeta]]]:
        """Indicators grouped by theme, themes in order of first appearance."""
        grouped: dict[str, list[IndicatorMeta]] = {}
        for meta in self.metas.values():
            grouped.setdefault(meta.thema or _("Overig"), []).append(meta)
        return list(grouped.items())

    def periods(self, kind: str) -> list[str]:
        """Period codes of one kind ('jaar' or 'halfjaar'), oldest first."""
        codes = [p for p in self.publication.periods if ("-H" in p) == (kind == "halfjaar")]
        return sorted(codes)

    def is_provisional(self, periode: str) -> bool:
        return periode in self.publication.provisional_periods

    def default_period(self, kind: str = "jaar") -> str | None:
        """The latest period of ``kind`` that ended on or before the peildatum, else the latest."""
        codes = self.periods(kind)
        complete = [c for c in codes if Period.parse(c).end <= self.peildatum]
        found = complete or codes
        return found[-1] if found else None


def _areas(publication: Publication) -> tuple[Area, list[Area]]:
    region = Area(publication.region, publication.region_name, "regio")
    found: dict[str, str] = {}
    for indicator_id in publication.indicator_ids:
        table = publication.table(indicator_id)
        mask = pc.equal(table.column("gebied_niveau"), "gemeente")
        rows = table.filter(mask).select(["gebied_code", "gebied_naam"])
        for code, naam in zip(rows.column(0).to_pylist(), rows.column(1).to_pylist(), strict=True):
            found.setdefault(str(code), str(naam))
        regions = table.filter(pc.equal(table.column("gebied_niveau"), "regio"))
        if regions.num_rows:
            region = Area(str(regions.column("gebied_code")[0]), publication.region_name, "regio")
    gemeenten = [Area(c, n, "gemeente") for c, n in found.items()]
    return region, sorted(gemeenten, key=lambda a: a.naam.lstrip("'").lower())


def _national_tables(publication: Publication, peildatum: date) -> dict[str, CellIndex]:
    """Rows for Nederland from the CBS benchmark table (format 1.1), per indicator."""
    table: pa.Table | None = publication.tables.get(BENCHMARK_TABLE)
    if table is None:
        return {}
    rows = table.filter(pc.equal(table.column("gebied_niveau"), "nederland"))
    rows = rows.set_column(rows.schema.get_field_index("gebied_code"), "gebied_code",
                           pa.array([NEDERLAND.code] * rows.num_rows, pa.string()))
    found: dict[str, CellIndex] = {}
    for iid in rows.column("indicator_id").unique().to_pylist():
        found[str(iid)] = CellIndex(rows.filter(pc.equal(rows.column("indicator_id"), iid)),
                                    peildatum)
    return found


class PublicationCache:
    """A small LRU cache of loaded publications, keyed by folder and metadata checksum."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], LoadedPublication] = OrderedDict()
        self._lock = threading.Lock()
        self._loading: dict[tuple[str, str], threading.Lock] = {}

    def get(self, folder: Path, checksum: str) -> LoadedPublication:
        key = (str(folder), checksum)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            gate = self._loading.setdefault(key, threading.Lock())
        with gate:  # one thread reads a publication; the others wait for it
            with self._lock:
                if key in self._items:
                    return self._items[key]
            loaded = load(folder, checksum)
            with self._lock:
                self._items[key] = loaded
                self._loading.pop(key, None)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return loaded

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def load(folder: Path, checksum: str | None = None) -> LoadedPublication:
    """Read and validate a publication; refuse it when its metadata changed since registration."""
    try:
        actual = metadata_checksum(folder)
    except OSError:
        raise PublicationError(
            "publicatie_weg",
            _("De publicatie in {path} is niet meer leesbaar.").format(path=folder),
            _("Zet de map terug of trek de publicatie in."),
        ) from None
    if checksum is not None and actual != checksum:
        raise PublicationError(
            "publicatie_gewijzigd",
            _("De publicatie in {path} is gewijzigd sinds de registratie.").format(path=folder),
            _("Een publicatie verandert nooit; registreer een nieuwe versie."),
        )
    publication = read_publication(folder)
    region, gemeenten = _areas(publication)
    metas = {i["id"]: IndicatorMeta.from_dict(i) for i in publication.metadata["indicators"]}
    return LoadedPublication(publication, metas, region, gemeenten)


CACHE = PublicationCache()


def loaded(folder: str | Path, checksum: str) -> LoadedPublication:
    return CACHE.get(resolve_stored(folder), checksum)


def warm(rows: list[tuple[str, str]]) -> int:
    """Read the given (folder, checksum) publications and build every lookup table now, so the
    first visitor of a worker does not wait for it; returns the number of publications."""
    for folder, checksum in rows:
        pub = CACHE.get(resolve_stored(folder), checksum)
        for indicator_id in pub.metas:
            pub.table(indicator_id)
            pub.national(indicator_id)
    pa.default_memory_pool().release_unused()  # what validating the tables left behind
    return len(rows)
