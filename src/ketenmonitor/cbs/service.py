# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor benchmark import``: StatLine CSV exports into the warehouse.

Every file is parsed and mapped before anything is written; one refused file refuses the whole
import, so the warehouse never holds half a benchmark. Areas outside the code lists (other
gemeenten and regions of the Netherlands) are skipped and counted; a category label that no code
list knows is stored without a code and reported, so a new CBS category never goes unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ketenmonitor.cbs.koppeling import TOTAAL, KoppelingBestand, load_koppeling, normalise_label
from ketenmonitor.cbs.labels import parse_figure, parse_moment, parse_period, resolve_area
from ketenmonitor.cbs.statline import DataRow, StatLineFile, read_statline
from ketenmonitor.cbs.store import (
    BENCHMARK_SCHEMA,
    POPULATION_SCHEMA,
    ParsedImport,
    StoredImport,
    store_imports,
)
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.warehouse import connect

log = get_logger(__name__)
COUNT_UNITS = ("aantal", "")


@dataclass(frozen=True)
class ImportReport:
    results: list[StoredImport]

    @property
    def loaded(self) -> int:
        return sum(1 for r in self.results if r.status == "geladen")


def _refuse_row(item: StatLineFile, row: DataRow, reason: str) -> InputRefused:
    return InputRefused(
        "statline_waarde",
        _("Regel {line} van {file}: {reason}").format(
            line=row.line, file=item.path.name, reason=reason
        ),
        _("Exporteer de tabel opnieuw uit StatLine als 'CSV (tabel)' en importeer dat bestand."),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_label(text)).strip("_") or "dimensie"


def _dimension(parsed: StatLineFile, row: DataRow, koppeling: KoppelingBestand,
               tabel: str, unknown: set[str]) -> tuple[str, str | None, str] | None:
    """(dimensie, categorie, label) of a row; None when more than one dimension is split."""
    spec = koppeling.table(tabel)
    split: list[tuple[str, str | None, str]] = []
    for index, header in parsed.extra_dimensions:
        label = row.dims[index]
        dim = spec.dimension(header)
        code = dim.resolve(label) if dim else (TOTAAL if normalise_label(label).startswith(
            "totaal") else None)
        if code == TOTAAL:
            continue
        name = dim.naam if dim else _slug(header)
        if code is None:
            unknown.add(f"{header}: {label}")
        split.append((name, code, label))
    if len(split) > 1:
        return None
    return split[0] if split else (TOTAAL, TOTAAL, _("Totaal"))


def _benchmark_rows(parsed: StatLineFile, koppeling: KoppelingBestand,
                    tabel: str) -> tuple[pa.Table, list[str], list[str], int]:
    rows: list[dict[str, object]] = []
    skipped_areas: set[str] = set()
    unknown: set[str] = set()
    crossed = 0
    for row in parsed.rows:
        area = resolve_area(row.dims[parsed.region_index])
        if area is None:
            skipped_areas.add(row.dims[parsed.region_index])
            continue
        period = parse_period(row.dims[parsed.period_index])
        if period is None:
            raise _refuse_row(parsed, row, _(
                "periode '{label}' is geen jaar of halfjaar (bijvoorbeeld '2023' of "
                "'2023 1e halfjaar')."
            ).format(label=row.dims[parsed.period_index]))
        dimension = _dimension(parsed, row, koppeling, tabel, unknown)
        if dimension is None:
            crossed += 1
            continue
        for topic, cell in zip(parsed.topics, row.cells, strict=True):
            try:
                figure = parse_figure(cell, count=topic.unit.lower() in COUNT_UNITS)
            except ValueError:
                raise _refuse_row(parsed, row, _(
                    "'{value}' in kolom '{topic}' is geen getal en geen CBS-teken (. x -)."
                ).format(value=cell, topic=topic.label)) from None
            if figure is None:
                continue
            rows.append({
                "tabel": tabel, "onderwerp": topic.label, "eenheid": topic.unit or "aantal",
                "gebied_code": area.code, "gebied_naam": area.naam, "gebied_niveau": area.niveau,
                "periode": period.period.code,
                "periode_type": "jaar" if period.period.is_year else "halfjaar",
                "dimensie": dimension[0], "categorie": dimension[1],
                "categorie_label": dimension[2], "waarde": figure.waarde,
                "voorlopig": period.provisional, "onderdrukt": figure.onderdrukt,
            })
    table = pa.Table.from_pylist(rows, schema=BENCHMARK_SCHEMA)
    return table, sorted(skipped_areas), sorted(unknown), crossed


