# SPDX-License-Identifier: EUPL-1.2
"""Toelichtingen: beleidsadviseurs of the own gemeente only, shown with author and date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ketenmonitor.portal.dashboards.models import Toelichting

IND = "veiligheidsbeoordeling_binnen_5_werkdagen"
URL = f"/regio/haaglanden/gemeente/GM0503/indicator/{IND}/toelichting/"
TEXT = "In 2024 telde Veilig Thuis spoedmeldingen anders; zie de regionale notitie."


def test_beleidsadviseur_adds_explanation_shown_with_author(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"], name="anna")
    response = client.post(URL, {"periode": "2024", "tekst": TEXT})
    assert response.status_code == 302
    note = Toelichting.objects.get()
    assert (note.gemeente, note.indicator, note.periode, note.auteur_naam) == (
        "GM0503", IND, "2024", "anna")
    assert note.publicatie_id == "haaglanden-2025-12-31-v2"
    detail = client.get(f"/regio/haaglanden/gemeente/GM0503/indicator/{IND}/").content.decode()
    assert TEXT in detail and "door anna op" in detail
    dashboard = client.get("/regio/haaglanden/gemeente/GM0503/?periode=2024").content.decode()
    assert "1 toelichting" in dashboard


def test_htmx_post_returns_the_updated_list(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    response = client.post(URL, {"periode": "2025", "tekst": TEXT}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "De toelichting is opgeslagen." in body and TEXT in body


def test_invalid_explanation_is_refused_with_dutch_message(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    response = client.post(URL, {"periode": "1999", "tekst": "kort"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kies een periode uit de publicatie." in body or "geen geldige keuze" in body
    assert "minstens 10 tekens" in body
    assert not Toelichting.objects.exists()


def test_others_may_not_explain(client_for: Callable[..., Any], registered: list[Any]) -> None:
    raad = client_for(["raadslid"], ["GM0503"], name="raad")
    assert raad.post(URL, {"periode": "2024", "tekst": TEXT}).status_code == 403
    other = client_for(["beleidsadviseur"], ["GM0518"], name="den-haag")
    assert other.post(URL, {"periode": "2024", "tekst": TEXT}).status_code == 403
    region = client_for(["beleidsadviseur"], ["haaglanden"], name="regio")
    assert region.post(URL, {"periode": "2024", "tekst": TEXT}).status_code == 403
    assert not Toelichting.objects.exists()
