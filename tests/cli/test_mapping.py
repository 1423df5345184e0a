# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor mapping controleer`` and the same check in ``pseudonymise`` on awkward exports.

Two exports as real systems write them, mapped with a mapping only: a shelter's (Latin-1, tabs, a
title line, an Excel serial date and a dd-mm-jjjj date, one line per person per stay, free text)
and an English ISO-datetime export with a BOM. Bad rows carry planted BSNs and names; no output
may show them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.mapping  # registers the commands
import ketenmonitor.cli.pseudonymise  # noqa: F401
from ketenmonitor.cli.app import app
from ketenmonitor.ingest import ingest_paths
from ketenmonitor.pseudonymise import create_key_file
from ketenmonitor.warehouse.connection import connect

TODAY = date(2025, 1, 15)
SHELTER_MAPPING = """\
partner_type: lokaal_team
bestanden:
  - record_type: lt_traject
    patroon: "opvang_*.txt"
    scheidingsteken: tab
    codering: latin-1
    kopregel: 2
    datumformaten: {datum_aanmelding: excel}
    gemeentenamen: true
    ontdubbelen: true
    negeren: [Notities]
    kolommen: {traject_id: Verblijfnummer, gemeente: Gemeente, datum_aanmelding: Aanmelddatum,
               datum_start: Opnamedatum, verwijzer: Verwezen door}
    waarden:
      verwijzer: {Politie: POLITIE, Huisarts: HUISARTS, Zelf: ZELFMELDER}
  - record_type: betrokkene
    patroon: "opvang_*.txt"
    scheidingsteken: tab
    codering: latin-1
    kopregel: 2
    negeren: [Notities]
    kolommen: {bron_id: Verblijfnummer, volgnummer: Persoonnummer, rol: Rol}
    identiteit: {bsn: BSN, voornamen: Voornaam, achternaam: Achternaam,
                 geboortedatum: Geboortedatum}
    waarden:
      rol: {Cliënt: SLACHTOFFER, Kind: KIND}
"""
SHELTER_HEADER = ["Verblijfnummer", "Gemeente", "Aanmelddatum", "Opnamedatum", "Verwezen door",
                  "Persoonnummer", "Rol", "BSN", "Voornaam", "Achternaam", "Geboortedatum",
                  "Notities"]
FREE_TEXT = "partner dreigt met ontvoering"
# Planted in bad rows: none of these may appear in any output.
PLANTED = ["123456789", "Zoë", "Müller-Özdemir", "Anouk", "Bakkal", "Ingrid", "Sørensen",
           FREE_TEXT]


def _bsn(seed: int) -> str:
    """A BSN that passes the elfproef."""
    for n in range(seed * 1000, seed * 1000 + 1000):
        digits = f"{n:09d}"
        total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
        if total % 11 == 0 and digits[0] != "0":
            return digits
    raise AssertionError(seed)


def _shelter_export(folder: Path) -> Path:
    rows = [
        # one stay, two persons (the stay repeats on each line)
        ["V1", "Leiden", "45300", "12-01-2024", "Politie", "1", "Cliënt", _bsn(111111),
         "Fatima", "Jansen", "03-04-1990", FREE_TEXT],
        ["V1", "Leiden", "45300", "12-01-2024", "Politie", "2", "Kind", _bsn(222222), "Sem",
         "Jansen", "05-06-2016", ""],
        ["V2", "'s-Gravenhage", "45310", "20-01-2024", "Huisarts", "1", "Cliënt", _bsn(333333),
         "Els", "de Vries", "07-08-1985", "belt niet terug"],
        # bad rows: a date that does not exist, a gemeente nobody knows, a failing BSN
        ["V3", "Den Haag", "45320", "31-02-2024", "Zelf", "1", "Cliënt", "123456789", "Zoë",
         "Müller-Özdemir", "09-10-1979", ""],
        ["V4", "Atlantis", "45330", "05-02-2024", "Zelf", "1", "Cliënt", _bsn(444444), "Anouk",
         "Bakkal", "11-12-1992", ""],
        # an unreadable birth date
        ["V5", "Delft", "45340", "15-02-2024", "Politie", "1", "Cliënt", _bsn(555555), "Ingrid",
         "Sørensen", "99-99-1988", ""],
    ]
    lines = ["Export Vrouwenopvang Zuid - verblijven 2024-H1", "\t".join(SHELTER_HEADER)]
    lines += ["\t".join(r) for r in rows]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "opvang_2024-H1.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("latin-1"))
    return path


