# SPDX-License-Identifier: EUPL-1.2
"""The source catalogue: the package's definition files, a region's folder, and every problem in
one of them as a Dutch message (ADR 0023)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ketenmonitor.cli.app import app
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.delivery.catalogue import (
    CATALOGUE_DIR,
    FOLDER_ENV,
    builtin_catalogue,
    current_catalogue,
    load_catalogue,
)
from ketenmonitor.delivery.schema import (
    BETROKKENE,
    BUILTIN_RECORD_TYPES,
    EVENT_RECORD_TYPE,
    FROZEN_RECORD_TYPES,
    RECORD_TYPES,
    PartnerType,
)
from testsupport import GGD_KIND, region_folder


def refused(folder: Path) -> ConfigurationError:
    with pytest.raises(ConfigurationError) as caught:
        load_catalogue(folder)
    return caught.value


def test_the_package_ships_eight_kinds_and_the_four_old_ones_are_unchanged() -> None:
    catalogue = builtin_catalogue()
    assert list(catalogue) == ["veilig_thuis", "politie", "lokaal_team", "mda", "vrouwenopvang",
                               "jeugdbescherming", "reclassering", "raad_kinderbescherming"]
    assert {k: EVENT_RECORD_TYPE[k].name for k in PartnerType} == {
        "veilig_thuis": "vt_bericht", "politie": "politie_incident",
        "lokaal_team": "lt_traject", "mda": "mda_casus"}
    assert [name for name in RECORD_TYPES if name in FROZEN_RECORD_TYPES] == list(
        FROZEN_RECORD_TYPES)
    assert len(RECORD_TYPES["vt_bericht"].fields) == 22 and len(BETROKKENE.fields) == 31
    assert RECORD_TYPES["lt_traject"].field("sos_intake").maximum == 10
    assert BETROKKENE.field("naampaar_token").since == "1.3"
    # only the four kinds of the old figures count as a signal; the new ones change nothing there
    assert [k.id for k in catalogue.kinds if k.signal] == list(PartnerType)
    shelter = catalogue["vrouwenopvang"].record_type
    assert shelter.field("reden_vertrek").code_list == "vo_reden_vertrek"
    # who receives Veilig Thuis's overdracht (only codes the code list has), and who follows
    contributions = {k.id: k.definition.recordsoort.bijdrage for k in catalogue.kinds}
    assert {k: b.overdracht for k, b in contributions.items() if b.overdracht} == {
        "lokaal_team": ["LOKAAL_TEAM"], "vrouwenopvang": ["OPVANG"],
        "jeugdbescherming": ["GECERTIFICEERDE_INSTELLING"]}
    assert [k for k, b in contributions.items() if b.gevolgd] == ["lokaal_team", "mda"]
    assert contributions["mda"].start_fields == ("datum_start", "datum_aanmelding")


def test_the_old_record_types_are_exactly_those_of_the_code_they_replaced() -> None:
    """SHA-256 of the repr of the five record types as ``delivery/schema.py`` defined them in
    Python before the catalogue (every field, type, code list, bound, version and text), with the
    schema 1.4 fields of issue 16 (checked against that branch's Python definitions at merge)."""
    text = repr({name: BUILTIN_RECORD_TYPES[name] for name in FROZEN_RECORD_TYPES})
    assert hashlib.sha256(text.encode()).hexdigest() == (
        "86e13ad89cb8c1318f2f9f25a37b2a87b21ea36a3d89e29b565795d469ba8d41")


def test_every_package_file_is_named_after_its_id() -> None:
    for path in CATALOGUE_DIR.glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == path.stem


def test_a_region_folder_adds_a_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = region_folder(tmp_path)
    monkeypatch.setenv(FOLDER_ENV, str(folder))
    catalogue = current_catalogue()
    assert catalogue["ggd_zorgmelding"].record_type.key == ("melding_id",)
    assert catalogue["ggd_zorgmelding"].signal_code == "GGD_ZORGMELDING"
    assert not catalogue["ggd_zorgmelding"].builtin
    assert EVENT_RECORD_TYPE["ggd_zorgmelding"] is RECORD_TYPES["ggd_melding"]
    monkeypatch.delenv(FOLDER_ENV)
    assert "ggd_melding" not in RECORD_TYPES
    monkeypatch.setenv(FOLDER_ENV, "")  # empty is no folder, not the working directory
    assert "ggd_melding" not in RECORD_TYPES and len(current_catalogue()) == 8


@pytest.mark.parametrize(("files", "message"), [
    ({"politie.yaml": GGD_KIND.replace("ggd_zorgmelding", "politie")},
     "Dubbele partnersoort in de broncatalogus: politie"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("ggd_melding", "lt_traject")},
     "Dubbele recordsoort in de broncatalogus: lt_traject"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("codelijst: aard", "codelijst: aard_ggd")},
     "Bronbestand ggd_zorgmelding.yaml noemt een onbekende codelijst: aard_ggd."),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("velden:", "velden: [")},
     "Bronbestand ggd_zorgmelding.yaml is niet te lezen: "),
    ({"ggd.yaml": GGD_KIND}, "Bronbestand ggd.yaml hoort ggd_zorgmelding.yaml te heten."),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("type: date, verplicht", "type: datum, verplicht")},
     "Bronbestand ggd_zorgmelding.yaml is ongeldig: recordsoort.velden[3].type: ongeldige "
     "waarde 'datum' — kies uit: text, date, bool"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("peildatum: datum_melding", "peildatum: gemeente")},
     "peildatum 'gemeente' is geen datumveld van deze recordsoort"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("sleutel: [melding_id]", "sleutel: [id]")},
     "sleutelveld 'id' staat niet bij de velden"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("label:", "lable:")},
     "verplicht veld 'label' ontbreekt"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("type: codes, codelijst: aard", "type: text")
      .replace("{signaal: true}", "{signaal: true, hulp_start: datum_start}")},
     "hulp_start 'datum_start' is geen datumveld van deze recordsoort"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("{signaal: true}", "{overdracht: [GGZ]}")},
     "overdracht zonder hulp_start"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace(
        "{signaal: true}", "{hulp_start: datum_melding, overdracht: [GGZ_INSTELLING]}")},
     "Bronbestand ggd_zorgmelding.yaml: bijdrage.overdracht noemt een code die niet in de "
     "codelijst overdracht_organisatie staat: GGZ_INSTELLING."),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("{signaal: true}", "{gevolgd: true}")},
     "gevolgd zonder traject_start"),
    ({"ggd_zorgmelding.yaml": GGD_KIND.replace("  peildatum: datum_melding\n", "")},
     "signaal zonder peildatum"),
])
def test_every_problem_in_a_region_file_is_a_dutch_message(
        tmp_path: Path, files: dict[str, str], message: str) -> None:
    error = refused(region_folder(tmp_path, files))
    assert message in error.message
    assert error.hint


