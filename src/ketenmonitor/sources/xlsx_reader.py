# SPDX-License-Identifier: EUPL-1.2
"""Reads one sheet of a partner XLSX workbook as text columns (openpyxl, read-only).

Spreadsheet cells keep their type: real dates become ``jjjj-mm-dd`` (already normalised), whole
numbers lose a trailing ``.0``; everything else becomes text. The header is the first non-empty
row from row ``kopregel`` on (title rows above it are skipped); fully empty rows are skipped. Only
mapped columns are kept.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.sources.headers import bad_row, check_headers, empty
from ketenmonitor.sources.mapping import FileMapping, Mapping


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable(path: Path) -> InputRefused:
    return InputRefused(
        "xlsx_onleesbaar",
        _("Het bestand {naam} is geen leesbaar Excel-bestand (.xlsx).").format(naam=path.name),
        _("Open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)."),
    )


# Excel itself stores at most 32,767 characters in a cell; XML of a real sheet packs 5-20x, so
# 200x or more than 1 GiB unpacked is a ZIP bomb (0.5 MB unpacking to a 512 MiB cell was seen).
MAX_CELL_CHARS = 32_767
MAX_UNPACKED_BYTES = 1 << 30
MAX_RATIO = 200


def _bomb(path: Path, detail: str) -> InputRefused:
    return InputRefused(
        "xlsx_te_groot",
        _("Het bestand {naam} pakt uit tot meer dan een echte export kan bevatten "
          "({detail}); het wordt niet gelezen.").format(naam=path.name, detail=detail),
        _("Exporteer het tabblad opnieuw uit het bronsysteem, of lever het als CSV."),
    )


def check_unpacked_size(path: Path, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a workbook whose parts unpack beyond ``limit`` or by more than :data:`MAX_RATIO`
    (sizes from the ZIP directory, checked before anything is unpacked)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable(path) from None
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise _bomb(path, _("{mib} MiB uitgepakt").format(mib=total >> 20))
    for info in infos:
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(path, _("onderdeel {deel} is {ratio}x samengeperst").format(
                deel=info.filename, ratio=info.file_size // max(info.compress_size, 1)))


def open_workbook(path: Path) -> Any:
    """The workbook, read-only, after the ZIP-bomb check; the caller closes it."""
    check_unpacked_size(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise _unreadable(path) from None


def read_xlsx_file(path: Path, spec: FileMapping, mapping: Mapping,
                   others: Collection[str] = (), workbook: Any = None,
                   ) -> tuple[pa.Table, list[int]]:
    """The sheet of ``spec``: its mapped columns and the line of each row. ``workbook`` is the
    file opened by :func:`open_workbook` (kept open by the caller for the file's other sheets);
    without it the file is opened and closed here."""
    own = workbook is None
    if own:
        workbook = open_workbook(path)
    try:
        if spec.sheet not in workbook.sheetnames:
            raise InputRefused(
                "tabblad_ontbreekt",
                _("In het bestand {naam} ontbreekt het tabblad '{blad}'.").format(
                    naam=path.name, blad=spec.sheet),
                _("Aanwezige tabbladen: {bladen}. Pas 'blad' in de mapping aan of lever het juiste "
                  "bestand.").format(bladen=", ".join(f"'{s}'" for s in workbook.sheetnames)),
            )
        sheet = workbook[spec.sheet]
        # The <dimension> tag is written by the exporting tool and may understate the sheet (a
        # 51st row behind A1:F50 was silently dropped); forget it and read to the last row.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        headers: list[str] | None = None
        data: list[list[str | None]] = []
        numbers: list[int] = []
        try:
            for number, row in enumerate(rows, start=1):
                cells = [_text(v) for v in row]
                if any(c is not None and len(c) > MAX_CELL_CHARS for c in cells):
                    raise _bomb(path, _("regel {regel} heeft een cel van meer dan {n} tekens")
                                .format(regel=number, n=MAX_CELL_CHARS))
                if headers is None and number < spec.header_row:
                    continue
                if not any(c is not None and c.strip() for c in cells):
                    continue
                if headers is None:
                    while cells and cells[-1] is None:
                        cells.pop()
                    headers = [(c or "").strip() for c in cells]
                    check_headers(path, headers, spec, mapping, others)
                    continue
                if any(c is not None and c.strip() for c in cells[len(headers):]):
                    width = max(i for i, c in enumerate(cells) if c is not None) + 1
                    raise bad_row(path, number, width, len(headers))
                data.append((cells + [None] * len(headers))[: len(headers)])
                numbers.append(number)
        except (zipfile.BadZipFile, KeyError, ValueError):
            raise _unreadable(path) from None
    finally:
        if own:
            workbook.close()
    if headers is None:
        raise empty(path)
    columns = list(zip(*data, strict=True)) if data else [()] * len(headers)
    wanted = set(spec.headers)
    table = pa.table({h: pa.array(list(col), type=pa.string()) for h, col in
                      zip(headers, columns, strict=True) if h in wanted})
    return table, numbers