ISO_MAPPING = """\
partner_type: politie
bestanden:
  - record_type: politie_incident
    patroon: "incidents.csv"
    scheidingsteken: ","
    datumformaat: iso
    gemeentenamen: true
    kolommen: {incident_id: Incident ID, datum: Occurred at, gemeente: Municipality,
               huisverbod: Barring order, zorgmelding_vt: Reported to VT}
  - record_type: betrokkene
    patroon: "persons.csv"
    scheidingsteken: ","
    datumformaat: iso
    kolommen: {bron_id: Incident ID, volgnummer: Seq, rol: Role, geslacht: Sex}
    identiteit: {bsn: Citizen service number, voornamen: First names, achternaam: Last name,
                 geboortedatum: Date of birth}
    waarden:
      rol: {Victim: SLACHTOFFER, Perpetrator: PLEGER, Child: KIND}
      geslacht: {F: V, M: M}
"""


def _iso_export(folder: Path, birth: str = "1990-04-03") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    incidents = ["Incident ID,Occurred at,Municipality,Barring order,Reported to VT",
                 "P1,2024-03-31T22:30:00Z,Leiden,No,Yes",  # 1 April in Amsterdam
                 "P2,2024-02-10T08:15:00+01:00,Delft,Yes,Yes",
                 "P3,2024-06-30T23:30:00Z,Leiden,No,No"]  # 1 July in Amsterdam: next period
    persons = ["Incident ID,Seq,Role,Citizen service number,First names,Last name,"
               "Date of birth,Sex",
               f"P1,1,Victim,{_bsn(666666)},Anna,Smit,{birth},F",
               f"P2,1,Perpetrator,{_bsn(777777)},Mark,Visser,1985-01-02,M",
               f"P3,1,Child,{_bsn(888888)},Noa,Smit,2015-05-06T00:00:00+02:00,F"]
    for name, lines in (("incidents.csv", incidents), ("persons.csv", persons)):
        (folder / name).write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode())
    return folder


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "sleutel" / "km.key"
    create_key_file(path)
    return path


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_controleer_reports_bad_rows_by_line_and_column_never_a_value(tmp_path: Path) -> None:
    _shelter_export(tmp_path / "export")
    mapping = _write(tmp_path / "opvang.yaml", SHELTER_MAPPING)
    code, output = _run("mapping", "controleer", "--mapping", mapping, "--invoer",
                        tmp_path / "export", "--periode", "2024-H1")
    assert code == 1, output
    flat = " ".join(output.split())
    assert ("Broncontrole: 4 van 11 rijen voldoen niet aan de regels van de monitor; 2 daarvan "
            "gaan bij het inlezen in quarantaine, bij de andere 2 is alleen het BSN of de "
            "geboortedatum onleesbaar en koppelen ze slechter") in flat
    for rule, column, lines in (("Datum onleesbaar of bestaat niet", "Opnamedatum", "6"),
                                ("Onbekende gemeentecode", "Gemeente", "7"),
                                ("BSN onleesbaar of elfproef klopt niet", "BSN", "6"),
                                ("Geboortedatum onleesbaar of bestaat niet", "Geboortedatum", "8")):
        assert f"opvang_2024-H1.txt │ {rule} │ {column} │ 1 │ {lines}" in flat, rule
    hits = [value for value in PLANTED if value in output]
    assert hits == []


def test_the_shelter_export_is_pseudonymised_and_ingested_with_a_mapping_only(
        tmp_path: Path, key: Path) -> None:
    _shelter_export(tmp_path / "export")
    mapping = _write(tmp_path / "opvang.yaml", SHELTER_MAPPING)
    out = tmp_path / "leveringen"
    code, output = _run("pseudonymise", "--mapping", mapping, "--invoer", tmp_path / "export",
                        "--periode", "2024-H1", "--partner", "opvang_zuid", "--uitvoer", out,
                        "--sleutelbestand", key)
    # one of six birth dates and one of five admission dates unreadable: above the 5% warning
    # threshold, written anyway
    assert code == 1, output
    flat = " ".join(output.split())
    assert "Waarschuwing: opvang_2024-H1.txt, kolom 'Opnamedatum': 20% onleesbaar (1 van 5" in flat
    assert "kolom 'Geboortedatum': 17% onleesbaar (1 van 6; eerste regels 8)" in flat
    assert [value for value in PLANTED if value in output] == []
    stays = pq.read_table(out / "opvang_zuid_lt_traject_2024-H1.parquet")
    persons = pq.read_table(out / "opvang_zuid_betrokkene_2024-H1.parquet")
    assert stays.column("traject_id").to_pylist() == ["V1", "V2", "V3", "V4", "V5"]
    assert stays.column("datum_aanmelding").to_pylist()[0] == "2024-01-09"  # Excel 45300
    assert stays.column("gemeente").to_pylist()[:2] == ["GM0546", "GM0518"]
    assert persons.num_rows == 6
    for table in (stays, persons):
        assert "Notities" not in table.column_names
        assert FREE_TEXT not in str(table.to_pydict())

    con = connect(tmp_path / "warehouse.duckdb")
    try:
        report = ingest_paths([out], con=con, today=TODAY, workers=1)
    finally:
        con.close()
    counts = {r.record_type: (r.rows_in, r.rows_loaded, r.rows_quarantined)
              for r in report.results}
    # rows in = loaded + quarantined; the two bad stays are the ones the check named
    assert counts["lt_traject"] == (5, 3, 2)
    # persons of a quarantined stay may be held back (counted apart): never more loaded than in,
    # and at least the four persons of the three good stays
    rows_in, loaded, quarantined = counts["betrokkene"]
    assert rows_in == 6 and 4 <= loaded + quarantined <= 6


