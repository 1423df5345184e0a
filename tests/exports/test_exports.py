# SPDX-License-Identifier: EUPL-1.2
"""XLSX and CSV exports of publication tables: real headers, definitions, '.' for suppressed."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from ketenmonitor.core.errors import InputRefused, PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.exports import export_csv, export_publication, export_xlsx
from ketenmonitor.publish import Publication, read_publication, write_publication
from ketenmonitor.publish.signs import SIGNS
from ketenmonitor.warehouse import connect_readonly
from testsupport import load_module


def _synthetic() -> ModuleType:
    return load_module("indicators/synthetic_warehouse.py")


@pytest.fixture(scope="module")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    root = tmp_path_factory.mktemp("export")
    _synthetic().build_warehouse(root / "warehouse.duckdb").close()
    from ketenmonitor.cbs import import_files

    import_files(sorted((Path(__file__).parents[1] / "cbs" / "data").glob("*.csv")),
                 root / "warehouse.duckdb")
    con = connect_readonly(root / "warehouse.duckdb")
    try:
        path = write_publication(con, {"region": "haaglanden"}, root / "pub",
                                 settings=Settings(rounding_base=5, suppression_threshold=10))
    finally:
        con.close()
    return read_publication(path)


def _suppressed_index(pub: Publication, name: str) -> int:
    return pub.tables[name].column("onderdrukt").to_pylist().index(True)


def values_of(sheet: Any, header: list[str], row: int) -> dict[str, Any]:
    return {h: sheet.cell(row=row, column=i + 1).value for i, h in enumerate(header)}


def test_xlsx_has_a_real_header_definitions_and_no_merged_cells(publication: Publication) -> None:
    name = "meldingen_naar_melder"
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(publication, name)))
    assert book.sheetnames == ["Gegevens", "Definities"]
    sheet = book["Gegevens"]
    header = [c.value for c in sheet[1]]
    assert header == publication.tables[name].column_names  # generic over the schema
    assert sheet.freeze_panes == "A2"
    assert not sheet.merged_cells.ranges and not book["Definities"].merged_cells.ranges
    assert sheet.max_row == publication.tables[name].num_rows + 1
    row = _suppressed_index(publication, name) + 2
    values = {h: sheet.cell(row=row, column=i + 1).value for i, h in enumerate(header)}
    sign = SIGNS[values["reden_geen_cijfer"]]  # the sign of the cell's reason (ADR 0021)
    assert values["teller"] == sign and values["waarde"] == sign and values["weergave"] == sign
    assert values["onderdrukt"] == "ja"
    shown = publication.tables[name].column("onderdrukt").to_pylist().index(False) + 2
    teller = sheet.cell(row=shown, column=header.index("teller") + 1)
    assert isinstance(teller.value, int) and teller.number_format == "#,##0"
    waarde = sheet.cell(row=shown, column=header.index("waarde") + 1)
    provisional = values_of(sheet, header, shown)["voorlopig"] == "ja"
    assert waarde.number_format == ('#,##0.0"*"' if provisional else "#,##0.0")
    # every provisional figure keeps its * (as in 'weergave'), every other one has none
    flags = [values_of(sheet, header, r)["voorlopig"] for r in range(2, sheet.max_row + 1)]
    assert "ja" in flags and "nee" in flags
    for r in range(2, sheet.max_row + 1):
        row_values = values_of(sheet, header, r)
        if isinstance(row_values["waarde"], float):
            marked = sheet.cell(row=r, column=header.index("waarde") + 1).number_format.endswith(
                '"*"')
            assert marked == (row_values["voorlopig"] == "ja") == row_values["weergave"].endswith(
                "*"), row_values
    terms = {r[0].value: r[1].value for r in book["Definities"].iter_rows(min_row=2)}
    assert terms["Peildatum"] == "31 december 2020"
    assert terms["Publicatie"] == publication.publication_id
    assert "afgerond op een veelvoud van 5" in terms["Onthullingscontrole"]
    assert terms["Indicator"].endswith(f"({name})")
    assert "Kolom teller" in terms and terms["Bronnen"]


def test_csv_for_dutch_excel(publication: Publication) -> None:
    name = "meldingen_per_1000"
    figures, definitions = export_csv(publication, name)
    assert figures.startswith("\ufeff".encode())
    text = figures.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == publication.tables[name].column_names
    table = publication.tables[name].to_pylist()
    for parsed, original in zip(rows[1:], table, strict=True):
        record = dict(zip(rows[0], parsed, strict=True))
        if original["onderdrukt"]:
            assert record["teller"] == record["waarde"] == SIGNS[original["reden_geen_cijfer"]]
        else:
            assert record["teller"] == str(original["teller"])
            assert float(record["waarde"].replace(",", ".")) == original["waarde"]
            assert "," in record["waarde"] and "." not in record["waarde"]
    terms = dict(csv.reader(io.StringIO(definitions.decode("utf-8-sig")), delimiter=";"))
    assert terms["Regio"] == "Haaglanden (haaglanden)"


def test_cbs_comparison_exports_with_its_sources(publication: Publication) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(publication, "_cbs_vergelijking")))
    terms = {r[0].value: r[1].value for r in book["Definities"].iter_rows(min_row=2)}
    assert "84847NED_kerncijfers.csv" in terms["CBS-bron 84847NED"]


def test_export_all_tables(publication: Publication, tmp_path: Path) -> None:
    written = export_publication(publication, "alle", "csv", tmp_path / "uit")
    assert len(written) == 2 * len(publication.tables)
    assert (tmp_path / "uit" / f"{publication.publication_id}_cbs_vergelijking.csv").is_file()


def test_unknown_table_or_format(publication: Publication, tmp_path: Path) -> None:
    with pytest.raises(PublicationError, match="geen tabel 'bestaat_niet'"):
        export_publication(publication, "bestaat_niet", "xlsx", tmp_path)
    with pytest.raises(InputRefused, match="Formaat 'ods'"):
        export_publication(publication, "alle", "ods", tmp_path)
