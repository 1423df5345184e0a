# SPDX-License-Identifier: EUPL-1.2
"""Reading and checking a delivery's manifest before any row is looked at.

A manifest that is missing, unreadable, incomplete, of an unsupported schema version or with
impossible values refuses the whole delivery (exit code 2) with a message that says what to fix.
Every version in ``SCHEMA_VERSIONS`` is accepted; each has its own set of manifest fields
(``rekeyed`` exists since 1.1).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import (
    MANIFEST_SUFFIX,
    PARTNER_PATTERN,
    manifest_path_for,
    parquet_path_for,
)
from ketenmonitor.delivery.schema import (
    BETROKKENE,
    EVENT_RECORD_TYPE,
    RECORD_TYPES,
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    KindId,
    manifest_fields,
)

SUPPORTED_SCHEMA_VERSIONS = SCHEMA_VERSIONS
_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")
_NOT_TEXT = ("row_count", "rekeyed")


def _redo_hint() -> str:
    return _("Maak de levering opnieuw met 'ketenmonitor pseudonymise'; pas een manifest nooit "
             "met de hand aan.")


@dataclass(frozen=True)
class Manifest:
    path: Path
    delivery_id: str
    partner: str
    partner_type: str
    record_type: str
    period: Period
    row_count: int
    schema_version: str
    checksum: str
    created_at: str
    key_id: str
    software_version: str
    rekeyed: bool = False

    @property
    def parquet_path(self) -> Path:
        return parquet_path_for(self.path)


def manifest_for(path: Path) -> Path:
    """The manifest path for a manifest or Parquet path; refuses a Parquet file without one."""
    if path.name.endswith(MANIFEST_SUFFIX):
        return path
    if not path.exists():
        raise InputRefused(
            "bestand_ontbreekt",
            _("Het bestand {path} bestaat niet.").format(path=path),
            _("Geef het pad van een manifest (.manifest.json), een Parquet-bestand met manifest "
              "ernaast of een map met leveringen."),
        )
    manifest = manifest_path_for(path)
    if not manifest.exists():
        raise InputRefused(
            "manifest_ontbreekt",
            _("Bij {bestand} ontbreekt het manifest {manifest}.").format(
                bestand=path.name, manifest=manifest.name),
            _("Lever het Parquet-bestand samen met het manifest dat 'ketenmonitor pseudonymise' "
              "ernaast schreef."),
        )
    return manifest


def _bad_value(path: Path, field: str, value: Any) -> InputRefused:
    return InputRefused(
        "manifest_waarde",
        _("Het manifest {bestand} heeft een ongeldige waarde in veld {veld}: '{waarde}'.").format(
            bestand=path.name, veld=field, waarde=value),
        _redo_hint(),
    )


def _load_json(path: Path) -> dict[str, Any]:
    if path.is_dir() or (path.is_symlink() and not path.exists()):
        kind = _("een map") if path.is_dir() else _("een verwijzing (symlink) naar een bestand "
                                                   "dat niet bestaat")
        raise InputRefused(
            "geen_bestand",
            _("{naam} heeft de naam van een manifest, maar is {soort}.").format(
                naam=path.name, soort=kind),
            _("Zet het manifest zelf op deze plaats, of haal dit uit de map met leveringen."))
    if not path.is_file():
        raise InputRefused(
            "manifest_ontbreekt",
            _("Het manifest {manifest} bestaat niet.").format(manifest=path),
            _("Geef het pad van een manifest (.manifest.json), een Parquet-bestand met manifest "
              "ernaast of een map met leveringen."),
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict):
        raise InputRefused(
            "manifest_onleesbaar",
            _("Het manifest {bestand} is geen geldig JSON-object.").format(bestand=path.name),
            _redo_hint(),
        )
    return data


def _check_version(path: Path, data: dict[str, Any]) -> str:
    version = data.get("schema_version")
    if version is None:
        return SCHEMA_VERSION  # reported below as a missing field
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise InputRefused(
            "schemaversie",
            _("Levering {bestand} heeft schemaversie '{versie}'; deze ketenmonitor ondersteunt "
              "alleen {ondersteund}.").format(bestand=path.name, versie=version,
                                             ondersteund=", ".join(SUPPORTED_SCHEMA_VERSIONS)),
            _("Maak de levering opnieuw met een ketenmonitor die schemaversie {huidig} schrijft, "
              "of werk de analyseomgeving bij.").format(huidig=SCHEMA_VERSION),
        )
    return str(version)


def _check_fields(path: Path, data: dict[str, Any]) -> tuple[str, ...]:
    """The manifest fields of the delivery's schema version, after checking all are there."""
    expected = manifest_fields(_check_version(path, data))
    missing = [f for f in expected if f not in data]
    if missing:
        raise InputRefused(
            "manifest_onvolledig",
            _("In het manifest {bestand} ontbreken de velden: {velden}.").format(
                bestand=path.name, velden=", ".join(missing)),
            _redo_hint(),
        )
    unknown = [f for f in data if f not in expected]
    if unknown:
        raise InputRefused(
            "manifest_onbekende_velden",
            _("Het manifest {bestand} bevat onbekende velden: {velden}.").format(
                bestand=path.name, velden=", ".join(unknown)),
            _redo_hint(),
        )
    return expected


