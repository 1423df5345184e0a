# SPDX-License-Identifier: EUPL-1.2
"""Parsing a CSV export of a CBS StatLine table ("CSV (tabel)").

StatLine writes, separated by semicolons and quoted: a title line; one or more header lines with
the topics (onderwerpen), the first cells empty or "Onderwerp"; a line that names the dimension
columns ("Regio's", "Perioden", ...) followed by the unit of each topic; the data rows; and
closing lines such as "Bron: CBS". This module finds those parts without assuming how many
header lines or dimensions there are: dimension columns hold labels, topic columns only figures
and CBS signs. Anything else — the unfiltered open-data layout, an Excel file, a comma-separated
file, periods or regions in the columns — is refused with a message that says how to export
the right CSV.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ketenmonitor.cbs.koppeling import normalise_label
from ketenmonitor.cbs.labels import parse_figure
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _

REGION_HEADERS = frozenset({"regio's", "regios", "regio", "gemeenten", "gemeente",
                            "regio's (gemeenten)", "veilig thuis-regio's", "gebied"})
PERIOD_HEADERS = frozenset({"perioden", "periode"})
TOPIC_MARKERS = frozenset({"", "onderwerp", "onderwerpen"})
OPEN_DATA_HEADERS = frozenset({"id", "regios", "perioden"})


def export_hint() -> str:
    """How to export a table from StatLine the way the import reads it."""
    return _(
        "Open de tabel in StatLine, zet 'Regio's' en 'Perioden' in de rijen en de onderwerpen in "
        "de kolommen (de standaardweergave), en kies Downloaden > 'CSV (tabel)'. Open het bestand "
        "niet eerst in Excel; zie docs/cbs-vergelijking.md."
    )


@dataclass(frozen=True)
class Topic:
    """A value column: its label path (most general first) and unit ('aantal', '%', ...)."""

    path: tuple[str, ...]
    unit: str
    column: int

    @property
    def label(self) -> str:
        return " | ".join(self.path)


@dataclass(frozen=True)
class DataRow:
    line: int  # 1-based line number in the file
    dims: tuple[str, ...]
    cells: tuple[str, ...]  # one per topic


@dataclass(frozen=True)
class StatLineFile:
    path: Path
    sha256: str
    title: str
    dimensions: tuple[str, ...]
    region_index: int
    period_index: int
    topics: tuple[Topic, ...]
    rows: tuple[DataRow, ...]

    @property
    def extra_dimensions(self) -> list[tuple[int, str]]:
        return [(i, d) for i, d in enumerate(self.dimensions)
                if i not in (self.region_index, self.period_index)]


def _refuse(path: Path, code: str, reason: str) -> InputRefused:
    return InputRefused(
        code,
        _("Het bestand {file} is geen bruikbare StatLine-export: {reason}").format(
            file=path.name, reason=reason
        ),
        export_hint(),
    )


def _text(path: Path, data: bytes) -> str:
    if data[:2] == b"PK":
        raise _refuse(path, "statline_excel", _("het is een Excel-bestand, geen CSV."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse(path, "statline_codering", _("de tekencodering is onbekend."))  # pragma: no cover


def _rows(path: Path, text: str) -> list[list[str]]:
    sample = [line for line in text.splitlines() if line.strip()][:40]
    if not sample:
        raise _refuse(path, "statline_leeg", _("het bestand is leeg."))
    semicolons = sum(line.count(";") for line in sample)
    if semicolons == 0:
        separator = "komma's" if sum(line.count(",") for line in sample) else "geen scheidingsteken"
        raise _refuse(
            path, "statline_scheidingsteken",
            _("de kolommen zijn niet met puntkomma's gescheiden ({found}).").format(found=separator),
        )
    reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
    return [[c.replace("\u2019", "'").strip() for c in row] for row in reader]


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c)


def _is_figure(text: str) -> bool:
    try:
        parse_figure(text, count=False)
    except ValueError:
        return False
    return True


def _header_index(path: Path, rows: list[list[str]]) -> int:
    for index, row in enumerate(rows[:60]):
        names = {normalise_label(c) for c in row}
        if names >= OPEN_DATA_HEADERS:
            raise _refuse(
                path, "statline_ongefilterd",
                _("dit is de ongefilterde open-data-indeling (kolommen ID, RegioS, Perioden met "
                  "codes) en niet de tabelweergave."),
            )
        if names & REGION_HEADERS and names & PERIOD_HEADERS:
            return index
    raise _refuse(
        path, "statline_indeling",
        _("er is geen kopregel met de kolommen 'Regio's' en 'Perioden' gevonden (staan perioden "
          "of regio's misschien in de kolommen?)."),
    )


def _topic_rows(rows: list[list[str]], first: int, header: int) -> list[list[str]]:
    """The lines between the title and the dimension line that name topics."""
    return [r for r in rows[first:header] if _filled(r) > 1 or
            (_filled(r) == 1 and normalise_label(r[0]) in TOPIC_MARKERS)]


def _dimension_count(header: list[str], data: list[list[str]], topics: list[list[str]]) -> int:
    """Columns up to the last Regio's/Perioden header, then further label columns: a column
    without a topic above it whose data are labels, not figures."""
    names = [normalise_label(c) for c in header]
    count = 1 + max(i for i, n in enumerate(names) if n in REGION_HEADERS | PERIOD_HEADERS)
    while count < len(header):
        if any(count < len(r) and normalise_label(r[count]) not in TOPIC_MARKERS for r in topics):
            break
        values = [r[count] for r in data if count < len(r) and r[count]]
        if not values or all(_is_figure(v) for v in values):
            break
        count += 1
    return count


def _topics(path: Path, rows: list[list[str]], topic_rows: list[list[str]], header: int,
            dims: int) -> list[Topic]:
    width = max(len(r) for r in rows[header:header + 50])
    topics: list[Topic] = []
    for column in range(dims, width):
        unit = rows[header][column] if column < len(rows[header]) else ""
        path_parts: list[str] = []
        for row in topic_rows:
            text = row[column] if column < len(row) else ""
            if text and (not path_parts or path_parts[-1] != text):
                path_parts.append(text)
        if not topic_rows:
            path_parts, unit = ([unit] if unit else []), ""
        if not path_parts:
            if unit:
                raise _refuse(path, "statline_onderwerp",
                              _("kolom {n} heeft geen onderwerp.").format(n=column + 1))
            continue
        topics.append(Topic(tuple(path_parts), unit, column))
    if not topics:
        raise _refuse(path, "statline_onderwerp", _("er staan geen onderwerpen in de kolommen."))
    return topics


def _data_rows(path: Path, rows: list[list[str]], header: int, dims: int,
               topics: list[Topic]) -> list[DataRow]:
    found: list[DataRow] = []
    previous: list[str] = [""] * dims
    for offset, row in enumerate(rows[header + 1:]):
        if _filled(row) <= 1:
            continue  # blank lines and closing lines such as "Bron: CBS"
        line = header + offset + 2
        labels = [row[i] if i < len(row) else "" for i in range(dims)]
        labels = [label or previous[i] for i, label in enumerate(labels)]  # merged cells
        if not all(labels):
            raise _refuse(path, "statline_rij",
                          _("regel {line} mist een regio, periode of categorie.").format(line=line))
        previous = labels
        cells = tuple(row[t.column] if t.column < len(row) else "" for t in topics)
        found.append(DataRow(line, tuple(labels), cells))
    if not found:
        raise _refuse(path, "statline_leeg", _("de tabel bevat geen gegevens."))
    return found


def read_statline(path: Path, max_bytes: int = 256 * 1024**2) -> StatLineFile:
    """Parse the StatLine CSV at ``path`` or refuse it (InputRefused, exit code 2)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _refuse(path, "statline_te_groot",
                          _("het is groter dan {mb} MB.").format(mb=max_bytes // 1024**2))
        data = path.read_bytes()
    except OSError:
        raise InputRefused(
            "statline_onleesbaar",
            _("Het bestand {file} bestaat niet of is niet te lezen.").format(file=path),
            _("Controleer de naam en de rechten van het bestand."),
        ) from None
    rows = _rows(path, _text(path, data))
    first = next(i for i, r in enumerate(rows) if _filled(r))
    title = rows[first][0] if _filled(rows[first]) == 1 and rows[first][0] else ""
    start = first + 1 if title else first
    header = _header_index(path, rows)
    data_candidates = [r for r in rows[header + 1:] if _filled(r) > 1]
    topic_rows = _topic_rows(rows, start, header)
    dims = _dimension_count(rows[header], data_candidates, topic_rows)
    names = [normalise_label(c) for c in rows[header][:dims]]
    region = next(i for i, n in enumerate(names) if n in REGION_HEADERS)
    period = next(i for i, n in enumerate(names) if n in PERIOD_HEADERS)
    topics = _topics(path, rows, topic_rows, header, dims)
    return StatLineFile(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        dimensions=tuple(rows[header][:dims]),
        region_index=region,
        period_index=period,
        topics=tuple(topics),
        rows=tuple(_data_rows(path, rows, header, dims, topics)),
    )
