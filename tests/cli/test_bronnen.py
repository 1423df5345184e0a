# SPDX-License-Identifier: EUPL-1.2
"""A partner kind the package does not know, added by a region with definition files and a mapping
only (issue 13, ADR 0023): a regional GGD's zorgmeldingen, defined in a folder outside the
package, appear in ``bronnen list``, are pseudonymised, ingested, linked, and count in "eerder
signaal bij" of a later Veilig Thuis melding about the same person. The shelter's export loads as
vrouwenopvang with a mapping only."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.bronnen
import ketenmonitor.cli.ingest
import ketenmonitor.cli.link
import ketenmonitor.cli.pseudonymise  # noqa: F401  (register the commands)
from ketenmonitor.cli.app import app
from ketenmonitor.delivery.catalogue import FOLDER_ENV
from ketenmonitor.pseudonymise import create_key_file
from testsupport import region_folder

GGD_MAPPING = """\
partner_type: ggd_zorgmelding
bestanden:
  - record_type: ggd_melding
    patroon: "zorgmeldingen.csv"
    scheidingsteken: ","
    datumformaat: dd-mm-jjjj
    kolommen: {melding_id: Nummer, gemeente: Gemeente, datum_melding: Datum, aard: Aard}
  - record_type: betrokkene
    patroon: "personen.csv"
    scheidingsteken: ","
    datumformaat: dd-mm-jjjj
    kolommen: {bron_id: Nummer, volgnummer: Volgnummer, rol: Rol}
    identiteit: {bsn: BSN, voornamen: Voornaam, achternaam: Achternaam,
                 geboortedatum: Geboortedatum}
"""
VT_MAPPING = """\
partner_type: veilig_thuis
bestanden:
  - record_type: vt_bericht
    patroon: "berichten.csv"
    scheidingsteken: ","
    datumformaat: iso
    kolommen: {bericht_id: Id, soort: Soort, datum_ontvangst: Ontvangen, gemeente: Gemeente,
               melder_organisatie: Melder, melder_rol: Rol melder, aard: Aard, casus_id: Casus}
  - record_type: betrokkene
    patroon: "personen.csv"
    scheidingsteken: ","
    datumformaat: iso
    kolommen: {bron_id: Id, volgnummer: Volgnummer, rol: Rol}
    identiteit: {bsn: BSN, voornamen: Voornaam, achternaam: Achternaam,
                 geboortedatum: Geboortedatum}
"""
BSN_A, BSN_B = "111222333", "123456782"
GGD_FILES = {
    "zorgmeldingen.csv": ["Nummer,Gemeente,Datum,Aard", "G1,GM0518,01-03-2024,PARTNERGEWELD",
                          "G2,GM0518,31-02-2024,PARTNERGEWELD"],  # no 31 February: quarantined
    "personen.csv": ["Nummer,Volgnummer,Rol,BSN,Voornaam,Achternaam,Geboortedatum",
                     f"G1,1,SLACHTOFFER,{BSN_A},Anna,Smit,03-04-1990",
                     f"G2,1,SLACHTOFFER,{BSN_B},Els,Bos,05-06-1980"],
}
VT_FILES = {
    "berichten.csv": ["Id,Soort,Ontvangen,Gemeente,Melder,Rol melder,Aard,Casus",
                      "M1,MELDING,2024-05-01,GM0518,ONDERWIJS,ONDERWIJS,PARTNERGEWELD,C1",
                      "M2,MELDING,2024-05-02,GM0518,ONDERWIJS,ONDERWIJS,PARTNERGEWELD,C2"],
    "personen.csv": ["Id,Volgnummer,Rol,BSN,Voornaam,Achternaam,Geboortedatum",
                     f"M1,1,SLACHTOFFER,{BSN_A},Anna,Smit,1990-04-03",
                     "M2,1,SLACHTOFFER,123456794,Noor,Bakker,1985-01-02"],
}


def _export(folder: Path, files: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True)
    for name, lines in files.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def region(tmp_path: Path) -> dict[str, str]:
    return {FOLDER_ENV: str(region_folder(tmp_path)), "COLUMNS": "200"}


def _run(env: dict[str, str], *args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.output


def test_a_region_kind_goes_from_definition_to_eerder_signaal_bij(
        tmp_path: Path, region: dict[str, str]) -> None:
    code, output = _run(region, "bronnen", "list")
    assert code == 0 and "ggd_zorgmelding" in output and "regio (ggd_zorgmelding.yaml)" in output
    key = tmp_path / "sleutel" / "km.key"
    create_key_file(key)
    out = tmp_path / "leveringen"
    for partner, mapping, files in (("ggd_zuid", GGD_MAPPING, GGD_FILES),
                                    ("vt_zuid", VT_MAPPING, VT_FILES)):
        mapping_file = tmp_path / f"{partner}.yaml"
        mapping_file.write_text(mapping, encoding="utf-8")
        code, output = _run(region, "pseudonymise", "--mapping", mapping_file, "--invoer",
                            _export(tmp_path / partner, files), "--periode", "2024-H1",
                            "--partner", partner, "--uitvoer", out, "--sleutelbestand", key)
        assert code in (0, 1), output
    assert (out / "ggd_zuid_ggd_melding_2024-H1.parquet").exists()
    warehouse = tmp_path / "warehouse.duckdb"
    # an analysis environment without the region's folder refuses the kind, and says why
    code, output = _run({"COLUMNS": "200"}, "ingest", "--warehouse", tmp_path / "ander.duckdb",
                        out / "ggd_zuid_ggd_melding_2024-H1.manifest.json")
    assert code == 2, output
    assert "KETENMONITOR_BRONNEN_MAP" in output and "Traceback" not in output
    code, output = _run(region, "ingest", "--warehouse", warehouse, out)
    assert code == 1, output  # G2 quarantined
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ledger = dict(con.execute(
            "SELECT record_type || ':' || partner, (rows_in, rows_loaded, rows_quarantined, "
            "rows_held_back) FROM ledger").fetchall())
        reason = con.execute("SELECT reason_code, field FROM quarantine").fetchall()
    assert ledger["ggd_melding:ggd_zuid"] == (2, 1, 1, 0)
    assert ledger["betrokkene:ggd_zuid"] == (2, 1, 0, 1)  # G2's person is held back
    assert ledger["vt_bericht:vt_zuid"] == (2, 2, 0, 0)
    assert reason == [("datum_ongeldig", "datum_melding")]
    code, output = _run(region, "link", "--warehouse", warehouse, "--methode", "bsn")
    assert code == 0, output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        signals = dict(con.execute(
            "SELECT bericht_id, eerder_signaal_bij FROM afg_melding").fetchall())
        linked = con.execute(
            "SELECT count(DISTINCT persoon_id) FROM link_persoon WHERE partner IN "
            "('ggd_zuid', 'vt_zuid')").fetchall()[0][0]
    assert signals == {"M1": ["GGD_ZORGMELDING"], "M2": None}
    assert linked == 2  # Anna at the GGD and at Veilig Thuis is one person; Noor the other


SHELTER_MAPPING = """\
partner_type: vrouwenopvang
bestanden:
  - record_type: vo_traject
    patroon: "opvang_*.txt"
    scheidingsteken: tab
    codering: latin-1
    kopregel: 2
    datumformaten: {datum_aanmelding: excel}
    gemeentenamen: true
    ontdubbelen: true
    negeren: [Notities]
    kolommen: {traject_id: Verblijfnummer, gemeente: Gemeente, datum_aanmelding: Aanmelddatum,
               soort_hulp: Soort, datum_opname: Opnamedatum, datum_vertrek: Vertrekdatum,
               reden_vertrek: Reden}
    waarden:
      soort_hulp: {Opvang: OPVANG, Ambulant: AMBULANT}
      reden_vertrek: {Doel bereikt: DOELEN_BEREIKT, Zelf vertrokken: EIGEN_INITIATIEF}
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
SHELTER_HEADER = ("Verblijfnummer\tGemeente\tAanmelddatum\tSoort\tOpnamedatum\tVertrekdatum\t"
                  "Reden\tPersoonnummer\tRol\tBSN\tVoornaam\tAchternaam\tGeboortedatum\tNotities")
