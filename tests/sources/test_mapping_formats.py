# SPDX-License-Identifier: EUPL-1.2
"""What real exports need from a mapping: date formats, title rows, ignored columns, flat files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from openpyxl import Workbook

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.sources import load_mapping, read_export
from ketenmonitor.sources.dates import excel_to_date, iso_to_local_date, normalise_dates
from ketenmonitor.sources.normalise import gemeente_names

LT_COLUMNS = """
      traject_id: Nr
      gemeente: Gemeente
      datum_aanmelding: Aanmelding
      verwijzer: Verwijzer
"""


def _mapping(tmp_path: Path, files: str, partner: str = "lokaal_team") -> Path:
    path = tmp_path / "mapping.yaml"
    path.write_text(f"partner_type: {partner}\nbestanden:\n{files}", encoding="utf-8")
    return path


@pytest.mark.parametrize(("written", "local"), [
    ("2024-01-15", "2024-01-15"),
    ("2024-01-15T23:30:00", "2024-01-15"),  # no zone: already local time
    ("2024-01-15 10:00:00+05:00", "2024-01-15"),
    ("2024-03-30T23:30:00Z", "2024-03-31"),  # winter time, UTC+1
    # the last Sunday of March: 22:30 UTC is past midnight in summer time (UTC+2) ...
    ("2024-03-31T21:59:00Z", "2024-03-31"),
    ("2024-03-31T22:30:00Z", "2024-04-01"),
    # ... and on the last Sunday of October winter time is back: 22:30 UTC stays the same day
    ("2024-10-26T22:30:00Z", "2024-10-27"),
    ("2024-10-27T22:30:00Z", "2024-10-27"),
    ("2024-06-30T23:59:59+00:00", "2024-07-01"),  # just before midnight UTC: next half-year
    ("2024-12-31T23:30:00.123Z", "2025-01-01"),
    ("2024-02-30T10:00:00Z", "2024-02-30T10:00:00Z"),  # not a date: left for ingest to refuse
    ("15-01-2024", "15-01-2024"),
])
def test_iso_dates_and_times_become_the_dutch_local_date(written: str, local: str) -> None:
    assert iso_to_local_date(written) == local


@pytest.mark.parametrize(("written", "expected"), [
    ("45292", "2024-01-01"), ("45292.75", "2024-01-01"), ("45292,5", "2024-01-01"),
    ("1", "1900-01-01"), ("59", "1900-02-28"), ("61", "1900-03-01"),
    ("60", "60"),  # Excel's 29 February 1900 never existed
    ("0", "0"), ("tja", "tja"), ("2024-01-05", "2024-01-05"),
])
def test_excel_serial_dates(written: str, expected: str) -> None:
    assert excel_to_date(written) == expected


def test_normalise_dates_per_format() -> None:
    values = pa.array(["45292", None, "2024-03-31T22:30:00Z"])
    assert normalise_dates(values, "excel").to_pylist() == ["2024-01-01", None,
                                                           "2024-03-31T22:30:00Z"]
    assert normalise_dates(values, "iso").to_pylist() == ["45292", None, "2024-04-01"]


def test_a_date_format_per_column_and_a_header_below_title_rows_csv(tmp_path: Path) -> None:
    mapping = load_mapping(_mapping(tmp_path, f"""
  - record_type: lt_traject
    patroon: "*.csv"
    scheidingsteken: tab
    kopregel: 3
    datumformaat: dd-mm-jjjj
    datumformaten: {{datum_aanmelding: excel, datum_start: iso}}
    gemeentenamen: true
    kolommen:{LT_COLUMNS}      datum_start: Start
      datum_einde: Einde
    waarden: {{verwijzer: {{Huisarts: HUISARTS}}}}
