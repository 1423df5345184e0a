# SPDX-License-Identifier: EUPL-1.2
"""A new partner format needs only a new mapping: a differently shaped export, read without code.

The export below plays another Veilig Thuis registration system: comma-separated, Windows-1252,
dates as dd/mm/jjjj, its own headers and abbreviations, '+' between multiple values, quoted cells
with commas, and a differently named person file.
"""

from __future__ import annotations

from pathlib import Path

from ketenmonitor.sources import load_mapping, read_export

MAPPING = """
# Veilig Thuis, ander registratiesysteem (voorbeeld)
partner_type: veilig_thuis
omschrijving: Export 'Registratie HG' van een andere VT-regio
bestanden:
  - record_type: vt_bericht
    patroon: "meldingen_*.csv"
    scheidingsteken: ","
    codering: cp1252
    datumformaat: dd/mm/jjjj
    meerwaardescheidingsteken: "+"
    kolommen:
      bericht_id: ID
      soort: Type
      datum_ontvangst: Ontvangen op
      gemeente: Gemeente
      melder_organisatie: Melder
      melder_rol: Functie
      aard: Vormen van geweld
      casus_id: Casus
      acute_onveiligheid: Acuut
    waarden:
      soort: {A: ADVIES, M: MELDING}
      gemeente: {Leiden: GM0546, Gouda: GM0513}
      melder_organisatie:
        POL: JV_POLITIE
        "Huisarts, ziekenhuis": GEZONDHEIDSZORG
        BUR: NVT
      melder_rol: {Agent: JUSTITIE_POLITIE, Arts: MEDISCH_HUISARTS, Burger: NIET_BEROEPSMATIG}
      aard: {KM: KINDERMISHANDELING, PG: PARTNERGEWELD, OM: OUDERENMISHANDELING}
      acute_onveiligheid: {"+": "true", "-": "false"}
  - record_type: betrokkene
    patroon: "personen_*.csv"
    scheidingsteken: ","
    codering: cp1252
    datumformaat: dd/mm/jjjj
    kolommen: {bron_id: ID, volgnummer: Nr, rol: Rol, geslacht: M/V}
    identiteit:
      bsn: Burgerservicenummer
      voornamen: Voornaam
      tussenvoegsel: Voorv.
      achternaam: Naam
      geboortedatum: Geb.datum
      postcode: PC
      huisnummer: Nr huis
      huisnummer_toevoeging: Toev.
    waarden:
      rol: {S: SLACHTOFFER, P: PLEGER, K: KIND}
      geslacht: {M: M, V: V, "?": O}
"""

MELDINGEN = """ID,Type,Ontvangen op,Gemeente,Melder,Functie,Vormen van geweld,Casus,Acuut
HM-1,M,03/02/2025,Leiden,POL,Agent,KM+PG,HMC-9,+
HM-2,A,04/02/2025,Gouda,"Huisarts, ziekenhuis",Arts,OM,,
HM-3,M,30/02/2025,Leiden,BUR,Burger,PG,HMC-10,-
"""
PERSONEN = """ID,Nr,Rol,Burgerservicenummer,Voornaam,Voorv.,Naam,Geb.datum,M/V,PC,Nr huis,Toev.
HM-1,1,S,111222333,Zoë,van 't,Hof,07/08/1991,V,2311 CD,4,bis
HM-1,2,P,,Geert,,Mulder,01/12/1988,M,2311 CD,4,bis
"""


def test_a_new_export_format_is_read_through_a_new_mapping_only(tmp_path: Path) -> None:
    mapping_file = tmp_path / "vt_andere_regio.yaml"
    mapping_file.write_text(MAPPING, encoding="utf-8")
    export = tmp_path / "export"
    export.mkdir()
    (export / "meldingen_2025-H1.csv").write_bytes(MELDINGEN.encode("cp1252"))
    (export / "personen_2025-H1.csv").write_bytes(PERSONEN.encode("cp1252"))

    mapping = load_mapping(mapping_file)
    berichten, personen = read_export(mapping, export)

    rows = berichten.table.to_pylist()
    assert [r["bericht_id"] for r in rows] == ["HM-1", "HM-2", "HM-3"]
    assert [r["soort"] for r in rows] == ["MELDING", "ADVIES", "MELDING"]
    assert [r["datum_ontvangst"] for r in rows] == ["2025-02-03", "2025-02-04", "30/02/2025"]
    assert [r["gemeente"] for r in rows] == ["GM0546", "GM0513", "GM0546"]
    assert [r["melder_organisatie"] for r in rows] == ["JV_POLITIE", "GEZONDHEIDSZORG", "NVT"]
    assert [r["melder_rol"] for r in rows] == ["JUSTITIE_POLITIE", "MEDISCH_HUISARTS",
                                               "NIET_BEROEPSMATIG"]
    assert [r["aard"] for r in rows] == ["KINDERMISHANDELING|PARTNERGEWELD",
                                         "OUDERENMISHANDELING", "PARTNERGEWELD"]
    assert [r["casus_id"] for r in rows] == ["HMC-9", None, "HMC-10"]
    assert [r["acute_onveiligheid"] for r in rows] == ["true", None, "false"]
    assert all(r["duur_geweld"] is None for r in rows)  # not in this export

    people = personen.table.to_pylist()
    assert people[0] == {
        "bron_id": "HM-1", "volgnummer": "1", "rol": "SLACHTOFFER", "bsn": "111222333",
        "voornamen": "Zoë", "tussenvoegsel": "van 't", "achternaam": "Hof",
        "geboortedatum": "1991-08-07", "postcode": "2311 CD", "huisnummer": "4",
        "huisnummer_toevoeging": "bis", "geslacht": "V",
    }
    assert people[1]["bsn"] is None and people[1]["rol"] == "PLEGER"
