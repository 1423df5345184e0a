# SPDX-License-Identifier: EUPL-1.2
"""``read_export``: a partner export (folder or files) read through its mapping.

Each file of the mapping is found by its pattern, checked as a file (refused as a whole with a
Dutch message when it cannot be trusted) and returned as a :class:`SourceTable` whose columns are
the delivery fields, all nullable strings, normalised by :mod:`ketenmonitor.sources.normalise`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.settings import get_settings
from ketenmonitor.sources.csv_reader import read_csv_file
from ketenmonitor.sources.headers import check_size
from ketenmonitor.sources.mapping import FileMapping, Mapping
from ketenmonitor.sources.normalise import to_delivery
from ketenmonitor.sources.xlsx_reader import open_workbook, read_xlsx_file

log = get_logger(__name__)


@dataclass(frozen=True)
class SourceTable:
    """One file (or sheet) of an export as delivery fields.

    ``row_numbers[i]`` is the line of table row ``i`` in the partner file (1-based, the header
    line counted), for messages about quarantined rows; ``spec`` is the part of the mapping it
    was read with (the partner's own column names, for messages).
    """

    record_type: str
    file: Path
    table: pa.Table
    row_numbers: list[int] | None
    spec: FileMapping | None = None


def _not_a_file(path: Path) -> InputRefused:
    kind = (_("een map") if path.is_dir() else
            _("een verwijzing (symlink) naar een bestand dat niet bestaat")
            if path.is_symlink() and not path.exists() else _("geen gewoon bestand"))
    return InputRefused(
        "geen_bestand",
        _("{naam} heeft de naam van een exportbestand, maar is {soort}.").format(
            naam=path.name, soort=kind),
        _("Zet het exportbestand zelf op deze plaats."),
    )


def _match(mapping: Mapping, path: Path | Sequence[Path]) -> list[tuple[Path, FileMapping]]:
    paths = [path] if isinstance(path, Path) else list(path)
    pairs: list[tuple[Path, FileMapping]] = []
    for item in paths:
        if not item.exists():
            raise InputRefused(
                "pad_onbekend",
                _("Het pad {pad} bestaat niet.").format(pad=item),
                _("Geef een bestaand bestand of een map met de export."),
            )
        if item.exists() and not item.is_dir() and not item.is_file():
            raise _not_a_file(item)
        if item.is_dir():
            for spec in mapping.files:
                candidates = sorted(item.glob(spec.pattern))
                found = [p for p in candidates if p.is_file()]
                if not found and candidates:
                    raise _not_a_file(candidates[0])
                if not found:
                    raise InputRefused(
                        "bestand_ontbreekt",
                        _("In de map {map} staat geen bestand dat past bij '{patroon}' "
                          "({record_type}).").format(map=item.name, patroon=spec.pattern,
                                                     record_type=spec.record_type),
                        _("Lever alle bestanden van de export aan, of pas 'patroon' in de mapping "
                          "{mapping} aan.").format(mapping=mapping.name),
                    )
                pairs.extend((p, spec) for p in found)
            continue
        specs = [s for s in mapping.files if fnmatch.fnmatch(item.name, s.pattern)]
        if not specs:
            raise InputRefused(
                "bestand_onbekend",
                _("Het bestand {naam} past bij geen enkel bestandspatroon van de mapping "
                  "{mapping}.").format(naam=item.name, mapping=mapping.name),
                _("Verwachte patronen: {patronen}.").format(
                    patronen=", ".join(f"'{s.pattern}'" for s in mapping.files)),
            )
        pairs.extend((item, s) for s in specs)
    return pairs


def _distinct(table: pa.Table, rows: list[int]) -> tuple[pa.Table, list[int]]:
    """Equal rows once (the first of them, with its line number)."""
    if table.num_rows == 0:
        return table, rows
    numbered = table.append_column("_regel", pa.array(range(table.num_rows), pa.int64()))
    firsts = numbered.group_by(table.column_names, use_threads=False).aggregate(
        [("_regel", "min")]).column("_regel_min")
    keep = pc.sort_indices(firsts)
    positions = pc.take(firsts, keep)
    return table.take(positions), [rows[i] for i in positions.to_pylist()]


def read_export(mapping: Mapping, path: Path | Sequence[Path], *, encoding: str | None = None,
                max_file_bytes: int | None = None) -> list[SourceTable]:
    """Read a partner export (a folder, one file or several files) through ``mapping``.

    ``encoding`` overrides the mapping's encoding (CLI ``--codering``); ``max_file_bytes``
    overrides ``Settings.max_file_bytes``. Raises :class:`InputRefused` for file-level problems.
    """
    limit = max_file_bytes if max_file_bytes is not None else get_settings().max_file_bytes
    tables: list[SourceTable] = []
    pairs = _match(mapping, path)
    workbooks: dict[Path, Any] = {}  # a workbook is opened once for all its sheets
    try:
        for file, spec in pairs:
            check_size(file, limit)
            # columns other record types read from the same file (one flat file, several types)
            others = {h for f, s in pairs if f == file and s.sheet == spec.sheet
                      for h in [*s.headers, *s.ignore]}
            if spec.format == "xlsx":
                if file not in workbooks:
                    workbooks[file] = open_workbook(file)
                raw, rows = read_xlsx_file(file, spec, mapping, others, workbooks[file])
            else:
                raw, rows = read_csv_file(file, spec, mapping, encoding, others)
            table = to_delivery(raw, spec)
            if spec.deduplicate:
                table, rows = _distinct(table, rows)
            log.debug("bestand_gelezen", bestand=file.name, record_type=spec.record_type,
                      rijen=table.num_rows)
            tables.append(SourceTable(spec.record_type, file, table, rows, spec))
    finally:
        for workbook in workbooks.values():
            workbook.close()
    return tables