SHELTER_ROWS = [
    # one stay, two persons (the stay repeats on each line), free text that must not travel
    "V1\tLeiden\t45300\tOpvang\t12-01-2024\t01-03-2024\tDoel bereikt\t1\tCliënt\t111222333\t"
    "Fatima\tJansen\t03-04-1990\tdreigt met ontvoering",
    "V1\tLeiden\t45300\tOpvang\t12-01-2024\t01-03-2024\tDoel bereikt\t2\tKind\t123456782\t"
    "Sem\tJansen\t05-06-2016\t",
    "V2\tDelft\t45310\tAmbulant\t\t\t\t1\tCliënt\t123456794\tEls\tde Vries\t07-08-1985\t",
    "V3\tAtlantis\t45320\tOpvang\t05-02-2024\t\t\t1\tCliënt\t123456800\tAnouk\tBakkal\t"
    "11-12-1992\t",  # unknown gemeente: quarantined, its person held back
]


def test_the_shelter_export_loads_as_vrouwenopvang_with_a_mapping_only(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    text = "\r\n".join(["Export Vrouwenopvang Zuid - verblijven 2024-H1", SHELTER_HEADER,
                        *SHELTER_ROWS]) + "\r\n"
    (export / "opvang_2024-H1.txt").write_bytes(text.encode("latin-1"))
    mapping = tmp_path / "opvang.yaml"
    mapping.write_text(SHELTER_MAPPING, encoding="utf-8")
    key = tmp_path / "sleutel" / "km.key"
    create_key_file(key)
    env = {"COLUMNS": "200"}
    out = tmp_path / "leveringen"
    code, output = _run(env, "pseudonymise", "--mapping", mapping, "--invoer", export,
                        "--periode", "2024-H1", "--partner", "opvang_zuid", "--uitvoer", out,
                        "--sleutelbestand", key)
    assert code in (0, 1), output
    assert "dreigt" not in (out / "opvang_zuid_vo_traject_2024-H1.parquet").read_bytes().decode(
        "latin-1")
    warehouse = tmp_path / "warehouse.duckdb"
    code, output = _run(env, "ingest", "--warehouse", warehouse, out)
    assert code == 1, output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ledger = dict(con.execute(
            "SELECT record_type, (rows_in, rows_loaded, rows_quarantined, rows_held_back) "
            "FROM ledger").fetchall())
        stays = con.execute("SELECT traject_id, gemeente, datum_aanmelding, soort_hulp, "
                            "datum_vertrek, reden_vertrek FROM vo_traject "
                            "ORDER BY traject_id").fetchall()
        others = con.execute("SELECT (SELECT count(*) FROM lt_traject), "
                             "(SELECT count(*) FROM vt_bericht)").fetchall()[0]
    assert ledger["vo_traject"] == (3, 2, 1, 0)
    assert ledger["betrokkene"] == (4, 3, 0, 1)
    assert [(s[0], s[1], str(s[2]), s[3], s[5]) for s in stays] == [
        ("V1", "GM0546", "2024-01-09", "OPVANG", "DOELEN_BEREIKT"),
        ("V2", "GM0503", "2024-01-19", "AMBULANT", None)]
    assert others == (0, 0)  # nothing posed as a lokaal team or Veilig Thuis
