# SPDX-License-Identifier: EUPL-1.2
"""Registering publications: validated by the publish reader, idempotent, tamper-evident."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.portal.dashboards.loading import CACHE
from ketenmonitor.portal.dashboards.models import Publicatie
from ketenmonitor.portal.dashboards.registry import (
    register_folder,
    register_publication,
    withdraw_publication,
)


def test_register_is_idempotent(registered: list[Any], publication_dir: Path) -> None:
    again, new = register_publication(publication_dir, "test")
    assert not new and again.pk == registered[1].pk
    assert Publicatie.objects.count() == 2
    assert registered[1].regio == "haaglanden" and registered[1].versie == 2


def test_a_tampered_publication_is_refused(db: Any, tmp_path: Path, publication_dir: Path) -> None:
    copy = tmp_path / publication_dir.name
    shutil.copytree(publication_dir, copy)
    for path in copy.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    table = copy / "tables" / "huisverboden_per_10000.parquet"
    table.write_bytes(table.read_bytes()[:-20] + b"\x00" * 20)
    with pytest.raises(PublicationError, match="controlesom"):
        register_publication(copy, "test")
    assert not Publicatie.objects.exists()


def test_a_publication_changed_after_registration_is_not_shown(
    db: Any, tmp_path: Path, publication_dir: Path, client_for: Callable[..., Any]
) -> None:
    copy = tmp_path / "haaglanden-2025-12-31-v2"
    shutil.copytree(publication_dir, copy)
    register_publication(copy, "test")
    metadata = json.loads((copy / "metadata.json").read_text())
    metadata["region_name"] = "Ergens anders"
    (copy / "metadata.json").chmod(0o644)
    (copy / "metadata.json").write_text(json.dumps(metadata))
    CACHE.clear()
    client = client_for(["beheerder"], [])
    response = client.get("/regio/haaglanden/")
    assert response.status_code == 503
    assert "gewijzigd sinds de registratie" in response.content.decode()


def test_withdrawn_publications_are_no_longer_offered(
    registered: list[Any], client_for: Callable[..., Any]
) -> None:
    withdraw_publication("haaglanden-2025-12-31-v2", "test")
    client = client_for(["raadslid"], ["GM0503"])
    page = client.get("/regio/haaglanden/").content.decode()
    assert "haaglanden-2025-12-31-v1" in page and "haaglanden-2025-12-31-v2" not in page
    assert client.get("/regio/haaglanden/?publicatie=haaglanden-2025-12-31-v2").status_code == 404


def test_empty_folder_is_refused_in_dutch(db: Any, tmp_path: Path) -> None:
    with pytest.raises(PublicationError, match="staat geen publicatie"):
        register_folder(tmp_path, "test")


def test_an_unreadable_publication_does_not_hide_the_others(
    db: Any, tmp_path: Path, publication_dir: Path, client_for: Callable[..., Any]
) -> None:
    register_publication(publication_dir, "test")
    broken = Publicatie.objects.create(
        publicatie_id="hollands_midden-2025-12-31-v1", pad=str(tmp_path / "weg"),
        regio="hollands_midden", regio_naam="Hollands Midden", peildatum="2025-12-31",
        formaat="1.1", gemaakt_op="-", metadata_sha256="0" * 64, geregistreerd_door="test")
    beheer = client_for(["beheerder"], [], name="beheer")
    page = beheer.get("/?overzicht=1").content.decode()
    assert "/regio/haaglanden/" in page and broken.publicatie_id in page
    assert "niet meer leesbaar" in page
    raad = client_for(["raadslid"], ["GM0503"], name="raad")
    assert raad.get("/").status_code == 302  # straight to the one region it may see
    assert raad.get("/publicaties/").status_code == 200


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_paths_inside_the_root_are_stored_relative_and_follow_a_moved_folder(
    db: Any, tmp_path: Path, publication_dir: Path, settings: Any,
    client_for: Callable[..., Any],
) -> None:
    settings.PUBLICATION_ROOT = tmp_path / "data"
    _copy(publication_dir, tmp_path / "data" / "publicaties" / publication_dir.name)
    pub, new = register_publication(tmp_path / "data" / "publicaties" / publication_dir.name,
                                    "test")
    assert new and pub.pad == f"publicaties/{publication_dir.name}"
    # the whole data folder moves; the old place is gone
    shutil.move(tmp_path / "data", tmp_path / "verhuisd")
    settings.PUBLICATION_ROOT = tmp_path / "verhuisd"
    CACHE.clear()
    client = client_for(["raadslid"], ["GM0503"])
    assert client.get("/regio/haaglanden/").status_code == 200
    elsewhere = tmp_path / "elders" / publication_dir.name
    outside = register_publication(_copy(publication_dir, elsewhere), "test")[0]
    assert outside.pad == str(elsewhere.resolve())


def test_registering_again_from_another_folder_says_so(
    db: Any, tmp_path: Path, publication_dir: Path, settings: Any
) -> None:
    from ketenmonitor.portal.audit.models import AuditRegel
    from ketenmonitor.portal.dashboards.registry import register

    settings.PUBLICATION_ROOT = tmp_path
    first = register(_copy(publication_dir, tmp_path / "a" / publication_dir.name), "test")
    same = register(tmp_path / "a" / publication_dir.name, "test")
    assert same.message() == f"{publication_dir.name}: was al geregistreerd"
    moved = register(_copy(publication_dir, tmp_path / "b" / publication_dir.name), "test")
    assert moved.message() == (f"{publication_dir.name}: map gewijzigd van "
                               f"a/{publication_dir.name} naar b/{publication_dir.name}")
    assert first.new and not moved.new
    assert AuditRegel.objects.filter(object=f"map_gewijzigd:{publication_dir.name}").count() == 1


def test_migration_makes_absolute_paths_inside_the_root_relative(
    db: Any, tmp_path: Path, settings: Any
) -> None:
    import importlib

    from django.apps import apps

    settings.PUBLICATION_ROOT = tmp_path
    migration = importlib.import_module(
        "ketenmonitor.portal.dashboards.migrations.0003_relatieve_paden")
    fields = {"regio": "haaglanden", "regio_naam": "Haaglanden", "peildatum": "2025-12-31",
              "formaat": "1.1", "gemaakt_op": "-", "metadata_sha256": "0" * 64,
              "geregistreerd_door": "test"}
    inside = Publicatie.objects.create(publicatie_id="a-v1", pad=str(tmp_path / "pub" / "a"),
                                       **fields)
    outside = Publicatie.objects.create(publicatie_id="b-v1", pad="/ergens/anders/b", **fields)
    migration._relative(apps, None)
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.pad == "pub/a" and outside.pad == "/ergens/anders/b"
    migration._absolute(apps, None)
    inside.refresh_from_db()
    assert inside.pad == str(tmp_path.resolve() / "pub" / "a")
