# SPDX-License-Identifier: EUPL-1.2
"""Publication tables as XLSX or CSV: ``ketenmonitor export`` and the portal's downloads.

Each table becomes ``<publicatie-id>_<tabel>.xlsx`` (sheets 'Gegevens' and 'Definities'), or
``<publicatie-id>_<tabel>.csv`` with ``<publicatie-id>_<tabel>_definities.csv`` beside it. The
portal asks for the same files limited to the areas a user may see (``areas``), so a download
from the portal and an export from the command line have one layout.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.core.errors import InputRefused, PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.exports.cells import export_table
from ketenmonitor.exports.definitions import definitions
from ketenmonitor.exports.delimited import write_csv, write_rows
from ketenmonitor.exports.workbook import write_xlsx
from ketenmonitor.publish import Publication

FORMATS = ("xlsx", "csv")
ALL = "alle"


def table_names(pub: Publication) -> list[str]:
    """Every table a publication holds: indicators first, then the optional tables."""
    return pub.table_names


def _table(
    pub: Publication, name: str, areas: Collection[str] | None = None
) -> tuple[list[str], pa.Table]:
    if name not in pub.tables:
        raise PublicationError(
            "tabel_onbekend",
            _("De publicatie {id} heeft geen tabel '{name}'.").format(
                id=pub.publication_id, name=name),
            _("Kies een van: {names}, of 'alle'.").format(names=", ".join(table_names(pub))),
        )
    table = pub.tables[name]
    if areas is not None:
        keep = pc.is_in(table.column("gebied_code"), value_set=pa.array(sorted(areas), pa.string()))
        table = table.filter(keep)
    return list(table.column_names), table


def selected_rows(pub: Publication, name: str, areas: Collection[str] | None = None) -> int:
    """How many rows an export of ``name`` limited to ``areas`` holds (for the audit log)."""
    return int(_table(pub, name, areas)[1].num_rows)


def export_xlsx(pub: Publication, name: str, areas: Collection[str] | None = None) -> bytes:
    """The workbook of table ``name``; with ``areas``, only the rows of those area codes."""
    columns, table = _table(pub, name, areas)
    return write_xlsx(export_table(name, table), definitions(pub, name, columns))


def export_csv(
    pub: Publication, name: str, areas: Collection[str] | None = None
) -> tuple[bytes, bytes]:
    """(figures, definitions) as CSV files; with ``areas``, only the rows of those area codes."""
    columns, table = _table(pub, name, areas)
    defs = definitions(pub, name, columns)
    return (write_csv(export_table(name, table)),
            write_rows([_("Onderdeel"), _("Toelichting")], [list(d) for d in defs]))


def export_publication(pub: Publication, tabel: str, formaat: str, uitvoer: Path) -> list[Path]:
    """Write one table, or all with ``tabel='alle'``; return the files written."""
    if formaat not in FORMATS:
        raise InputRefused(
            "formaat_onbekend",
            _("Formaat '{formaat}' wordt niet ondersteund.").format(formaat=formaat),
            _("Kies xlsx of csv."),
        )
    names = table_names(pub) if tabel == ALL else [tabel]
    for name in names:
        _table(pub, name)
    try:
        uitvoer.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for name in names:
            stem = f"{pub.publication_id}_{name.lstrip('_')}"
            if formaat == "xlsx":
                target = uitvoer / f"{stem}.xlsx"
                target.write_bytes(export_xlsx(pub, name))
                written.append(target)
            else:
                figures, defs = export_csv(pub, name)
                (uitvoer / f"{stem}.csv").write_bytes(figures)
                (uitvoer / f"{stem}_definities.csv").write_bytes(defs)
                written += [uitvoer / f"{stem}.csv", uitvoer / f"{stem}_definities.csv"]
    except OSError as error:
        raise PublicationError(
            "export_niet_geschreven",
            _("De export kon niet worden geschreven naar {path}: {error}.").format(
                path=uitvoer, error=error.strerror or error),
            _("Kies met --uitvoer een map waarin u mag schrijven."),
        ) from error
    return written
