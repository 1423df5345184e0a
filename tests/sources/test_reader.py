# SPDX-License-Identifier: EUPL-1.2
"""``read_export``: normalised tables, and every file-level refusal with its exact Dutch message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter

from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.sources import Mapping, load_mapping, read_export

BERICHTEN = "VT_berichten_2024-H1.csv"
BETROKKENEN = "VT_betrokkenen_2024-H1.csv"
CsvWriter = Callable[..., Path]
Row = dict[str, str]


def _refused(mapping: Mapping, path: Path | list[Path], **kwargs: object) -> InputRefused:
    with pytest.raises(InputRefused) as caught:
        read_export(mapping, path, **kwargs)  # type: ignore[arg-type]
    assert caught.value.exit_code == ExitCode.REFUSED
    return caught.value


def test_reads_a_folder_into_normalised_delivery_tables(
    vt_mapping: Mapping, vt_export: Path
) -> None:
    tables = read_export(vt_mapping, vt_export)
    assert [(t.record_type, t.file.name) for t in tables] == [
        ("vt_bericht", BERICHTEN),
        ("betrokkene", BETROKKENEN),
    ]
    berichten = tables[0]
    assert berichten.row_numbers == [2, 3]
    first, second = berichten.table.to_pylist()
    assert first["soort"] == "MELDING"
    assert first["datum_ontvangst"] == "2024-01-02"
    assert first["datum_veiligheidsbeoordeling"] == "2024-01-09"  # d-m-jjjj padded
    assert first["datum_afsluiting"] == "31-02-2024"  # not a date: left for ingest
    assert first["melder_organisatie"] == "JV_POLITIE"
    assert first["aard"] == "KINDERMISHANDELING|PARTNERGEWELD"
    assert first["acute_onveiligheid"] == "false"
    assert first["structurele_onveiligheid"] == "true"
    assert first["aanvullende_informatie"] is None
    assert first["overdracht_organisatie"] == "LOKAAL_TEAM"
    assert second["aard"] == "Onbekende aard"  # unknown label passed on unchanged
    assert second["casus_id"] is None
    assert berichten.table.schema.names == [f for f in first]  # all delivery fields, all strings
    assert all(str(t) == "string" for t in berichten.table.schema.types)
    person = tables[1].table.to_pylist()[0]
    assert person == {
        "bron_id": "VT2024-000001",
        "volgnummer": "1",
        "rol": "SLACHTOFFER",
        "bsn": "111222333",
        "voornamen": "José Maria",
        "tussenvoegsel": "van der",
        "achternaam": "Berg",
        "geboortedatum": "1990-04-03",
        "postcode": "2512 AB",
        "huisnummer": "12",
        "huisnummer_toevoeging": "A",
        "geslacht": "V",
    }


def test_single_files_can_be_given(vt_mapping: Mapping, vt_export: Path) -> None:
    tables = read_export(vt_mapping, [vt_export / BETROKKENEN])
    assert [t.record_type for t in tables] == ["betrokkene"]


def test_header_only_file_gives_an_empty_table(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, person_row: Row
) -> None:
    path = write_csv(tmp_path / BETROKKENEN, [], header=list(person_row))
    (table,) = read_export(vt_mapping, [path])
    assert table.table.num_rows == 0
    assert table.row_numbers == []


def test_wrong_delimiter(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, vt_row: Row
) -> None:
    path = write_csv(tmp_path / BERICHTEN, [vt_row], delimiter=",")
    error = _refused(vt_mapping, [path])
    assert error.code == "scheidingsteken"
    assert error.message == (
        "Het bestand VT_berichten_2024-H1.csv gebruikt niet het "
        "scheidingsteken ';' dat de mapping verwacht."
    )
    assert error.hint == (
        "Het bestand lijkt ',' te gebruiken. Exporteer opnieuw met ';' als "
        "scheidingsteken, of zet het scheidingsteken van het bestand in de "
        "mapping."
    )


def test_latin1_is_refused_unless_the_encoding_is_given(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, person_row: Row
) -> None:
    path = write_csv(tmp_path / BETROKKENEN, [person_row], encoding="latin-1")
    error = _refused(vt_mapping, [path])
    assert error.code == "codering"
    assert error.message == (
        "Het bestand VT_betrokkenen_2024-H1.csv is niet in UTF-8 gecodeerd "
        "(regel 2 bevat een teken dat geen UTF-8 is)."
    )
    assert error.hint == (
        "Sla het bestand op als UTF-8 (in Excel: 'CSV UTF-8') of geef de "
        "codering op, bijvoorbeeld 'codering: latin-1' in de mapping."
    )
    (table,) = read_export(vt_mapping, [path], encoding="latin-1")
    assert table.table.column("voornamen").to_pylist() == ["José Maria"]


def test_utf8_bom_is_accepted(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, person_row: Row
) -> None:
    plain = write_csv(tmp_path / "a" / BETROKKENEN, [person_row])
    with_bom = write_csv(tmp_path / "b" / BETROKKENEN, [person_row], bom=True)
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    (a,) = read_export(vt_mapping, [plain])
    (b,) = read_export(vt_mapping, [with_bom])
    assert a.table.equals(b.table)


def test_missing_column(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, vt_row: Row
) -> None:
    row = {k: v for k, v in vt_row.items() if k != "Duur geweld"}
    error = _refused(vt_mapping, [write_csv(tmp_path / BERICHTEN, [row])])
    assert error.code == "kolommen_ontbreken"
    assert error.message == (
        "In het bestand VT_berichten_2024-H1.csv ontbreken kolommen die de "
        "mapping verwacht: 'Duur geweld'."
    )
    assert error.hint == (
        "Controleer of de export volledig is, of pas 'kolommen' in de mapping "
        "veilig_thuis.yaml aan."
    )


def test_extra_column(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, vt_row: Row
) -> None:
    row = {**vt_row, "Opmerking": "woont bij oma"}
    error = _refused(vt_mapping, [write_csv(tmp_path / BERICHTEN, [row])])
    assert error.code == "kolommen_extra"
    assert error.message == (
        "Het bestand VT_berichten_2024-H1.csv bevat kolommen die niet in de "
        "mapping staan: 'Opmerking'."
    )
    assert error.hint == (
        "Een kolom buiten de mapping kan persoonsgegevens bevatten en wordt "
        "niet doorgegeven. Verwijder de kolom uit de export, neem haar op in "
        "de mapping veilig_thuis.yaml of zet haar bij 'negeren'."
    )


def test_duplicate_column(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, person_row: Row
) -> None:
    header = [*person_row, "BSN"]
    error = _refused(vt_mapping, [write_csv(tmp_path / BETROKKENEN, [person_row], header=header)])
    assert (
        error.message
        == "Het bestand VT_betrokkenen_2024-H1.csv heeft de kolom 'BSN' meer dan eens."
    )


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"  \n\n"])
def test_empty_file(vt_mapping: Mapping, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / BERICHTEN
    path.write_bytes(content)
    error = _refused(vt_mapping, [path])
    assert error.code == "bestand_leeg"
    assert error.message == "Het bestand VT_berichten_2024-H1.csv is leeg."
    assert error.hint == (
        "Exporteer het bestand opnieuw; een export bevat ten minste de kopregel met de kolomnamen."
    )


def test_file_larger_than_the_limit(
    vt_mapping: Mapping,
    vt_export: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_csv: CsvWriter,
    person_row: Row,
) -> None:
    path = vt_export / BETROKKENEN
    size = path.stat().st_size
    error = _refused(vt_mapping, [path], max_file_bytes=100)
    assert error.code == "bestand_te_groot"
    assert error.message == (
        f"Het bestand VT_betrokkenen_2024-H1.csv is {size} bytes groot; de grens is 100 bytes."
    )
    assert error.hint == (
        "Splits de export in kleinere bestanden (bijvoorbeeld per halfjaar) of "
        "verhoog KETENMONITOR_MAX_FILE_BYTES."
    )
    monkeypatch.setenv("KETENMONITOR_MAX_FILE_BYTES", "2048")
    big = write_csv(vt_export / "VT_betrokkenen_groot.csv", [person_row] * 40)
    assert _refused(vt_mapping, [big]).message.endswith("groot; de grens is 2,0 kB.")


def test_row_with_too_many_fields(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, person_row: Row
) -> None:
    path = write_csv(tmp_path / BETROKKENEN, [person_row, person_row])
    lines = path.read_text("utf-8").splitlines()
    lines[2] += ";extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = _refused(vt_mapping, [path])
    assert error.code == "regel_ongeldig"
    assert error.message == (
        "Regel 3 van het bestand VT_betrokkenen_2024-H1.csv heeft 13 velden; "
        "de kopregel heeft er 12."
    )


def test_folder_without_a_file_for_every_pattern(vt_mapping: Mapping, vt_export: Path) -> None:
    (vt_export / BETROKKENEN).unlink()
    error = _refused(vt_mapping, vt_export)
    assert error.code == "bestand_ontbreekt"
    assert error.message == (
        "In de map 2024-H1 staat geen bestand dat past bij 'VT_betrokkenen_*.csv' (betrokkene)."
    )


def test_file_that_matches_no_pattern_and_missing_path(
    vt_mapping: Mapping, tmp_path: Path, write_csv: CsvWriter, vt_row: Row
) -> None:
    path = write_csv(tmp_path / "export.csv", [vt_row])
    error = _refused(vt_mapping, [path])
    assert error.message == (
        "Het bestand export.csv past bij geen enkel bestandspatroon van de "
        "mapping veilig_thuis.yaml."
    )
    assert error.hint == "Verwachte patronen: 'VT_berichten_*.csv', 'VT_betrokkenen_*.csv'."
    error = _refused(vt_mapping, tmp_path / "bestaat-niet")
    assert error.message == f"Het pad {tmp_path / 'bestaat-niet'} bestaat niet."


def _mda_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(
                        r, c, datetime(value.year, value.month, value.day), date_format
                    )
                else:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def test_unreadable_xlsx(tmp_path: Path) -> None:
    mapping = load_mapping("mda")
    broken = tmp_path / "MDA_2024-H1.xlsx"
    broken.write_bytes(b"Casusnummer;Gemeente\nMDA2024-0001;Delft\n")
    error = _refused(mapping, [broken])
    assert error.code == "xlsx_onleesbaar"
    assert error.message == "Het bestand MDA_2024-H1.xlsx is geen leesbaar Excel-bestand (.xlsx)."
    assert (
        error.hint == "Open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)."
    )


def test_xlsx_sheet_missing_and_values_read(tmp_path: Path) -> None:
    mapping = load_mapping("mda")
    casussen = [
        ["Casusnummer", "Gemeente", "Datum aanmelding", "Datum start", "Datum einde", "Uitkomst"],
        ["MDA2024-0001", "Delft", date(2024, 2, 1), "05-02-2024", None, "Voortijdig beëindigd"],
    ]
    path = _mda_workbook(tmp_path / "MDA_2024-H1.xlsx", {"Casussen": casussen})
    error = _refused(mapping, [path])
    assert error.code == "tabblad_ontbreekt"
    assert error.message == "In het bestand MDA_2024-H1.xlsx ontbreekt het tabblad 'Betrokkenen'."
    assert error.hint == (
        "Aanwezige tabbladen: 'Casussen'. Pas 'blad' in de mapping aan of lever het juiste bestand."
    )
    betrokkenen = [
        [
            "Casusnummer",
            "Nr",
            "Rol",
            "BSN",
            "Voornamen",
            "Tussenvoegsel",
            "Achternaam",
            "Geboortedatum",
            "Geslacht",
            "Postcode",
            "Huisnummer",
            "Toevoeging",
        ],
        [
            "MDA2024-0001",
            1,
            "Pleger",
            "111222333",
            "Piet",
            None,
            "Jansen",
            date(1980, 5, 6),
            "M",
            "2611AB",
            7,
            None,
        ],
    ]
    path = _mda_workbook(
        tmp_path / "MDA_2024-H1.xlsx", {"Casussen": casussen, "Betrokkenen": betrokkenen}
    )
    cases, persons = read_export(mapping, [path])
    assert cases.table.to_pylist() == [
        {
            "mda_id": "MDA2024-0001",
            "gemeente": "GM0503",
            "datum_aanmelding": "2024-02-01",
            "datum_start": "2024-02-05",
            "datum_einde": None,
            "uitkomst": "VOORTIJDIG_BEEINDIGD",
        }
    ]
    row = persons.table.to_pylist()[0]
    assert (row["volgnummer"], row["huisnummer"], row["geboortedatum"], row["rol"]) == (
        "1",
        "7",
        "1980-05-06",
        "PLEGER",
    )
    assert persons.row_numbers == [2]
