# SPDX-License-Identifier: EUPL-1.2
"""A region's own code lists beside its own partner kinds (issue 13): ``<naam>.csv`` in the folder of
``KETENMONITOR_BRONNEN_MAP`` is a code list like the package's, for the source catalogue, the check
at the source and ``bronnen show``; a list that would replace a national one, or that cannot be
read, is a Dutch error naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.cli.partner_cli import main
from ketenmonitor.codes import code_list, code_list_names
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.delivery.catalogue import FOLDER_ENV, current_catalogue
from testsupport import flat, region_folder

KIND = """\
id: ggd_zorgmelding
label: GGD (zorgmeldingen)
omschrijving: Zorgmeldingen bij de GGD.
recordsoort:
  id: ggd_melding
  omschrijving: Zorgmelding bij de GGD.
  sleutel: [melding_id]
  peildatum: datum_melding
  koppeling: {personen: null}
  velden:
    - {naam: melding_id, type: text, verplicht: true}
    - {naam: gemeente, type: gemeente, verplicht: true}
    - {naam: datum_melding, type: date, verplicht: true, gebeurtenisdatum: true}
    - {naam: zorgsoort, type: code, codelijst: ggd_zorgsoort, verplicht: true}
"""
CODES = "code,label,volgorde\nVERWARD,Verward gedrag,2\nVERVUILING,Woningvervuiling,1\n"
MAPPING = """\
partner_type: ggd_zorgmelding
bestanden:
  - record_type: ggd_melding
    patroon: "zorgmeldingen.csv"
    scheidingsteken: ","
    datumformaat: dd-mm-jjjj
    kolommen: {melding_id: Nummer, gemeente: Gemeente, datum_melding: Datum, zorgsoort: Soort}
"""


@pytest.fixture()
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = region_folder(tmp_path, {"ggd_zorgmelding.yaml": KIND, "ggd_zorgsoort.csv": CODES})
    monkeypatch.setenv(FOLDER_ENV, str(folder))
    return folder


def test_a_region_code_list_is_used_like_the_package_lists(region: Path) -> None:
    assert "ggd_zorgsoort" in code_list_names() and "aard" in code_list_names()
    codes = code_list("ggd_zorgsoort")
    assert codes.codes == ["VERVUILING", "VERWARD"] and codes.label("VERWARD") == "Verward gedrag"
    field = next(f for f in current_catalogue()["ggd_zorgmelding"].record_type.fields
                 if f.name == "zorgsoort")
    assert field.code_list == "ggd_zorgsoort"


def test_the_check_at_the_source_and_bronnen_show_know_the_region_list(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    export = tmp_path / "export"
    export.mkdir()
    (export / "zorgmeldingen.csv").write_text(
        "Nummer,Gemeente,Datum,Soort\nZ1,GM0503,03-02-2024,VERWARD\nZ2,GM0503,04-02-2024,ONBEKEND\n",
        encoding="utf-8")
    assert main(["mapping", "controleer", "--mapping", str(tmp_path / "mapping.yaml"),
                 "--invoer", str(export)]) == 1
    shown = flat(capsys.readouterr().out)
    assert "1 van 2 rijen voldoen niet" in shown and "Soort" in shown, shown
    assert main(["bronnen", "show", "ggd_zorgmelding"]) == 0
    shown = flat(capsys.readouterr().out)
    assert "Codelijst ggd_zorgsoort: VERVUILING (Woningvervuiling); VERWARD (Verward gedrag)" in shown


def test_without_the_folder_the_list_does_not_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FOLDER_ENV, "")
    assert "ggd_zorgsoort" not in code_list_names()
    with pytest.raises(ConfigurationError) as refused:
        code_list("ggd_zorgsoort")
    assert refused.value.code == "codelijst_onbekend"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("aard.csv", "code,label\nX,Iets\n", "met de naam van een lijst van het pakket: aard.csv"),
    ("ggd_zorgsoort.csv", "code;label\nX;Iets\n", "de kolommen code en label ontbreken"),
    ("ggd_zorgsoort.csv", "code,label\nX,Iets\nX,Ander\n", "dubbele codes: X"),
    ("ggd_zorgsoort.csv", "code,label\n,Iets\n", "een regel zonder code"),
    ("ggd_zorgsoort.csv", "code,label,volgorde\nX,Iets,eerst\n", "volgorde is geen geheel getal"),
    ("ggd_zorgsoort.csv", "code,label\n", "er staan geen codes in"),
])
def test_a_bad_region_list_is_a_dutch_error(region: Path, name: str, text: str, message: str) -> None:
    (region / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        code_list("ggd_zorgsoort") if name != "aard.csv" else code_list_names()
    assert message in refused.value.message and refused.value.hint