"""))
    export = tmp_path / "lt.csv"
    export.write_text(
        "Export cliëntsysteem\n"
        "Periode 2024-H1\n"
        "Nr\tGemeente\tAanmelding\tStart\tEinde\tVerwijzer\n"
        "T1\tDen Haag\t45292\t2024-01-02T23:30:00Z\t31-01-2024\thuisarts\n"
        "T2\tleiden\t45293\t2024-01-03\t\tHuisarts\n", encoding="utf-8")
    (source,) = read_export(mapping, export)
    rows = source.table.to_pylist()
    assert [(r["gemeente"], r["datum_aanmelding"], r["datum_start"], r["datum_einde"],
             r["verwijzer"]) for r in rows] == [
        ("GM0518", "2024-01-01", "2024-01-03", "2024-01-31", "HUISARTS"),
        ("GM0546", "2024-01-02", "2024-01-03", None, "HUISARTS")]
    assert source.row_numbers == [4, 5]  # line numbers of the file, title lines counted


def test_a_header_below_title_rows_xlsx_and_ignored_free_text(tmp_path: Path) -> None:
    mapping = load_mapping(_mapping(tmp_path, f"""
  - record_type: lt_traject
    patroon: "*.xlsx"
    formaat: xlsx
    blad: Trajecten
    kopregel: 2
    datumformaat: excel
    negeren: [Notities]
    kolommen:{LT_COLUMNS}
    waarden: {{verwijzer: {{Huisarts: HUISARTS}}, gemeente: {{Delft: GM0503}}}}
"""))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Trajecten"
    sheet.append(["Trajecten lokaal team, export 2024-07-01"])
    sheet.append(["Nr", "Gemeente", "Aanmelding", "Notities", "Verwijzer"])
    sheet.append(["T1", "Delft", 45292, "woont tijdelijk bij oma", "Huisarts"])
    path = tmp_path / "lt.xlsx"
    book.save(path)
    (source,) = read_export(mapping, path)
    assert source.table.to_pylist()[0]["datum_aanmelding"] == "2024-01-01"
    assert source.row_numbers == [3]
    assert "woont tijdelijk bij oma" not in str(source.table.to_pydict())


def test_an_unmapped_column_is_still_refused_unless_ignored(tmp_path: Path) -> None:
    from ketenmonitor.core.errors import InputRefused

    files = f"""
  - record_type: lt_traject
    patroon: "*.csv"
    kolommen:{LT_COLUMNS}"""
    export = tmp_path / "lt.csv"
    export.write_text("Nr;Gemeente;Aanmelding;Verwijzer;Notities\nT1;GM0518;02-01-2024;"
                      "HUISARTS;belt vaak\n", encoding="utf-8")
    with pytest.raises(InputRefused) as caught:
        read_export(load_mapping(_mapping(tmp_path, files)), export)
    assert "'negeren'" in caught.value.hint
    (source,) = read_export(load_mapping(_mapping(tmp_path, files + "\n    negeren: [Notities]\n")),
                            export)
    assert "belt vaak" not in str(source.table.to_pydict())


def test_one_flat_file_feeds_a_stay_and_its_persons(tmp_path: Path) -> None:
    mapping = load_mapping(_mapping(tmp_path, """
  - record_type: lt_traject
    patroon: "opvang.csv"
    ontdubbelen: true
    kolommen: {traject_id: Verblijf, gemeente: Gemeente, datum_aanmelding: Opname,
               datum_start: Opname, verwijzer: Verwijzer}
  - record_type: betrokkene
    patroon: "opvang.csv"
    kolommen: {bron_id: Verblijf, volgnummer: Persoon, rol: Rol}
    identiteit: {bsn: BSN, geboortedatum: Geboren}
"""))
    export = tmp_path / "opvang.csv"
    export.write_text(
        "Verblijf;Gemeente;Opname;Verwijzer;Persoon;Rol;BSN;Geboren\n"
        "V1;GM0518;02-01-2024;POLITIE;1;SLACHTOFFER;111222333;03-04-1990\n"
        "V1;GM0518;02-01-2024;POLITIE;2;KIND;;05-06-2015\n"
        "V2;GM0503;09-01-2024;HUISARTS;1;SLACHTOFFER;;01-01-1980\n", encoding="utf-8")
    stays, persons = read_export(mapping, export)
    assert (stays.record_type, persons.record_type) == ("lt_traject", "betrokkene")
    assert stays.table.column("traject_id").to_pylist() == ["V1", "V2"]
    assert stays.row_numbers == [2, 4]
    # one column feeds two fields
    assert stays.table.column("datum_start").to_pylist() == ["2024-01-02", "2024-01-09"]
    assert persons.table.num_rows == 3 and persons.row_numbers == [2, 3, 4]


def test_gemeente_names_cover_every_gemeente() -> None:
    names = gemeente_names()
    assert names["sgravenhage"] == names["denhaag"] == "GM0518"
    assert names["leiden"] == "GM0546"


@pytest.mark.parametrize(("files", "expected"), [
    ("""
  - record_type: lt_traject
    patroon: "*.csv"
    blad: Blad1
    scheidingsteken: tab
    kolommen: {traject_id: Nr, gemeente: G, datum_aanmelding: D, verwijzer: V}
