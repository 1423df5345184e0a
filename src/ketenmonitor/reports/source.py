# SPDX-License-Identifier: EUPL-1.2
"""What the report reads from a publication (format 1.0), in the shape the report needs.

The publication is the only interface between the analysis environment and the report. The
publish package's ``read_publication`` validates a publication and returns an object; this module
accepts that object (or a publication folder) and turns it into :class:`ReportInput`: the metadata
as typed records and every table as a pandas DataFrame.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.publish.signs import REASON_COLUMN, follow_up_days, mark_tables
from ketenmonitor.reports.formatting import dimension_label

VALIDATION_TABLE = "_validatie"
BENCHMARK_TABLE = "_cbs_vergelijking"
INDICATOR_COLUMNS = (
    "indicator_id",
    "gebied_code",
    "gebied_naam",
    "gebied_niveau",
    "periode",
    "periode_type",
    "dimensie",
    "categorie",
    "categorie_label",
    "teller",
    "noemer",
    "waarde",
    "weergave",
    "onderdrukt",
    "onderdrukking",
    "voorlopig",
)


@dataclass(frozen=True)
class IndicatorMeta:
    """One entry of ``metadata.json['indicators']``."""

    id: str
    titel: str
    definitie: str = ""
    eenheid: str = ""
    teller: str = ""
    noemer: str = ""
    dimensies: tuple[str, ...] = ()
    bronnen: tuple[str, ...] = ()
    openbaarmaking: str = ""
    cbs_opmerking: str = ""
    richting: str = "neutraal"
    thema: str = ""
    dimensie_titels: tuple[tuple[str, str], ...] = ()  # (naam, titel) where the catalogue has one

    def dimension_title(self, name: str) -> str:
        """The catalogue's title of a dimension, else the report's own Dutch label."""
        return dict(self.dimensie_titels).get(name) or dimension_label(name)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndicatorMeta:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if key in ("dimensies", "bronnen"):
                values[key] = tuple(_as_list(value))
            else:
                values[key] = _text(value)
        values["dimensie_titels"] = tuple(
            (str(d["naam"]), str(d["titel"]))
            for d in data.get("dimensies") or []
            if isinstance(d, dict) and d.get("naam") and d.get("titel")
        )
        return cls(**values)


def _text(value: Any) -> str:
    """A metadata value as text; a structured teller/noemer gives its description."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("omschrijving") or value.get("naam") or "")
    return str(value)


