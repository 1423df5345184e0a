# SPDX-License-Identifier: EUPL-1.2
"""Reads a partner CSV file with pyarrow (every column as text), after checking it as a file.

Checks, in order: size, encoding (UTF-8 unless the mapping or the caller names another; a UTF-8
BOM is fine), header row (present, right delimiter, no duplicate/missing/extra columns), and every
row having as many fields as the header. The header is line ``kopregel`` of the file (title lines
above it are skipped); only mapped columns are kept, so an ignored free-text column is dropped
while the file is parsed.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Collection
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.sources.headers import bad_row, check_headers, empty
from ketenmonitor.sources.mapping import FileMapping, Mapping

_BOM = codecs.BOM_UTF8
_CANDIDATES = (";", ",", "\t", "|")
_CHUNK = 1 << 24


def _shown(delimiter: str) -> str:
    return _("tab") if delimiter == "\t" else f"'{delimiter}'"


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def check_utf8(path: Path) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                line += chunk[: max(error.start, 0)].count(b"\n")
                raise InputRefused(
                    "codering",
                    _("Het bestand {naam} is niet in UTF-8 gecodeerd (regel {regel} bevat een "
                      "teken dat geen UTF-8 is).").format(naam=path.name, regel=line),
                    _("Sla het bestand op als UTF-8 (in Excel: 'CSV UTF-8') of geef de codering "
                      "op, bijvoorbeeld 'codering: latin-1' in de mapping."),
                ) from None
            if not chunk:
                return
            line += chunk.count(b"\n")


def _header(path: Path, spec: FileMapping, encoding: str) -> list[str]:
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    while head.startswith(_BOM):  # some tools add a second BOM when re-saving; it is no data
        head = head[len(_BOM):]
    if b"\r" in head and b"\n" not in head:
        raise InputRefused(
            "regeleinde",
            _("Het bestand {naam} gebruikt alleen CR als regeleinde (oud Mac-formaat); de regels "
              "zijn niet te onderscheiden.").format(naam=path.name),
            _("Sla het bestand opnieuw op met Windows- (CRLF) of Unix-regeleinden (LF)."),
        )
    text = head.decode(encoding, errors="replace")
    lines = text.split("\n", spec.header_row)
    line = lines[spec.header_row - 1].rstrip("\r") if len(lines) >= spec.header_row else ""
    if not text.strip():
        raise empty(path)
    if not line.strip():
        if spec.header_row == 1:
            raise empty(path)
        raise InputRefused(
            "kopregel_leeg",
            _("Regel {regel} van {naam} is leeg, maar de mapping noemt haar de kopregel.").format(
                regel=spec.header_row, naam=path.name),
            _("Pas 'kopregel' in de mapping aan aan het regelnummer met de kolomnamen."),
        )
    try:
        fields = next(csv.reader([line], delimiter=spec.delimiter, quotechar='"'))
    except csv.Error:
        raise InputRefused(
            "kopregel_onleesbaar",
            _("De kopregel van {naam} is geen geldige CSV-regel.").format(naam=path.name),
            _("Controleer de aanhalingstekens en regeleinden van de eerste regel."),
        ) from None
    if len(fields) == 1 and len(spec.headers) > 1:
        found = [c for c in _CANDIDATES if c != spec.delimiter and c in line]
        if found:
            best = max(found, key=line.count)
            raise InputRefused(
                "scheidingsteken",
                _("Het bestand {naam} gebruikt niet het scheidingsteken {verwacht} dat de mapping "
                  "verwacht.").format(naam=path.name, verwacht=_shown(spec.delimiter)),
                _("Het bestand lijkt {gevonden} te gebruiken. Exporteer opnieuw met {verwacht} als "
                  "scheidingsteken, of zet het scheidingsteken van het bestand in de "
                  "mapping.").format(gevonden=_shown(best), verwacht=_shown(spec.delimiter)),
            )
    return [f.strip() for f in fields]


def _first_bad_line(path: Path, spec: FileMapping, encoding: str, expected: int) -> tuple[int, int]:
    with path.open(encoding=encoding, newline="", errors="replace") as handle:
        for _skipped in range(spec.header_row - 1):
            handle.readline()
        reader = csv.reader(handle, delimiter=spec.delimiter, quotechar='"')
        for record in reader:
            if record and len(record) != expected:
                return reader.line_num + spec.header_row - 1, len(record)
    return 0, 0


def read_csv_file(path: Path, spec: FileMapping, mapping: Mapping,
                  encoding: str | None = None,
                  others: Collection[str] = ()) -> tuple[pa.Table, list[int]]:
    """The mapped columns of the file as strings named by their (stripped) headers, plus the
    line number of each row (the header line is ``kopregel``)."""
    chosen = encoding or spec.encoding
    if _is_utf8(chosen):
        check_utf8(path)
        chosen = "utf-8"
    headers = _header(path, spec, chosen)
    check_headers(path, headers, spec, mapping, others)
    invalid: list[pacsv.InvalidRow] = []

    def skip(row: pacsv.InvalidRow) -> str:
        invalid.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=headers, skip_rows=spec.header_row,
                                           encoding=chosen, block_size=_CHUNK),
            parse_options=pacsv.ParseOptions(delimiter=spec.delimiter, quote_char='"',
                                             double_quote=True, newlines_in_values=True,
                                             invalid_row_handler=skip),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(headers, pa.string()),
                                                 strings_can_be_null=False, null_values=[],
                                                 include_columns=spec.headers),
        )
    except pa.ArrowInvalid as error:
        raise InputRefused(
            "csv_onleesbaar",
            _("Het bestand {naam} kan niet als CSV worden gelezen: {fout}").format(
                naam=path.name, fout=str(error).splitlines()[0]),
            _("Controleer of het bestand een volledige CSV-export is (scheidingsteken {teken}, "
              "aanhalingstekens in paren).").format(teken=_shown(spec.delimiter)),
        ) from None
    if invalid:
        line, count = _first_bad_line(path, spec, chosen, len(headers))
        raise bad_row(path, line or 0, count or invalid[0].actual_columns, len(headers))
    first = spec.header_row + 1
    return table, list(range(first, table.num_rows + first))
