# SPDX-License-Identifier: EUPL-1.2
"""Registering and withdrawing publications; every change goes into the audit log.

Registration reads the publication through the publish reader, which validates format,
checksums and disclosure guards; a publication the reader refuses is never registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.http import HttpRequest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.portal.audit.models import Actie, Resultaat
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.loading import (
    load,
    metadata_checksum,
    resolve_stored,
    stored_path,
)
from ketenmonitor.portal.dashboards.models import Publicatie
from ketenmonitor.publish import list_publications


@dataclass(frozen=True)
class Registration:
    """What registering did: new, nothing, shown again, and/or moved to another folder."""

    publicatie: Publicatie
    new: bool
    shown_again: bool = False
    previous_path: str | None = None  # set when the stored folder changed

    def message(self) -> str:
        pid = self.publicatie.publicatie_id
        if self.new:
            return _("{id}: geregistreerd").format(id=pid)
        parts = []
        if self.previous_path is not None:
            parts.append(_("map gewijzigd van {oud} naar {nieuw}").format(
                oud=self.previous_path, nieuw=self.publicatie.pad))
        if self.shown_again:
            parts.append(_("weer getoond"))
        if parts:
            return f"{pid}: " + "; ".join(parts)
        return _("{id}: was al geregistreerd").format(id=pid)


def register_publication(
    folder: Path | str, actor: str, request: HttpRequest | None = None
) -> tuple[Publicatie, bool]:
    """Register the publication in ``folder``; returns (publication, newly registered)."""
    result = register(folder, actor, request)
    return result.publicatie, result.new


def register(folder: Path | str, actor: str, request: HttpRequest | None = None) -> Registration:
    """Register the publication in ``folder`` (relative to the working directory, as typed)
    and say exactly what changed."""
    path = Path(folder).resolve()
    try:
        loaded = load(path)
    except PublicationError:
        record(request, Actie.PUBLICATIE, f"registreren:{path.name}", Resultaat.GEWEIGERD, actor)
        raise
    publication = loaded.publication
    checksum = metadata_checksum(path)
    with transaction.atomic():
        existing = Publicatie.objects.filter(publicatie_id=publication.publication_id).first()
        if existing is not None:
            if existing.metadata_sha256 != checksum:
                record(request, Actie.PUBLICATIE, f"registreren:{publication.publication_id}",
                       Resultaat.GEWEIGERD, actor)
                raise PublicationError(
                    "publicatie_dubbel",
                    _("Publicatie {id} is al geregistreerd met andere inhoud.").format(
                        id=publication.publication_id
                    ),
                    _("Een publicatie-id hoort bij precies één publicatie; publiceer een nieuwe "
                      "versie."),
                )
            new_pad = stored_path(path)
            moved = resolve_stored(existing.pad).resolve() != path
            previous = existing.pad if existing.pad != new_pad else None
            shown_again = not existing.actief
            existing.pad, existing.actief = new_pad, True
            existing.save(update_fields=["pad", "actief"])
            if moved:
                record(request, Actie.PUBLICATIE, f"map_gewijzigd:{existing.publicatie_id}",
                       actor=actor)
            if shown_again:
                record(request, Actie.PUBLICATIE, f"opnieuw_getoond:{existing.publicatie_id}",
                       actor=actor)
            return Registration(existing, False, shown_again, previous)
        created = Publicatie.objects.create(
            publicatie_id=publication.publication_id,
            pad=stored_path(path),
            regio=publication.region,
            regio_naam=publication.region_name,
            peildatum=publication.peildatum,
            formaat=str(publication.metadata["format_version"]),
            gemaakt_op=str(publication.metadata["created_at"]),
            metadata_sha256=checksum,
            geregistreerd_door=actor,
        )
        record(request, Actie.PUBLICATIE, f"geregistreerd:{created.publicatie_id}", actor=actor)
    return Registration(created, True)


def register_folder(root: Path | str, actor: str) -> list[tuple[Publicatie, bool]]:
    """Register one publication folder, or every publication in a folder of publications."""
    return [(r.publicatie, r.new) for r in register_all(root, actor)]


def register_all(root: Path | str, actor: str) -> list[Registration]:
    """:func:`register_folder` with what each registration changed."""
    path = Path(root)
    if (path / "metadata.json").is_file():
        return [register(path, actor)]
    found = list_publications(path)
    if not found:
        raise PublicationError(
            "geen_publicatie",
            _("In {path} staat geen publicatie.").format(path=path),
            _("Geef de map van een publicatie op, of een map met publicaties."),
        )
    return [register(p, actor) for p in found]


def withdraw_publication(
    publicatie_id: str, actor: str, request: HttpRequest | None = None
) -> Publicatie:
    """Stop showing a publication (kept on record; can be registered again)."""
    found = Publicatie.objects.filter(publicatie_id=publicatie_id).first()
    if found is None:
        raise PublicationError(
            "publicatie_onbekend",
            _("Publicatie {id} is niet geregistreerd.").format(id=publicatie_id),
            _("Zie de lijst met 'ketenmonitor portal publicaties'."),
        )
    found.actief = False
    found.save(update_fields=["actief"])
    record(request, Actie.PUBLICATIE, f"ingetrokken:{publicatie_id}", actor=actor)
    return found


def active_publications(region: str | None = None) -> list[Publicatie]:
    rows = Publicatie.objects.filter(actief=True)
    if region is not None:
        rows = rows.filter(regio=region)
    return list(rows)


def latest_active(region: str) -> Publicatie | None:
    return Publicatie.objects.filter(actief=True, regio=region).order_by(
        "-peildatum", "-geregistreerd_op", "-id"
    ).first()