def _as_list(value: Any) -> list[str]:
    """Names from a list of strings or of structured entries (a dimension as ``{naam: ...}``)."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    return [t for t in (_text(v) for v in value) if t]


@dataclass(frozen=True)
class ReportInput:
    """A publication as the report reads it."""

    metadata: dict[str, Any]
    indicators: tuple[IndicatorMeta, ...]
    tables: dict[str, pd.DataFrame]  # indicator id -> long-format table
    validation: pd.DataFrame | None
    directory: Path | None = None
    benchmark: pd.DataFrame | None = None  # _cbs_vergelijking (format 1.1)

    @property
    def publication_id(self) -> str:
        return str(self.metadata.get("publication_id", ""))


def _refuse(message: str, hint: str) -> PublicationError:
    return PublicationError("publicatie_onleesbaar", message, hint)


def _frame(value: Any, name: str) -> pd.DataFrame:
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, (str, os.PathLike)):
        value = pq.read_table(Path(value))
    if isinstance(value, pa.Table):
        frame: pd.DataFrame = value.to_pandas()
        return frame
    raise _refuse(
        _("Tabel '{name}' van de publicatie heeft een onbekende vorm.").format(name=name),
        _("Lever tabellen aan als Parquet-bestand, pyarrow-tabel of pandas-DataFrame."),
    )


def _with_reasons(value: Any, name: str, metadata: dict[str, Any]) -> Any:
    """A table of a publication before format 1.2 with the reason and sign of every cell
    without a figure derived as the writer does now (ADR 0021); others unchanged."""
    if isinstance(value, (str, os.PathLike)):
        value = pq.read_table(Path(value))
    if not isinstance(value, pa.Table) or REASON_COLUMN in value.column_names:
        return value
    needed = ("onderdrukt", "waarde", "weergave", "periode")
    if "peildatum" not in metadata or any(c not in value.column_names for c in needed):
        return value  # the missing columns are refused by the caller
    catalogue = load_catalogue()
    window = follow_up_days(catalogue[name]) if name in catalogue else None
    return mark_tables({name: value}, metadata, {name: window}, value.schema)[name]


def _metadata_dict(value: Any) -> dict[str, Any]:
    dumped: dict[str, Any]
    if isinstance(value, dict):
        dumped = value
    elif hasattr(value, "model_dump"):
        dumped = value.model_dump(mode="json")
    elif is_dataclass(value) and not isinstance(value, type):
        dumped = asdict(value)
    else:
        dumped = {}
    if dumped:
        return dumped
    raise _refuse(
        _("De metadata van de publicatie zijn onleesbaar."),
        _("Lees de publicatie met ketenmonitor.publish.read_publication."),
    )


def _build(
    metadata: dict[str, Any], raw_tables: dict[str, Any], directory: Path | None
) -> ReportInput:
    indicators = tuple(IndicatorMeta.from_dict(i) for i in metadata.get("indicators", []))
    tables: dict[str, pd.DataFrame] = {}
    for meta in indicators:
        if meta.id not in raw_tables:
            raise _refuse(
                _("De publicatie mist de tabel van indicator '{id}'.").format(id=meta.id),
                _("Publiceer opnieuw met 'ketenmonitor publish'."),
            )
        frame = _frame(_with_reasons(raw_tables[meta.id], meta.id, metadata), meta.id)
        missing = [c for c in INDICATOR_COLUMNS if c not in frame.columns]
        if missing:
            raise _refuse(
                _("Tabel '{id}' mist de kolom(men) {columns}.").format(
                    id=meta.id, columns=", ".join(missing)
                ),
                _("De rapportage leest publicatieformaat 1.0; publiceer opnieuw."),
            )
        tables[meta.id] = frame
    validation = raw_tables.get(VALIDATION_TABLE)
    benchmark = raw_tables.get(BENCHMARK_TABLE)
    return ReportInput(
        metadata=metadata,
        indicators=indicators,
        tables=tables,
        validation=None if validation is None else _frame(validation, VALIDATION_TABLE),
        directory=directory,
        benchmark=None if benchmark is None else _frame(benchmark, BENCHMARK_TABLE),
    )


def read_directory(directory: Path) -> ReportInput:
    """Read a publication folder laid out as publication format 1.0."""
    meta_path = directory / "metadata.json"
    if not meta_path.is_file():
        raise _refuse(
            _("Map {path} is geen publicatie: metadata.json ontbreekt.").format(path=directory),
            _(
                "Geef de map van een publicatie op, "
                "bijvoorbeeld publicaties/haaglanden-2025-12-31-v1."
            ),
        )
    metadata: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    raw: dict[str, Any] = {}
    for name, entry in (metadata.get("tables") or {}).items():
        raw[name] = directory / str(entry["file"] if isinstance(entry, dict) else entry)
    for path in sorted((directory / "tables").glob("*.parquet")):
        raw.setdefault(path.stem, path)
    return _build(metadata, raw, directory)


_PATH_ATTRIBUTES = ("path", "directory", "root", "dir")


def report_input(publication: object) -> ReportInput:
    """Turn what ``read_publication`` returns, or a publication folder, into a ReportInput."""
    if isinstance(publication, ReportInput):
        return publication
    if isinstance(publication, (str, os.PathLike)):
        return read_directory(Path(publication))
    metadata = getattr(publication, "metadata", None)
    tables = getattr(publication, "tables", None)
    directory = next(
        (
            Path(v)
            for a in _PATH_ATTRIBUTES
            if isinstance(v := getattr(publication, a, None), (str, os.PathLike))
        ),
        None,
    )
    if metadata is not None and isinstance(tables, dict) and tables:
        return _build(_metadata_dict(metadata), dict(tables), directory)
    if directory is not None:
        return read_directory(directory)
    raise _refuse(
        _("De rapportage kan deze publicatie niet lezen."),
        _("Geef een publicatiemap op of het resultaat van read_publication."),
    )
