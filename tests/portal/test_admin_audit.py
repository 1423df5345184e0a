# SPDX-License-Identifier: EUPL-1.2
"""Changes in the beheer pages (/beheer/) go into the audit log and name who made them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin

from ketenmonitor.portal.accounts.models import Gebruiker
from ketenmonitor.portal.audit.admin_audit import AuditedAdmin
from ketenmonitor.portal.audit.chain import verify
from ketenmonitor.portal.audit.models import AuditRegel
from ketenmonitor.portal.dashboards.models import Toelichting

ADD = "/beheer/dashboards/toelichting/add/"
NOTE = {"regio": "haaglanden", "gemeente": "GM0503", "indicator": "meldingen_per_1000",
        "periode": "2024", "tekst": "Registratiewijziging bij Veilig Thuis in 2024."}


def test_every_registered_admin_is_audited() -> None:
    unaudited = [type(m).__name__ for m in admin.site._registry.values()
                 if not isinstance(m, AuditedAdmin)]
    assert unaudited == []


def test_adding_changing_and_deleting_a_toelichting_in_beheer_is_audited(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["beheerder"], [], name="beheer1")
    added = client.post(ADD, NOTE)
    assert added.status_code == 302, added.content.decode()[:2000]  # was a 500
    note = Toelichting.objects.get()
    assert note.auteur_naam == "beheer1" and note.publicatie_id == "haaglanden-2025-12-31-v2"

    editor = client_for(["beheerder"], [], name="beheer2")
    changed = editor.post(f"/beheer/dashboards/toelichting/{note.pk}/change/",
                          {**NOTE, "tekst": "Andere tekst, door de beheerder aangepast."})
    assert changed.status_code == 302
    note.refresh_from_db()
    assert note.gewijzigd_door_naam == "beheer2" and note.auteur_naam == "beheer1"

    viewer = client_for(["beleidsadviseur"], ["GM0503"], name="adviseur")
    page = viewer.get("/regio/haaglanden/gemeente/GM0503/indicator/meldingen_per_1000/")
    assert "gewijzigd door beheer2" in page.content.decode()

    viewer.force_login(Gebruiker.objects.get(username="beheer2"))  # one test client, re-login
    viewer.post(f"/beheer/dashboards/toelichting/{note.pk}/delete/", {"post": "yes"})
    assert not Toelichting.objects.exists()
    rows = {(r.actor, r.object) for r in AuditRegel.objects.filter(actie="wijziging")}
    assert ("beheer1", f"beheer:dashboards.toelichting:{note.pk}:toegevoegd") in rows
    assert ("beheer2", f"beheer:dashboards.toelichting:{note.pk}:gewijzigd:Toelichting") in rows
    assert ("beheer2", f"beheer:dashboards.toelichting:{note.pk}:verwijderd") in rows
    assert "Veilig Thuis" not in " ".join(o for _a, o in rows)  # identifiers, never the text
    assert verify().ok


def test_user_changes_in_beheer_are_audited(
    client_for: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    target = make_user("doel", ["raadslid"], ["GM0503"])
    client = client_for(["beheerder"], [], name="beheer1")
    client.post("/beheer/accounts/gebruiker/", {"action": "delete_selected",
                                                "_selected_action": [target.pk], "post": "yes"})
    assert AuditRegel.objects.filter(
        actie="gebruiker", actor="beheer1", object=f"beheer:accounts.gebruiker:{target.pk}:verwijderd"
    ).exists()
