# SPDX-License-Identifier: EUPL-1.2
"""CSV the way Dutch Excel opens it with a double click.

Excel in a Dutch locale reads ``;`` as the list separator and ``,`` as the decimal sign, and it
recognises UTF-8 only with a byte-order mark. So: UTF-8 with BOM, ``;`` between fields, a
decimal comma, no thousands separator (Excel would otherwise read 1.234 as 1,234), CRLF line
ends, ``.`` for a suppressed figure, an empty field for no figure.
"""

from __future__ import annotations

import csv
import io

from ketenmonitor.core.formatting import format_number
from ketenmonitor.exports.cells import EMPTY_SIGNS, ExportTable

BOM = "\ufeff"


def _text(value: object, kind: str, decimals: int) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value in EMPTY_SIGNS:
        return value
    if kind == "decimaal" and isinstance(value, (int, float)):
        return format_number(value, decimals, thousands=False)
    return str(value)


def write_rows(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def write_csv(table: ExportTable) -> bytes:
    rows = [
        [_text(v, k, d) for v, k, d in zip(row, table.kinds, table.decimals, strict=True)]
        for row in table.rows
    ]
    return write_rows(table.columns, rows)
