# SPDX-License-Identifier: EUPL-1.2
"""Writes the partner exports: per partner type per half-year, as that partner's system would.

Layout: ``OUT/exports/<partner_type>/<periode>/<file>``. CSV files are written with pyarrow
(``;``, the partner's quoting, line ends and BOM); the MDA++ export is an XLSX workbook with two
sheets, written with xlsxwriter in constant-memory mode. Every half-year gets its files, also
when a partner had no records in it (header only), so a delivery is always complete.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pacsv
import xlsxwriter

from ketenmonitor.core.periods import Period, half_years
from ketenmonitor.simulate.canonical import Records, partner_records
from ketenmonitor.simulate.config import day_number
from ketenmonitor.simulate.model import Simulation
from ketenmonitor.simulate.partner_formats import SYSTEMS, ExportFile, PartnerSystem
from ketenmonitor.simulate.render import render

ObjArray = npt.NDArray[np.object_]


def _bounds(records: Records, periods: list[Period]) -> list[tuple[int, int]]:
    if records.n > 1 and np.any(np.diff(records.day) < 0):
        raise ValueError("records must be sorted by day")
    starts = np.array([day_number(p.start) for p in periods] + [day_number(periods[-1].end) + 1])
    cut = np.searchsorted(records.day, starts, side="left").tolist()
    return list(pairwise(cut))


def _rendered(system: PartnerSystem, spec: ExportFile, records: Records,
              xlsx: bool) -> list[ObjArray]:
    return [render(system, field, records.columns[field], xlsx=xlsx) for _h, field in spec.columns]


def _write_csv(path: Path, system: PartnerSystem, spec: ExportFile, table: pa.Table) -> None:
    headers = [h for h, _f in spec.columns]
    quoted = headers if system.quoting == "none" else [f'"{h}"' for h in headers]
    header = ";".join(quoted)
    with path.open("wb") as handle:
        if system.bom:
            handle.write(b"\xef\xbb\xbf")
        handle.write((header + system.eol).encode("utf-8"))
        if table.num_rows:
            pacsv.write_csv(table, handle, pacsv.WriteOptions(
                include_header=False, delimiter=";", quoting_style=system.quoting,
                eol=system.eol))


def _write_xlsx(path: Path, system: PartnerSystem,
                sheets: list[tuple[ExportFile, list[ObjArray], int, int]]) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    workbook.set_properties({"created": datetime(2000, 1, 1), "author": system.partner_type})
    date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
    bold = workbook.add_format({"bold": True})
    for spec, columns, lo, hi in sheets:
        sheet = workbook.add_worksheet(spec.sheet or "Blad1")
        sheet.write_row(0, 0, [h for h, _f in spec.columns], bold)
        for r, i in enumerate(range(lo, hi), start=1):
            for c, column in enumerate(columns):
                value: Any = column[i]
                if value is None:
                    continue
                if hasattr(value, "isoformat"):
                    sheet.write_datetime(r, c, datetime(value.year, value.month, value.day),
                                         date_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
    workbook.close()


def write_exports(sim: Simulation, out: Path) -> dict[str, dict[str, int]]:
    """Write all exports under ``out/exports``; returns row counts per partner and record type."""
    periods = list(half_years(sim.config.start, sim.config.peil))
    counts: dict[str, dict[str, int]] = {}
    for partner, record_sets in partner_records(sim).items():
        system = SYSTEMS[partner]
        by_type = {r.record_type: r for r in record_sets}
        counts[partner] = {r.record_type: r.n for r in record_sets}
        prepared = []
        for spec in system.files:
            records = by_type[spec.record_type]
            columns = _rendered(system, spec, records, system.xlsx)
            prepared.append((spec, columns, _bounds(records, periods)))
        for k, period in enumerate(periods):
            folder = out / "exports" / partner / period.code
            folder.mkdir(parents=True, exist_ok=True)
            if system.xlsx:
                sheets = [(spec, cols, *bounds[k]) for spec, cols, bounds in prepared]
                _write_xlsx(folder / system.files[0].name.format(periode=period.code), system,
                            sheets)
                continue
            for spec, cols, bounds in prepared:
                lo, hi = bounds[k]
                table = pa.table({f"k{i}": pa.array(c[lo:hi], type=pa.string())
                                  for i, c in enumerate(cols)})
                _write_csv(folder / spec.name.format(periode=period.code), system, spec, table)
    return counts