def test_a_missing_region_folder_is_named(tmp_path: Path) -> None:
    error = refused(tmp_path / "bestaat-niet")
    assert "bestaat niet of is geen map" in error.message
    assert FOLDER_ENV in error.hint


def run(*args: str, folder: Path | None = None) -> tuple[int, str]:
    env = {"COLUMNS": "200", FOLDER_ENV: str(folder) if folder else ""}
    result = CliRunner().invoke(app, ["bronnen", *args], env=env)
    return result.exit_code, result.output


def test_bronnen_list_and_show_explain_the_region_kind(tmp_path: Path) -> None:
    folder = region_folder(tmp_path)
    code, output = run("list", folder=folder)
    assert code == 0, output
    assert "Broncatalogus (9 partnersoorten)" in output
    assert "ggd_zorgmelding" in output and "regio (ggd_zorgmelding.yaml)" in output
    assert "vrouwenopvang" in output
    code, output = run("show", "ggd_zorgmelding", folder=folder)
    assert code == 0, output
    flat = " ".join(output.split())
    assert "Recordsoort ggd_melding: Zorgmelding bij de GGD." in flat
    assert "Personen: in betrokkene, via bron_id = melding_id" in flat
    assert "Afleiding: telt als signaal voor 'eerder signaal bij'" in flat
    assert "Codelijst aard: " in flat


def test_bronnen_show_explains_a_record_type_and_refuses_an_unknown_id() -> None:
    code, output = run("show", "vo_traject")
    assert code == 0 and "reden_vertrek" in output and "DOELEN_BEREIKT" in output
    assert ("Afleiding: ontvangt de overdracht van Veilig Thuis aan: OPVANG (Vrouwen- of "
            "maatschappelijke opvang)") in " ".join(output.split())
    code, output = run("show", "opvang")
    assert code == 2
    assert "De broncatalogus kent geen partnersoort of recordsoort 'opvang'." in output


def test_a_bad_region_file_is_a_dutch_error_not_a_traceback(tmp_path: Path) -> None:
    folder = region_folder(tmp_path, {"ggd_zorgmelding.yaml": "id: [\n"})
    code, output = run("list", folder=folder)
    assert code == 2
    assert "Bronbestand ggd_zorgmelding.yaml is niet te lezen" in output
    assert "Traceback" not in output
