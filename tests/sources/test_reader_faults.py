# SPDX-License-Identifier: EUPL-1.2
"""Exports that crashed the reader or lost rows: CR-only line endings, a double BOM, a folder or a
broken symlink named like an export, an ``.xlsx`` whose ``<dimension>`` tag understates the sheet,
a ZIP bomb and an oversized cell. Each is read in full or refused with a Dutch message."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.sources import Mapping, load_mapping, read_export

BERICHTEN = "VT_berichten_2024-H1.csv"
CASUS_HEADERS = ["Casusnummer", "Gemeente", "Datum aanmelding", "Datum start", "Datum einde",
                 "Uitkomst"]
PERSON_HEADERS = ["Casusnummer", "Nr", "Rol", "BSN", "Voornamen", "Tussenvoegsel", "Achternaam",
                  "Geboortedatum", "Geslacht", "Postcode", "Huisnummer", "Toevoeging"]


def _refused(mapping: Mapping, path: Path | list[Path]) -> InputRefused:
    with pytest.raises(InputRefused) as caught:
        read_export(mapping, path)
    assert caught.value.exit_code == ExitCode.REFUSED
    return caught.value


def test_cr_only_line_endings_are_refused(vt_mapping: Mapping, vt_export: Path) -> None:
    berichten = vt_export / BERICHTEN
    berichten.write_bytes(berichten.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    error = _refused(vt_mapping, vt_export)
    assert error.code == "regeleinde"
    assert "alleen CR als regeleinde" in error.message


def test_double_bom_is_read_as_one(vt_mapping: Mapping, vt_export: Path) -> None:
    berichten = vt_export / BERICHTEN
    before = read_export(vt_mapping, vt_export)[0].table.num_rows
    data = berichten.read_bytes().removeprefix(b"\xef\xbb\xbf")
    berichten.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + data)
    assert read_export(vt_mapping, vt_export)[0].table.num_rows == before


def test_folder_named_like_an_export(vt_mapping: Mapping, vt_export: Path) -> None:
    berichten = vt_export / BERICHTEN
    berichten.unlink()
    berichten.mkdir()
    error = _refused(vt_mapping, vt_export)
    assert error.message == f"{BERICHTEN} heeft de naam van een exportbestand, maar is een map."


def test_broken_symlink_named_like_an_export(vt_mapping: Mapping, vt_export: Path) -> None:
    berichten = vt_export / BERICHTEN
    berichten.unlink()
    berichten.symlink_to(vt_export / "weg.csv")
    error = _refused(vt_mapping, vt_export)
    assert error.code == "geen_bestand"
    assert "symlink" in error.message


def _workbook(path: Path, cases: int, *, marker: str = "Afgerond") -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Casussen")
    sheet.write_row(0, 0, CASUS_HEADERS)
    for i in range(cases):
        sheet.write_row(i + 1, 0, [f"MDA2024-{i:04d}", "Delft", "01-02-2024", "05-02-2024", "",
                                   marker if i == 0 else "Afgerond"])
    persons = workbook.add_worksheet("Betrokkenen")
    persons.write_row(0, 0, PERSON_HEADERS)
    workbook.close()
    return path


def _rewrite(path: Path, part: str, change: tuple[str, str]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    text = parts[part].decode("utf-8")
    new = re.sub(change[0], change[1], text, count=1)
    assert new != text
    parts[part] = new.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_xlsx_dimension_tag_is_not_trusted(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "MDA_2024-H1.xlsx", 50)  # header + 50 rows = A1:F51
    _rewrite(path, "xl/worksheets/sheet1.xml", (r'<dimension ref="[^"]*"/>',
                                                '<dimension ref="A1:F50"/>'))
    cases, _persons = read_export(load_mapping("mda"), [path])
    assert cases.table.num_rows == 50
    assert cases.row_numbers == list(range(2, 52))


def test_xlsx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "MDA_2024-H1.xlsx", 1, marker="BOMMARKER")
    _rewrite(path, "xl/sharedStrings.xml", ("BOMMARKER", "a" * (3 << 20)))
    assert path.stat().st_size < 100_000
    error = _refused(load_mapping("mda"), [path])
    assert error.code == "xlsx_te_groot"
    assert "samengeperst" in error.message


def test_xlsx_cell_larger_than_excel_allows_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "MDA_2024-H1.xlsx", 1, marker="BIGMARKER")
    _rewrite(path, "xl/sharedStrings.xml", ("BIGMARKER", "x" * 40_000))
    error = _refused(load_mapping("mda"), [path])
    assert error.code == "xlsx_te_groot"
    assert "regel 2 heeft een cel van meer dan 32767 tekens" in error.message