def read_manifest(path: Path) -> Manifest:
    """Parse and check a manifest (not yet its Parquet file)."""
    data = _load_json(path)
    fields = _check_fields(path, data)
    for name in fields:
        if name not in _NOT_TEXT and not isinstance(data[name], str):
            raise _bad_value(path, name, data[name])
    rekeyed = data.get("rekeyed", False)
    if not isinstance(rekeyed, bool):
        raise _bad_value(path, "rekeyed", rekeyed)
    if not isinstance(data["partner"], str) or not PARTNER_PATTERN.match(data["partner"]):
        raise _bad_value(path, "partner", data["partner"])
    if not isinstance(data["partner_type"], str):
        raise _bad_value(path, "partner_type", data["partner_type"])
    if data["partner_type"] not in EVENT_RECORD_TYPE:
        raise InputRefused(  # the same message as any bad value, with the catalogue's hint
            "manifest_waarde", _bad_value(path, "partner_type", data["partner_type"]).message,
            _("De broncatalogus van deze installatie kent deze partnersoort niet ('ketenmonitor "
              "bronnen list'). Is het een eigen partnersoort van de regio, zet haar definitie dan "
              "in de bronnenmap (KETENMONITOR_BRONNEN_MAP)."))
    partner_type = KindId(data["partner_type"])
    allowed = {EVENT_RECORD_TYPE[partner_type].name, BETROKKENE.name}
    if data["record_type"] not in RECORD_TYPES or data["record_type"] not in allowed:
        raise _bad_value(path, "record_type", data["record_type"])
    row_count = data["row_count"]
    if isinstance(row_count, bool) or not isinstance(row_count, int) or row_count < 0:
        raise _bad_value(path, "row_count", row_count)
    if not _CHECKSUM.match(data["checksum"]):
        raise _bad_value(path, "checksum", data["checksum"])
    try:
        period = Period.parse(data["period"])
    except InputRefused:
        raise _bad_value(path, "period", data["period"]) from None
    if period.code != data["period"]:
        raise _bad_value(path, "period", data["period"])
    return Manifest(
        path=path,
        delivery_id=data["delivery_id"],
        partner=data["partner"],
        partner_type=partner_type,
        record_type=data["record_type"],
        period=period,
        row_count=row_count,
        schema_version=data["schema_version"],
        checksum=data["checksum"],
        created_at=data["created_at"],
        key_id=data["key_id"],
        software_version=data["software_version"],
        rekeyed=rekeyed,
    )


def find_deliveries(paths: list[Path]) -> list[Path]:
    """Manifests (or orphan Parquet files, refused later) for the paths given, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            manifests = sorted(path.glob("*" + MANIFEST_SUFFIX))
            covered = {parquet_path_for(m) for m in manifests}
            orphans = [p for p in sorted(path.glob("*.parquet")) if p not in covered]
            found += sorted(manifests + orphans, key=lambda p: p.name)
        else:
            found.append(path)
    return found