def test_an_iso_export_with_a_bom_and_english_headers(tmp_path: Path, key: Path) -> None:
    _iso_export(tmp_path / "export")
    mapping = _write(tmp_path / "iso.yaml", ISO_MAPPING)
    code, output = _run("mapping", "controleer", "--mapping", mapping, "--invoer",
                        tmp_path / "export", "--periode", "2024-H1")
    assert code == 1, output
    assert ("incidents.csv │ Datum buiten de periode van de levering │ Occurred at │ 1 │ 4"
            in " ".join(output.split()))
    out = tmp_path / "leveringen"
    code, output = _run("pseudonymise", "--mapping", mapping, "--invoer", tmp_path / "export",
                        "--periode", "2024-H1", "--partner", "politie_test", "--uitvoer", out,
                        "--sleutelbestand", key)
    assert code == 0, output
    incidents = pq.read_table(out / "politie_test_politie_incident_2024-H1.parquet").to_pylist()
    assert [(r["datum"], r["gemeente"], r["huisverbod"]) for r in incidents] == [
        ("2024-04-01", "GM0546", "false"), ("2024-02-10", "GM0503", "true"),
        ("2024-07-01", "GM0546", "false")]
    con = connect(tmp_path / "warehouse.duckdb")
    try:
        report = ingest_paths([out], con=con, today=TODAY, workers=1)
    finally:
        con.close()
    counts = {r.record_type: (r.rows_in, r.rows_loaded, r.rows_quarantined)
              for r in report.results}
    assert counts["politie_incident"] == (3, 2, 1)
    rows_in, loaded, quarantined = counts["betrokkene"]
    assert rows_in == 3 and 2 <= loaded + quarantined <= 3


def test_pseudonymise_refuses_when_all_birth_dates_are_unreadable(tmp_path: Path,
                                                                  key: Path) -> None:
    _iso_export(tmp_path / "export", birth="03-04-1990")  # not ISO; the mapping says iso
    mapping = _write(tmp_path / "iso.yaml", ISO_MAPPING.replace(
        "2015-05-06T00:00:00+02:00", "x"))
    persons = (tmp_path / "export" / "persons.csv")
    persons.write_bytes(persons.read_bytes().replace(b"1985-01-02", b"02-01-1985")
                        .replace(b"2015-05-06T00:00:00+02:00", b"06-05-2015"))
    out = tmp_path / "leveringen"
    code, output = _run("pseudonymise", "--mapping", mapping, "--invoer", tmp_path / "export",
                        "--periode", "2024-H1", "--partner", "politie_test", "--uitvoer", out,
                        "--sleutelbestand", key)
    assert code == 2, output
    flat = " ".join(output.split())
    assert ("Te veel datums of identiteitsgegevens zijn onleesbaar: persons.csv, kolom "
            "'Date of birth': 100% onleesbaar (3 van 3; eerste regels 2, 3, 4)") in flat
    assert "Er is geen levering geschreven." in flat
    assert not out.exists() or not list(out.iterdir())
    assert "1985" not in output


def test_an_unreadable_date_format_is_a_dutch_error(tmp_path: Path) -> None:
    _iso_export(tmp_path / "export")
    mapping = _write(tmp_path / "iso.yaml", ISO_MAPPING.replace("datumformaat: iso",
                                                                "datumformaat: YYYY-MM-DDTHH:MM"))
    code, output = _run("mapping", "controleer", "--mapping", mapping, "--invoer",
                        tmp_path / "export")
    assert code == 2
    flat = " ".join(output.split())
    assert ("datumformaat 'YYYY-MM-DDTHH:MM' moet dd, mm en jjjj elk precies één keer bevatten, "
            "of 'iso' (ook voor datums met een tijd) of 'excel' zijn") in flat
    assert "Traceback" not in output
