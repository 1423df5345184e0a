# SPDX-License-Identifier: EUPL-1.2
"""Writing a delivery: ``<partner>_<record_type>_<periode>.parquet`` plus ``.manifest.json``.

The Parquet bytes depend only on the data (fixed writer options, no timestamps inside), so the
same export under the same key gives the same checksum and therefore the same delivery id; ingest
uses that to recognise a delivery it has already loaded. Ingest reads these helpers too, so writer
and reader agree on names, columns and ids.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor import __version__
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import (
    RECORD_TYPES,
    SCHEMA_VERSION,
    FieldType,
    manifest_fields,
)

MANIFEST_SUFFIX = ".manifest.json"
PARTNER_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,62}$")


BINARY_TYPES = (FieldType.TOKEN, FieldType.BLOOM)


def delivery_arrow_schema(record_type: str, version: str = SCHEMA_VERSION) -> Any:
    """Arrow schema of a delivery of schema ``version``: strings, and binary for tokens and
    Bloom filters."""
    fields = [
        pa.field(f.name, pa.binary() if f.type in BINARY_TYPES else pa.string())
        for f in RECORD_TYPES[record_type].fields_in(version)
    ]
    return pa.schema(fields)


def check_partner(partner: str) -> str:
    if not PARTNER_PATTERN.match(partner):
        raise InputRefused(
            "partner_ongeldig",
            _("Partnernaam '{partner}' is ongeldig.").format(partner=partner),
            _("Gebruik kleine letters, cijfers, '_' en '-', zoals vt_haaglanden."),
        )
    return partner


def delivery_stem(partner: str, record_type: str, period: str) -> str:
    return f"{partner}_{record_type}_{period}"


def parquet_path_for(manifest_path: Path) -> Path:
    name = manifest_path.name
    stem = name[: -len(MANIFEST_SUFFIX)] if name.endswith(MANIFEST_SUFFIX) else manifest_path.stem
    return manifest_path.with_name(stem + ".parquet")


def manifest_path_for(parquet_path: Path) -> Path:
    return parquet_path.with_name(parquet_path.stem + MANIFEST_SUFFIX)


def make_delivery_id(partner: str, record_type: str, period: str, checksum: str) -> str:
    """Deterministic: the same partner, record type, period and file give the same id."""
    return f"{partner}.{record_type}.{period}.{checksum[:12]}"


def parquet_bytes(table: Any) -> bytes:
    """Serialise with fixed options so that equal tables give equal bytes."""
    buffer = io.BytesIO()
    pq.write_table(
        table,
        buffer,
        compression="zstd",
        compression_level=3,
        use_dictionary=True,
        write_statistics=True,
        version="2.6",
        data_page_version="1.0",
        row_group_size=1_000_000,
    )
    return buffer.getvalue()


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` next to ``path`` (not yet synced); on failure (a full disk) no ``.tmp``
    file stays behind."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        with temporary.open("wb") as out:
            out.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_pair(parquet_path: Path, parquet: bytes, manifest_path: Path, manifest: bytes) -> None:
    """Write Parquet and manifest so that a failure leaves the earlier pair (or none) in place:
    both are written to temporary files first, synced, and renamed only when both are complete.
    Both are written before either is synced: the file system then commits them together and
    the second sync finds little left to do (one journal commit per delivery, not two; with
    thousands of deliveries per run that is most of the wall time on a busy disk)."""
    first = _write_temporary(parquet_path, parquet)
    try:
        second = _write_temporary(manifest_path, manifest)
    except BaseException:
        first.unlink(missing_ok=True)
        raise
    try:
        _sync(first)
        _sync(second)
    except BaseException:
        first.unlink(missing_ok=True)
        second.unlink(missing_ok=True)
        raise
    os.replace(first, parquet_path)
    os.replace(second, manifest_path)


@dataclass(frozen=True)
class DeliveryFiles:
    """One written delivery."""

    record_type: str
    parquet_path: Path
    manifest_path: Path
    manifest: dict[str, Any]

    @property
    def delivery_id(self) -> str:
        return str(self.manifest["delivery_id"])

    @property
    def row_count(self) -> int:
        return int(self.manifest["row_count"])


def write_delivery(
    table: Any,
    *,
    partner: str,
    partner_type: str,
    record_type: str,
    period: Period,
    key_id: str,
    out_dir: Path,
    created_at: datetime | None = None,
    rekeyed: bool = False,
    schema_version: str = SCHEMA_VERSION,
) -> DeliveryFiles:
    """Write ``table`` as a delivery (it is written as given; callers shape it to the schema).

    ``rekeyed`` marks tokens re-keyed by a trusted third party; ``schema_version`` other than the
    current one is only for tests and tools that must produce an older delivery.
    """
    check_partner(partner)
    data = parquet_bytes(table)
    checksum = hashlib.sha256(data).hexdigest()
    stamp = (created_at or datetime.now(UTC)).replace(microsecond=0)
    manifest: dict[str, Any] = {
        "delivery_id": make_delivery_id(partner, record_type, period.code, checksum),
        "partner": partner,
        "partner_type": str(partner_type),
        "record_type": record_type,
        "period": period.code,
        "row_count": int(table.num_rows),
        "schema_version": schema_version,
        "checksum": checksum,
        "created_at": stamp.isoformat(),
        "key_id": key_id,
        "software_version": __version__,
        "rekeyed": rekeyed,
    }
    manifest = {name: manifest[name] for name in manifest_fields(schema_version)}
    if rekeyed and "rekeyed" not in manifest:
        raise ValueError(f"schemaversie {schema_version} kent geen omgezette leveringen")
    out_dir.mkdir(parents=True, exist_ok=True)
    parquet_path = out_dir / (delivery_stem(partner, record_type, period.code) + ".parquet")
    manifest_path = manifest_path_for(parquet_path)
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    _write_pair(parquet_path, data, manifest_path, text.encode("utf-8"))
    return DeliveryFiles(record_type, parquet_path, manifest_path, manifest)