def _population_rows(parsed: StatLineFile, koppeling: KoppelingBestand,
                     tabel: str) -> tuple[pa.Table, list[str], int]:
    spec = koppeling.table(tabel).bevolking
    assert spec is not None
    wanted = normalise_label(spec.onderwerp)
    columns = [i for i, t in enumerate(parsed.topics)
               if normalise_label(t.path[-1]) == wanted or normalise_label(t.label) == wanted]
    if not columns:
        raise InputRefused(
            "statline_bevolking",
            _("Het bestand {file} heeft geen onderwerp '{topic}'.").format(
                file=parsed.path.name, topic=spec.onderwerp),
            _("Neem bij het exporteren uit StatLine het onderwerp '{topic}' op.").format(
                topic=spec.onderwerp),
        )
    rows: list[dict[str, object]] = []
    skipped: set[str] = set()
    crossed = 0
    for row in parsed.rows:
        if any(not normalise_label(row.dims[i]).startswith("totaal")
               for i, _h in parsed.extra_dimensions):
            crossed += 1  # only totals over sex, age, marital status count
            continue
        area = resolve_area(row.dims[parsed.region_index])
        if area is None:
            skipped.add(row.dims[parsed.region_index])
            continue
        moment = parse_moment(row.dims[parsed.period_index])
        if moment is None:
            raise _refuse_row(parsed, row, _(
                "periode '{label}' is geen jaar of maand (bijvoorbeeld '2024' of '2024 januari')."
            ).format(label=row.dims[parsed.period_index]))
        try:
            figure = parse_figure(row.cells[columns[0]], count=True)
        except ValueError:
            raise _refuse_row(parsed, row, _("het inwonertal '{value}' is geen getal.").format(
                value=row.cells[columns[0]])) from None
        if figure is None or figure.waarde is None:
            continue
        rows.append({
            "tabel": tabel, "gebied_code": area.code, "gebied_naam": area.naam,
            "gebied_niveau": area.niveau, "peildatum": moment[0],
            "inwoners": int(figure.waarde), "voorlopig": moment[1],
        })
    return pa.Table.from_pylist(rows, schema=POPULATION_SCHEMA), sorted(skipped), crossed


def parse_file(path: Path, koppeling: KoppelingBestand | None = None,
               tabel: str | None = None) -> ParsedImport:
    """Parse and map one StatLine CSV; refused (InputRefused) when it cannot be used."""
    koppeling = koppeling or load_koppeling()
    parsed = read_statline(path)
    table_id = koppeling.table_for(parsed.title, path.name, tabel)
    if table_id is None:
        known = ", ".join(koppeling.tabellen)
        raise InputRefused(
            "statline_tabel_onbekend",
            _("Van {file} is niet te zien welke CBS-tabel het is (titel: '{title}').").format(
                file=path.name, title=parsed.title or "-"),
            _("Geef de tabel op met --tabel, bijvoorbeeld --tabel 84847NED. Bekende tabellen: "
              "{known}.").format(known=known),
        )
    spec = koppeling.table(table_id)
    unknown: list[str] = []
    if spec.bevolking is not None:
        soort = "bevolking"
        rows, skipped, crossed = _population_rows(parsed, koppeling, table_id)
    else:
        soort = "benchmark"
        rows, skipped, unknown, crossed = _benchmark_rows(parsed, koppeling, table_id)
    return ParsedImport(
        import_id=parsed.sha256, bestand=path.name, tabel=table_id, titel=parsed.title,
        soort=soort, rijen_gelezen=len(parsed.rows), rows=rows, gebieden_overgeslagen=skipped,
        onbekende_categorieen=unknown, rijen_overgeslagen=crossed,
    )


def import_files(paths: Sequence[Path], warehouse: Path, tabel: str | None = None,
                 koppeling: KoppelingBestand | None = None) -> ImportReport:
    """Parse every file, then store them all in one transaction."""
    if tabel and len(paths) > 1:
        raise InputRefused(
            "statline_tabel_meerdere",
            _("--tabel geldt voor één bestand, maar er zijn {n} bestanden opgegeven.").format(
                n=len(paths)),
            _("Importeer bestanden van verschillende tabellen zonder --tabel, of één voor één."),
        )
    koppeling = koppeling or load_koppeling()
    parsed = [parse_file(p, koppeling, tabel) for p in paths]
    con = connect(warehouse)
    try:
        results = store_imports(con, parsed)
    finally:
        con.close()
    for r in results:
        log.info("cbs_geimporteerd", bestand=r.parsed.bestand, tabel=r.parsed.tabel,
                 status=r.status, waarden=r.parsed.rows.num_rows)
    return ImportReport(results)
