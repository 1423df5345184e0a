# SPDX-License-Identifier: EUPL-1.2
"""Double pseudonymisation: a trusted third party re-keys deliveries to the monitor's linkage key.

The partners pseudonymise under a shared source key; the trusted third party (TTP, as in the
ZorgTTP model) holds a second key and turns every token ``t`` of column ``c`` into
``HMAC(field_key_ttp(c), t)``. It only ever sees tokens, never a plain identifier, and the
monitor only ever sees re-keyed tokens: someone who holds the partners' key (a partner, or a
stolen partner key) cannot recompute the monitor's tokens, and the monitor cannot recompute the
partners'. Bloom filters are re-keyed by a keyed permutation of their bit positions, which keeps
every Dice coefficient. The result is a new delivery (new checksum and delivery id, the TTP's key
id, ``rekeyed: true``) in the current schema version; ingest treats it like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.delivery.checks import check_delivery_file
from ketenmonitor.delivery.files import (
    DeliveryFiles,
    delivery_arrow_schema,
    delivery_stem,
    write_delivery,
)
from ketenmonitor.delivery.manifest import Manifest, find_deliveries, manifest_for, read_manifest
from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType
from ketenmonitor.pseudonymise.bloom import permute_bits
from ketenmonitor.pseudonymise.identity import FIELD_KEYS
from ketenmonitor.pseudonymise.keys import PseudonymKey
from ketenmonitor.pseudonymise.tokens import FieldTokeniser

log = get_logger(__name__)


@dataclass(frozen=True)
class RekeyResult:
    """One re-keyed delivery."""

    source: Path
    source_key_id: str
    delivery: DeliveryFiles
    token_columns: tuple[str, ...]


def key_field(column_name: str) -> str:
    """HKDF field name of a token column (both surname parts share ``achternaam``)."""
    return FIELD_KEYS.get(column_name, column_name)


def rekey_table(table: Any, record_type: str, key: PseudonymKey) -> tuple[Any, tuple[str, ...]]:
    """The table in the current schema with every token column and Bloom filter re-keyed.

    Columns of a newer schema that an older delivery lacks are added empty.
    """
    schema = delivery_arrow_schema(record_type)
    columns: list[Any] = []
    rekeyed: list[str] = []
    for field in RECORD_TYPES[record_type].fields:
        wanted = schema.field(field.name).type
        if field.name not in table.column_names:
            columns.append(pa.nulls(table.num_rows, wanted))
            continue
        values = table.column(field.name).combine_chunks()
        if field.type is FieldType.TOKEN:
            values, _distinct = FieldTokeniser(key.field_key(key_field(field.name))).tokens(values)
            rekeyed.append(field.name)
        elif field.type is FieldType.BLOOM:
            values = permute_bits(values, key.field_key(field.name))
            rekeyed.append(field.name)
        columns.append(values.cast(wanted))
    return pa.Table.from_arrays(columns, schema=schema), tuple(rekeyed)


def _refuse_rekeyed(manifest: Manifest) -> None:
    if manifest.rekeyed:
        raise InputRefused(
            "al_omgezet",
            _("Levering {bestand} is al omgezet naar een andere sleutel (sleutel-id "
              "{sleutel}).").format(bestand=manifest.path.name, sleutel=manifest.key_id),
            _("Zet alleen leveringen om die de partner met 'ketenmonitor pseudonymise' maakte; "
              "twee keer omzetten geeft tokens die met niets meer overeenkomen."),
        )


def rekey_delivery(path: Path, key: PseudonymKey, out_dir: Path) -> RekeyResult:
    """Check one delivery (manifest or Parquet path) and write its re-keyed copy to ``out_dir``."""
    manifest = read_manifest(manifest_for(path))
    checked = check_delivery_file(manifest)
    _refuse_rekeyed(manifest)
    target = out_dir / (delivery_stem(manifest.partner, manifest.record_type,
                                      manifest.period.code) + ".parquet")
    if target.resolve() == checked.parquet_path.resolve():
        raise InputRefused(
            "uitvoer_is_invoer",
            _("De uitvoermap {map} is de map van de levering zelf; omzetten zou het origineel "
              "overschrijven.").format(map=out_dir),
            _("Kies met --uitvoer een andere map dan --invoer."),
        )
    table, columns = rekey_table(pq.read_table(checked.parquet_path), manifest.record_type, key)
    written = write_delivery(
        table, partner=manifest.partner, partner_type=manifest.partner_type,
        record_type=manifest.record_type, period=manifest.period, key_id=key.key_id,
        out_dir=out_dir, rekeyed=True,
    )
    log.info("levering_omgezet", source=manifest.delivery_id, delivery_id=written.delivery_id,
             rows=written.row_count, key_id=key.key_id, source_key_id=manifest.key_id)
    return RekeyResult(source=checked.parquet_path, source_key_id=manifest.key_id,
                       delivery=written, token_columns=columns)


def rekey_deliveries(paths: Sequence[Path], key: PseudonymKey, out_dir: Path) -> list[RekeyResult]:
    """Re-key every delivery found in ``paths``; all are checked before anything is written."""
    found = find_deliveries(list(paths))
    if not found:
        raise InputRefused(
            "geen_leveringen",
            _("Geen leveringen gevonden in {paden}.").format(
                paden=", ".join(str(p) for p in paths)),
            _("Geef manifesten (.manifest.json), Parquet-bestanden met manifest of een map met "
              "leveringen op."),
        )
    for path in found:  # refuse the whole batch before writing any of it
        manifest = read_manifest(manifest_for(path))
        check_delivery_file(manifest)
        _refuse_rekeyed(manifest)
    return [rekey_delivery(path, key, out_dir) for path in found]
