# SPDX-License-Identifier: EUPL-1.2
"""The regiovisie in the portal: example import, lights per period, editing a judgement light
with explanation (plain and htmx), versions, YAML export/import and report downloads."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest

from ketenmonitor.portal.regiovisie import store
from ketenmonitor.portal.regiovisie.models import RegiovisieVersie
from ketenmonitor.regiovisie import dump_regiovisie

BASE = "/regio/haaglanden/regiovisie/"


@pytest.fixture()
def visie(registered: list[Any]) -> Any:
    return store.import_example("haaglanden")


def _judged_light(period: str | None = None) -> tuple[str, str, int]:
    found = store.current("haaglanden")
    assert found is not None
    regiovisie = found[1]
    periode = period or regiovisie.perioden[-1]
    rapportage = regiovisie.rapportage(periode)
    assert rapportage is not None
    for resultaat_id, rr in rapportage.resultaten.items():
        for index, light in enumerate(rr.lichten):
            if light.oordeel is not None:
                return periode, resultaat_id, index
    raise AssertionError("het voorbeeld heeft geen beoordeeld licht")


def test_example_is_loaded_once_and_shown(client_for: Callable[..., Any], visie: Any) -> None:
    assert visie.versie == 1 and store.import_example("haaglanden") is None
    page = client_for(["raadslid"], ["GM0503"]).get(BASE)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Stoplichtenrapportage (DOCX)" in body
    assert "km-licht__tekst" in body and "bewerken" not in body  # a raadslid reads only


def test_programmamanager_edits_a_judgement_light_with_explanation(
    client_for: Callable[..., Any], visie: Any
) -> None:
    client = client_for(["programmamanager"], ["haaglanden"], name="pm")
    periode, resultaat, index = _judged_light()
    url = f"{BASE}licht/{periode}/{resultaat}/{index}/"
    assert client.get(url).status_code == 200
    missing = client.post(url, {"kleur": "rood"})
    assert missing.status_code == 400
    assert "heeft een uitleg nodig" in missing.content.decode()
    response = client.post(url, {
        "kleur": "rood", "oorzaak": "Te weinig trainers beschikbaar in 2025.",
        "gevolg": "Minder professionals getraind dan gepland.",
        "bijsturing": "Extra trainers ingehuurd voor het eerste halfjaar.",
    }, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Het licht is opgeslagen." in body and "Te weinig trainers" in body
    current = store.current("haaglanden")
    assert current is not None and current[0].versie == 2
    light = current[1].rapportage(periode).resultaten[resultaat].lichten[index]  # type: ignore[union-attr]
    assert light.oordeel == "rood" and light.beoordeeld_door == "pm"
    assert light.uitleg is not None and light.uitleg.bijsturing.startswith("Extra trainers")
    versions = client.get(f"{BASE}versies/?periode={periode}").content.decode()
    assert f"licht {resultaat} {index + 1}: rood" in versions


def test_others_cannot_edit(client_for: Callable[..., Any], visie: Any) -> None:
    periode, resultaat, index = _judged_light()
    url = f"{BASE}licht/{periode}/{resultaat}/{index}/"
    for roles, scope in ((["raadslid"], ["GM0503"]), (["beleidsadviseur"], ["haaglanden"]),
                         (["beheerder"], [])):
        client = client_for(roles, scope, name="-".join(roles))
        assert client.post(url, {"kleur": "groen"}).status_code == 403
    assert RegiovisieVersie.objects.count() == 1


def test_yaml_export_import_and_refusal(client_for: Callable[..., Any], visie: Any) -> None:
    client = client_for(["programmamanager"], ["haaglanden"], name="pm")
    exported = client.get(f"{BASE}export.yaml")
    text = exported.content.decode()
    assert text == visie.yaml and exported["Content-Disposition"].endswith('-v1.yaml"')
    changed = text.replace("Samen Veilig Thuis", "Samen Veiliger Thuis", 1)
    upload = io.BytesIO(changed.encode())
    upload.name = "nieuw.yaml"
    assert client.post(f"{BASE}import/", {"bestand": upload}).status_code == 302
    assert "Samen Veiliger Thuis" in client.get(BASE).content.decode()
    broken = client.post(f"{BASE}yaml/", {"yaml": changed.replace("looptijd:", "looptijt:", 1),
                                          "omschrijving": "tikfout"})
    assert broken.status_code == 400
    assert "niet opgeslagen" in broken.content.decode()
    assert RegiovisieVersie.objects.filter(regio="haaglanden").count() == 2


def test_save_refuses_another_region(visie: Any) -> None:
    from ketenmonitor.regiovisie import RegiovisieError

    current = store.current("haaglanden")
    assert current is not None
    other = current[1].model_copy(update={"regio": "hollands_midden"})
    with pytest.raises(RegiovisieError, match="niet van 'haaglanden'"):
        store.save("haaglanden", other, "x", "test")
    assert dump_regiovisie(current[1]) == visie.yaml


@pytest.mark.slow
def test_report_downloads_docx(client_for: Callable[..., Any], visie: Any) -> None:
    import docx

    client = client_for(["raadslid"], ["GM0503"])
    response = client.get(f"{BASE}rapport.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert any("Samen Veilig Thuis" in p.text for p in document.paragraphs)
    from ketenmonitor.portal.audit.models import AuditRegel

    assert AuditRegel.objects.filter(actie="download", object__startswith="stoplicht:").exists()


def test_overridden_light_is_marked_with_the_computed_light(
    client_for: Callable[..., Any], visie: Any
) -> None:
    """Issue 15: an overridden light says so where it is shown, with the computed light."""
    body = client_for(["programmamanager"], ["haaglanden"]).get(BASE).content.decode()
    marked = body.split('class="km-overschreven"')
    assert len(marked) > 1, "the example overrides a computed light in the latest period"
    for after in marked[1:]:
        mark = after[:600]
        assert "berekend:" in mark and "km-licht__tekst" in mark


def _computed_light() -> tuple[str, str, int]:
    found = store.current("haaglanden")
    assert found is not None
    periode = found[1].perioden[-1]
    rapportage = found[1].rapportage(periode)
    assert rapportage is not None
    for resultaat_id, rr in rapportage.resultaten.items():
        for index, light in enumerate(rr.lichten):
            if light.koppeling is not None:
                return periode, resultaat_id, index
    raise AssertionError("het voorbeeld heeft geen berekend licht in de rapportage")


def _form_data(html: str) -> dict[str, str]:
    """The values the form would send as it is shown (checked radio, filled textareas)."""
    data = dict(re.findall(r'<input type="radio" name="(kleur)" value="(\w+)"[^>]*checked', html))
    for name, text in re.findall(r'<textarea name="(\w+)"[^>]*>\n?(.*?)</textarea>', html, re.S):
        data[name] = unescape(text)
    return data


def test_override_form_shows_the_computed_light_keeps_the_reason_and_saves_unchanged(
    client_for: Callable[..., Any], visie: Any
) -> None:
    client = client_for(["programmamanager"], ["haaglanden"], name="pm")
    periode, resultaat, index = _computed_light()
    url = f"{BASE}licht/{periode}/{resultaat}/{index}/"
    refused = client.post(url, {"kleur": "groen", "reden": "kort"}, HTTP_HX_REQUEST="true")
    body = refused.content.decode()
    # htmx swaps a 422 (base.html), not a 400: the error reaches the user, next to its field.
    assert refused.status_code == 422 and "<html" not in body
    field = body.split('for="id_reden"')[1].split("</div>")[0]
    assert "utrecht-form-field-error-message" in field and "minstens" in field
    reason = "Sinds september werkt het team met een kortere intaketermijn."
    saved = client.post(url, {"kleur": "groen", "reden": reason}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "Het licht is opgeslagen." in saved.content.decode()
    assert "berekend:" in saved.content.decode()  # the overview shows the computed light beside
    form = client.get(url).content.decode()
    assert "Berekend licht:" in form and "km-licht__tekst" in form.split("Berekend licht:")[1]
    data = _form_data(form)
    assert data["reden"] == reason and data["kleur"] == "groen"
    again = client.post(url, data, HTTP_HX_REQUEST="true")
    assert again.status_code == 200, again.content.decode()
    assert "Het licht is opgeslagen." in again.content.decode()


def test_missing_explanation_is_shown_next_to_each_empty_field(
    client_for: Callable[..., Any], visie: Any
) -> None:
    client = client_for(["programmamanager"], ["haaglanden"], name="pm")
    periode, resultaat, index = _judged_light()
    response = client.post(f"{BASE}licht/{periode}/{resultaat}/{index}/",
                           {"kleur": "rood", "oorzaak": "Te weinig trainers in 2025."},
                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 422
    for name, missing in (("oorzaak", False), ("gevolg", True), ("bijsturing", True)):
        field = body.split(f'for="id_{name}"')[1].split("</div>")[0]
        assert ("utrecht-form-field-error-message" in field) is missing, name


def test_results_are_numbered_as_in_the_report(client_for: Callable[..., Any], visie: Any) -> None:
    """'1.1 Titel' as in the stoplichtenrapportage, not the resultaat's YAML id."""
    client = client_for(["programmamanager"], ["haaglanden"], name="pm")
    body = unescape(client.get(BASE).content.decode())
    headings = re.findall(r'<h3 class="utrecht-heading-3">(.*?)</h3>', body)
    assert headings and all(re.match(r"\d+\.\d+ ", h) for h in headings), headings[:3]
    assert headings[0].startswith("1.1 ")
    assert re.search(r'<h2 class="utrecht-heading-2" id="opgave-[^"]+">1\. ', body)
