# SPDX-License-Identifier: EUPL-1.2
"""File-level checks of a delivery: the Parquet file must be whole and match its manifest.

Order matters for the message the partner sees: an unreadable (e.g. truncated) file is reported as
such before the checksum, because "copy it again" is the useful advice in that case. The columns
must be exactly those of the manifest's schema version (a 1.0 delivery lacks the 1.1 tokens).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.files import delivery_arrow_schema, make_delivery_id
from ketenmonitor.delivery.manifest import Manifest

_CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class CheckedDelivery:
    """A delivery whose manifest and file agree; rows are not yet validated."""

    manifest: Manifest
    parquet_path: Path

    @property
    def delivery_id(self) -> str:
        return self.manifest.delivery_id


def _type_name(arrow_type: object) -> str:
    if arrow_type in (pa.string(), pa.large_string()):
        return "tekst"
    if arrow_type in (pa.binary(), pa.large_binary()):
        return "binair"
    return str(arrow_type)


def _check_columns(manifest: Manifest, parquet_path: Path, schema: pa.Schema) -> None:
    expected = delivery_arrow_schema(manifest.record_type, manifest.schema_version)
    names = list(schema.names)
    all_names = ", ".join(expected.names)
    missing = [n for n in expected.names if n not in names]
    if missing:
        raise InputRefused(
            "kolommen_ontbreken",
            _("In {bestand} ontbreken de kolommen: {kolommen}.").format(
                bestand=parquet_path.name, kolommen=", ".join(missing)),
            _("Een levering van soort {soort} heeft precies de kolommen: {alle}. Maak de levering "
              "opnieuw met 'ketenmonitor pseudonymise'.").format(
                soort=manifest.record_type, alle=all_names),
        )
    extra = [n for n in names if n not in expected.names]
    if extra:
        raise InputRefused(
            "kolommen_extra",
            _("Het bestand {bestand} bevat kolommen die niet in het aanleverformaat staan: "
              "{kolommen}.").format(bestand=parquet_path.name, kolommen=", ".join(extra)),
            _("Een onbekende kolom kan persoonsgegevens bevatten; daarom is de levering geweigerd. "
              "Een levering van soort {soort} heeft precies de kolommen: {alle}.").format(
                soort=manifest.record_type, alle=all_names),
        )
    for wanted in expected:
        found = schema.field(wanted.name).type
        same_kind = _type_name(found) == _type_name(wanted.type)
        if not same_kind:
            raise InputRefused(
                "kolom_type",
                _("Kolom {kolom} in {bestand} heeft type {gevonden}; verwacht {verwacht}.").format(
                    kolom=wanted.name, bestand=parquet_path.name, gevonden=_type_name(found),
                    verwacht=_type_name(wanted.type)),
                _("Maak de levering opnieuw met 'ketenmonitor pseudonymise'."),
            )


def check_delivery_file(manifest: Manifest) -> CheckedDelivery:
    """Refuse the delivery unless its Parquet file is present, readable and matches the manifest."""
    path = manifest.parquet_path
    if not path.is_file():
        raise InputRefused(
            "parquet_ontbreekt",
            _("Het Parquet-bestand {bestand} bij het manifest {manifest} ontbreekt.").format(
                bestand=path.name, manifest=manifest.path.name),
            _("Lever het Parquet-bestand en het manifest samen in dezelfde map."),
        )
    try:
        metadata = pq.ParquetFile(path).metadata
        schema = metadata.schema.to_arrow_schema()
    except (pa.ArrowException, OSError):
        raise InputRefused(
            "parquet_onleesbaar",
            _("Het Parquet-bestand {bestand} is onleesbaar of afgebroken.").format(
                bestand=path.name),
            _("Het bestand is waarschijnlijk niet volledig gekopieerd. Kopieer de levering "
              "opnieuw of maak haar opnieuw met 'ketenmonitor pseudonymise'."),
        ) from None
    actual = file_sha256(path)
    if actual != manifest.checksum:
        raise InputRefused(
            "controlesom",
            _("De controlesom van {bestand} klopt niet met het manifest (manifest {verwacht}, "
              "bestand {gevonden}).").format(
                bestand=path.name, verwacht=manifest.checksum[:12], gevonden=actual[:12]),
            _("Het bestand is veranderd nadat het manifest is gemaakt. Lever het originele "
              "bestand of maak de levering opnieuw met 'ketenmonitor pseudonymise'."),
        )
    expected_id = make_delivery_id(manifest.partner, manifest.record_type, manifest.period.code,
                                   manifest.checksum)
    if manifest.delivery_id != expected_id:
        raise InputRefused(
            "leveringsnummer",
            _("Het leveringsnummer '{id}' in het manifest {bestand} past niet bij partner, soort, "
              "periode en controlesom (verwacht {verwacht}).").format(
                id=manifest.delivery_id, bestand=manifest.path.name, verwacht=expected_id),
            _("Maak de levering opnieuw met 'ketenmonitor pseudonymise'; pas een manifest nooit "
              "met de hand aan."),
        )
    if metadata.num_rows != manifest.row_count:
        raise InputRefused(
            "aantal_rijen",
            _("Het manifest {manifest} noemt {verwacht} rijen, maar {bestand} bevat er "
              "{gevonden}.").format(manifest=manifest.path.name, verwacht=manifest.row_count,
                                    bestand=path.name, gevonden=metadata.num_rows),
            _("Lever het manifest en het bestand uit dezelfde run van 'ketenmonitor "
              "pseudonymise'."),
        )
    _check_columns(manifest, path, schema)
    return CheckedDelivery(manifest=manifest, parquet_path=path)