""", "'blad' past alleen bij formaat xlsx"),
    ("""
  - record_type: lt_traject
    patroon: "*.xlsx"
    formaat: xlsx
    blad: Blad1
    codering: latin-1
    kolommen: {traject_id: Nr, gemeente: G, datum_aanmelding: D, verwijzer: V}
""", "'codering' past alleen bij formaat csv"),
    ("""
  - record_type: lt_traject
    patroon: "*.csv"
    negeren: [Nr]
    kolommen: {traject_id: Nr, gemeente: G, datum_aanmelding: D, verwijzer: V}
""", "kolom 'Nr' staat in 'negeren' en is ook aan een veld gekoppeld"),
    ("""
  - record_type: lt_traject
    patroon: "*.csv"
    datumformaten: {verwijzer: iso, datum_einde: excel, datum_start: dd-mmm-jjjj}
    kolommen: {traject_id: Nr, gemeente: G, datum_aanmelding: D, verwijzer: V, datum_start: S}
""", "'datumformaten' noemt veld 'verwijzer', maar dat is geen datumveld van recordtype "
     "lt_traject; 'datumformaten' noemt veld 'datum_einde' dat niet in 'kolommen' of "
     "'identiteit' staat; 'datumformaten' bij veld 'datum_start': datumformaat 'dd-mmm-jjjj' "
     "bevat tekens die geen dd, mm of jjjj zijn"),
    ("""
  - record_type: lt_traject
    patroon: "*.csv"
    datumformaat: dag-maand-jaar
    kolommen: {traject_id: Nr, gemeente: G, datum_aanmelding: D, verwijzer: V}
""", "datumformaat 'dag-maand-jaar' moet dd, mm en jjjj elk precies één keer bevatten"),
    ("""
  - record_type: mda_casus
    patroon: "*.csv"
    kolommen: {mda_id: Nr, gemeente: G, datum_aanmelding: D}
  - record_type: betrokkene
    patroon: "*.csv"
    kopregel: 2
    kolommen: {bron_id: Nr, volgnummer: P, rol: R}
  - record_type: betrokkene
    patroon: "*.csv"
    kolommen: {bron_id: Nr, volgnummer: P, rol: R}
""", "patroon '*.csv' staat twee keer met recordtype betrokkene"),
    ("""
  - record_type: betrokkene
    patroon: "*.csv"
    gemeentenamen: true
    kolommen: {bron_id: Nr, volgnummer: P, rol: R}
""", "'gemeentenamen' staat aan, maar 'kolommen' heeft geen gemeenteveld"),
])
def test_impossible_combinations_are_explained_in_dutch(tmp_path: Path, files: str,
                                                        expected: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_mapping(_mapping(tmp_path, files))
    assert expected in caught.value.message


def test_header_row_below_one_and_differing_reads_of_one_file(tmp_path: Path) -> None:
    files = """
  - record_type: mda_casus
    patroon: "*.csv"
    kolommen: {mda_id: Nr, gemeente: G, datum_aanmelding: D}
  - record_type: betrokkene
    patroon: "*.csv"
    kopregel: 0
    kolommen: {bron_id: Nr, volgnummer: P, rol: R}
"""
    with pytest.raises(ConfigurationError) as caught:
        load_mapping(_mapping(tmp_path, files, partner="mda"))
    assert "bestanden[2].kopregel: waarde 0 is te klein (minimaal 1)" in caught.value.message
    with pytest.raises(ConfigurationError) as caught:
        load_mapping(_mapping(tmp_path, files.replace("kopregel: 0", "kopregel: 2"), "mda"))
    assert ("patroon '*.csv' wordt onder meer recordtypen gelezen, maar 'kopregel' verschilt"
            in caught.value.message)
