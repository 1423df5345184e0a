# SPDX-License-Identifier: EUPL-1.2
"""Registering and withdrawing publications; every change goes into the audit log.

Registration reads the publication through the publish reader, which validates format,
checksums and disclosure guards; a publication the reader refuses is never registered.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.http import HttpRequest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.portal.audit.models import Actie, Resultaat
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.loading import load, metadata_checksum
from ketenmonitor.portal.dashboards.models import Publicatie
from ketenmonitor.publish import list_publications


def register_publication(
    folder: Path | str, actor: str, request: HttpRequest | None = None
) -> tuple[Publicatie, bool]:
    """Register the publication in ``folder``; returns (publication, newly registered)."""
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
            changed = existing.pad != str(path) or not existing.actief
            existing.pad, existing.actief = str(path), True
            existing.save(update_fields=["pad", "actief"])
            if changed:
                record(request, Actie.PUBLICATIE, f"opnieuw_getoond:{existing.publicatie_id}",
                       actor=actor)
            return existing, False
        created = Publicatie.objects.create(
            publicatie_id=publication.publication_id,
            pad=str(path),
            regio=publication.region,
            regio_naam=publication.region_name,
            peildatum=publication.peildatum,
            formaat=str(publication.metadata["format_version"]),
            gemaakt_op=str(publication.metadata["created_at"]),
            metadata_sha256=checksum,
            geregistreerd_door=actor,
        )
        record(request, Actie.PUBLICATIE, f"geregistreerd:{created.publicatie_id}", actor=actor)
    return created, True


def register_folder(root: Path | str, actor: str) -> list[tuple[Publicatie, bool]]:
    """Register one publication folder, or every publication in a folder of publications."""
    path = Path(root)
    if (path / "metadata.json").is_file():
        return [register_publication(path, actor)]
    found = list_publications(path)
    if not found:
        raise PublicationError(
            "geen_publicatie",
            _("In {path} staat geen publicatie.").format(path=path),
            _("Geef de map van een publicatie op, of een map met publicaties."),
        )
    return [register_publication(p, actor) for p in found]


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
