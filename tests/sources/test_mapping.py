# SPDX-License-Identifier: EUPL-1.2
"""Mapping files: the bundled ones load; broken ones are reported in Dutch, all problems at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.core.errors import ConfigurationError, ExitCode
from ketenmonitor.delivery.schema import PartnerType
from ketenmonitor.sources import load_mapping

GOOD_FILE = """
  - record_type: politie_incident
    patroon: "inc_*.csv"
    kolommen:
      incident_id: Nr
      datum: Datum
      gemeente: Gemeente
      huisverbod: HV
      zorgmelding_vt: ZM
"""


def _load(tmp_path: Path, text: str) -> ConfigurationError:
    path = tmp_path / "partner.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_mapping(path)
    assert caught.value.exit_code == ExitCode.REFUSED
    return caught.value


@pytest.mark.parametrize("name", [p.value for p in PartnerType])
def test_bundled_mappings_load(name: str) -> None:
    mapping = load_mapping(name)
    assert mapping.partner_type.value == name
    assert mapping.name == f"{name}.yaml"
    assert {f.record_type for f in mapping.files} >= {"betrokkene"}


def test_a_mapping_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "eigen.yaml"
    path.write_text("partner_type: politie\nbestanden:" + GOOD_FILE, encoding="utf-8")
    mapping = load_mapping(path)
    (spec,) = mapping.files
    assert (spec.delimiter, spec.encoding, spec.date_format, spec.format) == (
        ";", "utf-8", "dd-mm-jjjj", "csv")
    assert spec.headers == ["Nr", "Datum", "Gemeente", "HV", "ZM"]


def test_a_changed_mapping_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "eigen.yaml"
    path.write_text("partner_type: politie\nbestanden:" + GOOD_FILE, encoding="utf-8")
    assert load_mapping(path).files[0].headers[0] == "Nr"
    path.write_text("partner_type: politie\nbestanden:"
                    + GOOD_FILE.replace("incident_id: Nr", "incident_id: Nummer"), encoding="utf-8")
    assert load_mapping(path).files[0].headers[0] == "Nummer"


def test_unknown_mapping_name() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_mapping("opvang")
    assert caught.value.message == "De mapping 'opvang' bestaat niet."
    assert caught.value.hint == ("Geef het pad van een YAML-bestand of een meegeleverde mapping: "
                                 "jeugdbescherming, lokaal_team, mda, politie, "
                                 "raad_kinderbescherming, reclassering, veilig_thuis, "
                                 "vrouwenopvang.")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    error = _load(tmp_path, "partner_type: politie\nbestanden: [\n")
    assert error.message == "De mapping partner.yaml is geen geldig YAML-bestand."
    assert error.hint.startswith("Controleer inspringing en dubbele punten; de parser meldt:")


def test_simple_problem_has_an_exact_message(tmp_path: Path) -> None:
    error = _load(tmp_path, "partner_type: opvang\nbestanden:" + GOOD_FILE)
    assert error.message == (
        "De mapping partner.yaml is ongeldig: partner_type: ongeldige waarde 'opvang' — kies "
        "uit: veilig_thuis, politie, lokaal_team, mda, vrouwenopvang, jeugdbescherming, "
        "reclassering, raad_kinderbescherming.")
    assert error.hint == ("Pas het YAML-bestand aan; de meegeleverde mappings (veilig_thuis, "
                          "politie, lokaal_team, mda) laten alle onderdelen zien.")


def test_all_problems_are_reported_in_dutch(tmp_path: Path) -> None:
    text = """
partner_type: veilig_thuis
bestanden:
  - record_type: vt_berichten
    patroon: "a.csv"
    kolommen: {bericht_id: Nr}
  - record_type: vt_bericht
    patron: "b.csv"
    formaat: txt
    kolommen: {bericht_id: Nr, soort: Soort, datum_ontvangst: Datum, gemeente: Gem,
               melder_organisatie: Org, melder_rol: Rol, aard: Aard, kleur: Kleur}
  - record_type: vt_bericht
    patroon: "c.xlsx"
    formaat: xlsx
    codering: klingon
    datumformaat: dd-mm
    kolommen: {bericht_id: Nr, soort: Nr, datum_ontvangst: Datum, gemeente: Gem,
               melder_organisatie: Org, melder_rol: Rol, aard: Aard}
    waarden:
      melder_organisatie: {Politie: POLITIE}
      gemeente: {Delft: GM9999}
      bericht_id: {x: y}
  - record_type: betrokkene
    patroon: "d.csv"
    kolommen: {bron_id: Nr, volgnummer: Vn, rol: Rol, leeftijdsklasse: Leeftijd}
    identiteit: {bsn: BSN, schoenmaat: Maat}
"""
    message = _load(tmp_path, text).message
    expected = [
        "bestanden[1].record_type: onbekend recordtype 'vt_berichten'; kies uit vt_bericht, "
        "politie_incident, lt_traject, mda_casus, vo_traject, gi_maatregel, rc_traject, rk_onderzoek, "
        "betrokkene",
        "bestanden[2].formaat: ongeldige waarde 'txt' — kies uit: csv, xlsx",
        "bestanden[2]: verplicht veld 'patroon' ontbreekt",
        "bestanden[2]: onbekend veld 'patron'",
        "bestanden[3].codering: onbekende codering 'klingon'",
        "bestanden[3].datumformaat: datumformaat 'dd-mm' moet dd, mm en jjjj elk precies één "
        "keer bevatten",
        "bestanden[4]: veld 'leeftijdsklasse' wordt bij het pseudonimiseren uit de "
        "geboortedatum afgeleid en hoort niet in 'kolommen'",
        "identiteitsveld 'schoenmaat' is onbekend",
    ]
    for part in expected:
        assert part in message, part


def test_consistency_problems(tmp_path: Path) -> None:
    text = """
partner_type: veilig_thuis
bestanden:
  - record_type: vt_bericht
    patroon: "c.xlsx"
    formaat: xlsx
    kolommen: {bericht_id: Nr, soort: Nr, datum_ontvangst: Datum, gemeente: Gem,
               melder_organisatie: Org, aard: Aard, kleur: Kleur}
    identiteit: {bsn: BSN}
    waarden:
      melder_organisatie: {Politie: POLITIE, Burger: NVT}
      gemeente: {Delft: GM9999, Leiden: GM0546}
      bericht_id: {x: y}
      duur_geweld: {kort: MAX_1_WEEK}
"""
    message = _load(tmp_path, text).message
    for part in [
        "veld 'kleur' bestaat niet in recordtype vt_bericht",
        "verplicht veld 'melder_rol' ontbreekt in 'kolommen'",
        "'identiteit' mag alleen bij recordtype betrokkene",
        "bij formaat xlsx hoort 'blad' (de naam van het tabblad)",
        "'Politie' bij veld 'melder_organisatie' wijst naar onbekende code 'POLITIE'",
        "'Delft' bij veld 'gemeente' wijst naar onbekende code 'GM9999'",
        "veld 'bericht_id' heeft geen codes; 'waarden' past daar niet",
        "'waarden' noemt veld 'duur_geweld' dat niet in 'kolommen' staat",
    ]:
        assert part in message, part
    assert "Burger" not in message and "Leiden" not in message
    # one column may feed several fields (bericht_id and soort both read 'Nr')
    assert "meer dan één veld" not in message
