# SPDX-License-Identifier: EUPL-1.2
"""The catalogue: every YAML loads with every field; a wrong entry is refused in Dutch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.indicators.catalogue import CATALOGUE_DIR, load_catalogue, load_indicator
from ketenmonitor.indicators.model import Eenheid, IndicatorDefinitie

REQUIRED = {
    "id",
    "volgorde",
    "titel",
    "definitie",
    "formule",
    "eenheid",
    "teller",
    "noemer",
    "bronnen",
    "cbs_opmerking",
    "richting",
    "thema",
}
FILES = sorted(CATALOGUE_DIR.glob("*.yaml"))
ASKED_FOR = {
    "adviezen_per_1000",
    "meldingen_per_1000",
    "meldingen_naar_melder",
    "meldingen_naar_aard",
    "duur_geweld_eerste_melding",
    "eerdere_betrokkenheid",
    "veiligheidsbeoordeling_binnen_5_werkdagen",
    "overdracht_naar_organisatie",
    "dagen_tot_start_hulp",
    "gevolgd_na_12_maanden",
    "gevolgd_na_18_maanden",
    "nieuwe_melding_na_afsluiting",
    "huisverboden_per_10000",
    "verandering_signs_of_safety",
    "eerder_signaal_12_maanden",
}


def _entry(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_file_loads_with_every_required_field(path: Path) -> None:
    data = _entry(path)
    assert set(data) >= REQUIRED, REQUIRED - set(data)
    assert ("datumkolom" in data) != ("stand" in data)  # a flow in the period or a stock
    defn = load_indicator(path)
    assert defn.id == path.stem
    assert defn.teller.omschrijving and defn.noemer.omschrijving
    for dim in defn.dimensies:
        assert all(label for _code, label in dim.categories())


def test_catalogue_has_the_indicators_asked_for() -> None:
    catalogue = load_catalogue()
    assert len(catalogue) >= 12
    assert set(catalogue) >= ASKED_FOR
    assert [d.volgorde for d in catalogue.values()] == sorted(
        d.volgorde for d in catalogue.values()
    )
    units = {d.eenheid for d in catalogue.values()}
    assert units == set(Eenheid)


def test_group_dimension_uses_labels_from_the_catalogue() -> None:
    dim = load_catalogue()["meldingen_naar_melder"].dimensies[0]
    labels = dict(dim.categories())
    assert labels["JUSTITIE_EN_VEILIGHEID"] == "Justitie en veiligheid"
    assert labels["GEZONDHEIDSZORG"] == "Gezondheidszorg"
    assert "JV_POLITIE" not in labels


def _write(tmp_path: Path, data: dict[str, Any], name: str | None = None) -> Path:
    path = tmp_path / f"{name or data.get('id', 'x')}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _base() -> dict[str, Any]:
    return _entry(CATALOGUE_DIR / "veiligheidsbeoordeling_binnen_5_werkdagen.yaml")


def _refused(tmp_path: Path, data: dict[str, Any], fragment: str, name: str | None = None) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_indicator(_write(tmp_path, data, name))
    assert fragment in caught.value.message, caught.value.message


def test_missing_field_is_named(tmp_path: Path) -> None:
    data = _base()
    del data["cbs_opmerking"]
    _refused(tmp_path, data, "verplicht veld 'cbs_opmerking' ontbreekt")


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, {**_base(), "sql": "SELECT 1"}, "onbekend veld 'sql'")


def test_unknown_column(tmp_path: Path) -> None:
    data = _base()
    data["noemer"]["filters"][0]["kolom"] = "soortt"
    _refused(tmp_path, data, "kolom 'soortt' bestaat niet in afg_melding")


def test_filter_must_fit_the_column(tmp_path: Path) -> None:
    data = _base()
    data["teller"]["filters"].append({"kolom": "datum_ontvangst", "operator": "waar"})
    _refused(tmp_path, data, "operator 'waar' past niet bij kolom 'datum_ontvangst'")


def test_share_numerator_must_contain_the_denominator(tmp_path: Path) -> None:
    data = _base()
    data["teller"]["filters"] = data["teller"]["filters"][1:]
    _refused(tmp_path, data, "de teller moet alle filters van de noemer bevatten")


def test_rate_divides_by_inhabitants(tmp_path: Path) -> None:
    _refused(tmp_path, {**_base(), "eenheid": "per_1000_inwoners"}, "deelt door inwoners")


def test_unknown_unit_lists_the_choices(tmp_path: Path) -> None:
    _refused(tmp_path, {**_base(), "eenheid": "promille"},
             "eenheid: ongeldige waarde 'promille' — kies uit: per_1000_inwoners")


def test_dimension_group_without_label(tmp_path: Path) -> None:
    data = _entry(CATALOGUE_DIR / "meldingen_naar_melder.yaml")
    data["dimensies"][0]["labels"] = {}
    _refused(tmp_path, data, "geef een label voor JUSTITIE_EN_VEILIGHEID")


def test_multi_valued_column_must_be_declared(tmp_path: Path) -> None:
    data = _entry(CATALOGUE_DIR / "meldingen_naar_aard.yaml")
    data["dimensies"][0]["meervoudig"] = False
    _refused(tmp_path, data, "'meervoudig' moet true zijn")


def test_file_name_is_the_id(tmp_path: Path) -> None:
    _refused(
        tmp_path,
        _base(),
        "hoort veiligheidsbeoordeling_binnen_5_werkdagen.yaml te heten",
        name="anders",
    )


def test_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("id: [niet afgesloten\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="is niet te lezen"):
        load_indicator(path)


def test_duplicate_order_in_a_catalogue(tmp_path: Path) -> None:
    first = _base()
    second = {**_entry(CATALOGUE_DIR / "meldingen_per_1000.yaml"), "volgorde": first["volgorde"]}
    _write(tmp_path, first)
    _write(tmp_path, second)
    with pytest.raises(ConfigurationError, match="Dubbele volgorde"):
        load_catalogue(tmp_path)


def test_empty_catalogue(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="bevat geen indicatoren"):
        load_catalogue(tmp_path)


def test_subset_properties() -> None:
    catalogue = load_catalogue()
    vb: IndicatorDefinitie = catalogue["veiligheidsbeoordeling_binnen_5_werkdagen"]
    assert [f.kolom for f in vb.extra_teller_filters] == ["vb_binnen_5_werkdagen"]
    assert not vb.is_verdeling
    assert catalogue["meldingen_naar_melder"].is_verdeling
    assert catalogue["meldingen_naar_melder"].noemer_is_totaal
    assert catalogue["huisverboden_per_10000"].datumkolommen == ["datum_huisverbod", "datum"]


def test_group_and_code_level_must_agree_on_empty_values(tmp_path: Path) -> None:
    data = _entry(CATALOGUE_DIR / "eerdere_betrokkenheid.yaml")
    data["dimensies"][0]["leeg_als"] = "HERMELDING"
    _refused(tmp_path, data, "leeg_als moet dezelfde groep geven")


def test_multi_valued_dimension_has_no_groups(tmp_path: Path) -> None:
    data = _entry(CATALOGUE_DIR / "meldingen_naar_aard.yaml")
    data["dimensies"][0]["niveau"] = "groep"
    _refused(tmp_path, data, "niveau groep kunnen niet bij meervoudig")


def test_catalogue_covers_cbs_impactmonitor_and_chain_indicators() -> None:
    catalogue = load_catalogue()
    asked = {
        # CBS Beleidsinformatie Veilig Thuis: kerncijfers, rol/organisatie/duur, aard,
        # veiligheidsbeoordeling en -taxatie, onderzoeken, overdracht, eerdere betrokkenheid
        "adviezen_per_1000", "meldingen_per_1000", "meldingen_naar_melder",
        "meldingen_naar_rol_melder", "adviezen_naar_rol_melder", "meldingen_naar_duur_geweld",
        "meldingen_naar_aard", "adviezen_naar_aard", "meldingen_naar_aanvullende_informatie",
        "uitkomst_veiligheidsbeoordeling", "acuut_onveilig", "structureel_onveilig",
        "afgeronde_onderzoeken_per_10000", "uitkomst_onderzoek", "overdracht_naar_organisatie",
        "eerdere_betrokkenheid",
        # chain indicators
        "eerder_signaal_12_maanden", "eerder_signaal_naar_partner", "hulp_gestart_na_overdracht",
        "dagen_tot_start_hulp", "uitval_lokaal_team", "gevolgd_na_12_maanden",
        "gevolgd_na_18_maanden", "nieuwe_melding_na_afsluiting", "verandering_signs_of_safety",
        "mda_aanmeldingen_per_10000", "mda_uitkomst", "mda_doorlooptijd",
        "veiligheidsbeoordeling_binnen_5_werkdagen", "onderzoek_binnen_10_weken",
        "wachtlijst_lokaal_team_per_10000", "mda_wachtlijst_per_10000",
        # age group and sex of those directly involved
        "slachtoffers_naar_geslacht_en_leeftijd", "plegers_naar_geslacht_en_leeftijd",
        "kinderen_naar_geslacht_en_leeftijd",
    }
    assert asked <= set(catalogue), asked - set(catalogue)
    themes = {d.thema for d in catalogue.values()}
    assert {"Vergroting bereik Veilig Thuis", "Verbinding zorg en veiligheid",
            "Samenhangende en effectieve hulp met aandacht voor veiligheid",
            "Verbetering outcome"} <= themes
    assert any(d.is_stand for d in catalogue.values())
    for defn in catalogue.values():
        assert defn.formule and defn.cbs_opmerking and defn.bronnen


def test_flow_or_stock_not_both(tmp_path: Path) -> None:
    data = _entry(CATALOGUE_DIR / "wachtlijst_lokaal_team_per_10000.yaml")
    _refused(tmp_path, {**data, "datumkolom": "datum_aanmelding"}, "óf een 'datumkolom'")
    without = {k: v for k, v in data.items() if k != "stand"}
    _refused(tmp_path, without, "óf een 'datumkolom'")
    data["stand"]["tot"] = ["datum_start", "reden_afsluiting"]
    _refused(tmp_path, data, "datumkolom 'reden_afsluiting' is geen datumkolom")


def test_theme_must_be_a_known_theme(tmp_path: Path) -> None:
    _refused(tmp_path, {**_base(), "thema": "Iets anders"}, "onbekend thema 'Iets anders'")


def test_formula_is_required(tmp_path: Path) -> None:
    data = _base()
    del data["formule"]
    _refused(tmp_path, data, "verplicht veld 'formule' ontbreekt")
