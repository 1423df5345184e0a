# SPDX-License-Identifier: EUPL-1.2
"""Turn a partner's export (as read by ``ketenmonitor.sources``) into deliveries.

Event tables (berichten, incidenten, trajecten, casussen) pass through as strings in the delivery
schema. The betrokkene table arrives with plain identity columns; these become the token columns
of :mod:`~ketenmonitor.pseudonymise.identity` and ``leeftijdsklasse`` (and, with ``bloom``, the
field-level Bloom filters of given name, surname, date of birth and postcode) and are then
dropped. A column the delivery schema does not know is refused, because an unmapped column may
carry personal data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.periods import Period
from ketenmonitor.core.source_lines import runs_of, with_runs
from ketenmonitor.delivery.files import (
    DeliveryFiles,
    check_partner,
    delivery_arrow_schema,
    write_delivery,
)
from ketenmonitor.delivery.schema import (
    BETROKKENE,
    EVENT_RECORD_TYPE,
    RECORD_TYPES,
    RecordType,
)
from ketenmonitor.delivery.signing import sign_manifest
from ketenmonitor.pseudonymise.identity import (
    GENERATED_FIELDS,
    IDENTITY_COLUMNS,
    column,
    tokenise_betrokkenen,
)
from ketenmonitor.pseudonymise.keys import PseudonymKey
from ketenmonitor.pseudonymise.tokens import TokenStats

log = get_logger(__name__)


class SourceTableLike(Protocol):
    """What ``ketenmonitor.sources.SourceTable`` offers (contract A)."""

    @property
    def record_type(self) -> str: ...

    @property
    def file(self) -> Path: ...

    @property
    def table(self) -> Any: ...


@dataclass(frozen=True)
class PseudonymiseResult:
    key_id: str
    deliveries: list[DeliveryFiles]
    token_stats: TokenStats | None


def infer_partner_type(tables: Sequence[SourceTableLike]) -> str | None:
    """The partner type whose event record type occurs in the export."""
    for partner_type, record_type in EVENT_RECORD_TYPE.items():
        if any(t.record_type == record_type.name for t in tables):
            return partner_type
    return None


def _files(tables: Sequence[SourceTableLike]) -> str:
    return ", ".join(sorted({t.file.name for t in tables}))


def _without_empty_generated(table: Any) -> Any:
    """Drop generated columns (tokens, age class) that a reader passed on entirely empty."""
    empty = [c for c in table.column_names
             if c in GENERATED_FIELDS and table.column(c).null_count == table.num_rows]
    return table.drop_columns(empty) if empty else table


def _combine(record_type: str, tables: Sequence[SourceTableLike]) -> Any:
    allowed = set(RECORD_TYPES[record_type].field_names)
    sources = [(source, source.table) for source in tables]
    if record_type == BETROKKENE.name:
        allowed = (allowed - set(GENERATED_FIELDS)) | set(IDENTITY_COLUMNS)
        sources = [(source, _without_empty_generated(table)) for source, table in sources]
    columns: list[str] = []
    for source, table in sources:
        extra = [c for c in table.column_names if c not in allowed]
        if extra:
            raise InputRefused(
                "kolom_onbekend",
                _("De invoer voor {soort} ({bestand}) bevat kolommen die niet in het "
                  "aanleverformaat staan: {kolommen}.").format(
                    soort=record_type, bestand=source.file.name, kolommen=", ".join(extra)),
                _("Een onbekende kolom kan persoonsgegevens bevatten en wordt daarom niet "
                  "doorgegeven. Pas de mapping aan zodat elke kolom een veld van het "
                  "aanleverformaat wordt of wordt weggelaten."),
            )
        columns += [c for c in table.column_names if c not in columns]
    parts = []
    for _source, table in sources:
        for name in columns:
            if name not in table.column_names:
                table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
        parts.append(table.select(columns).cast(pa.schema([(c, pa.string()) for c in columns])))
    return pa.concat_tables(parts)


def _check_required(record_type: RecordType, table: Any, files: str) -> None:
    skip = set(GENERATED_FIELDS)
    missing = [f.name for f in record_type.fields
               if f.required and f.name not in skip and f.name not in table.column_names]
    if missing:
        raise InputRefused(
            "kolom_ontbreekt",
            _("In de invoer voor {soort} ({bestand}) ontbreken de verplichte kolommen: "
              "{kolommen}.").format(soort=record_type.name, bestand=files,
                                    kolommen=", ".join(missing)),
            _("Pas de mapping aan zodat deze kolommen worden gevuld."),
        )


def _reference_dates(betrokkenen: Any, event: Any | None, event_type: RecordType) -> Any:
    """Reference date of each betrokkene's event (joined on bron_id), null if not found."""
    if event is None or event_type.reference_date is None:
        return pa.nulls(betrokkenen.num_rows, pa.string())
    keys = column(event, event_type.key[0])
    positions = pc.index_in(column(betrokkenen, "bron_id"), value_set=keys)
    return pc.take(column(event, event_type.reference_date), positions)


def _shape(record_type: RecordType, table: Any, generated: dict[str, Any]) -> Any:
    """The delivery table: exactly the schema's columns, in order; identity columns are gone."""
    columns = [generated[f.name] if f.name in generated else column(table, f.name)
               for f in record_type.fields]
    return pa.Table.from_arrays(columns, schema=delivery_arrow_schema(record_type.name))


def pseudonymise_tables(
    tables: Sequence[SourceTableLike],
    *,
    key: PseudonymKey,
    partner: str,
    period: Period,
    out_dir: Path,
    partner_type: str | None = None,
    created_at: datetime | None = None,
    bloom: bool = False,
) -> PseudonymiseResult:
    """Write one delivery per record type of the export; returns what was written and counted.

    ``bloom`` adds the hardened field-level Bloom filters (``identity.BLOOM_FIELDS``); without it
    those columns stay empty.
    """
    check_partner(partner)
    if not tables:
        raise InputRefused(
            "invoer_leeg",
            _("De invoer bevat geen gegevens om te pseudonimiseren."),
            _("Controleer het pad bij --invoer en de mapping."),
        )
    unknown = sorted({t.record_type for t in tables} - set(RECORD_TYPES))
    if unknown:
        raise InputRefused(
            "recordsoort_onbekend",
            _("Onbekende recordsoort in de invoer: {soorten}.").format(soorten=", ".join(unknown)),
            _("Kies uit: {namen}.").format(namen=", ".join(RECORD_TYPES)),
        )
    partner_type = partner_type or infer_partner_type(tables)
    if partner_type is None:
        raise InputRefused(
            "partnersoort_onbekend",
            _("Uit de invoer blijkt niet van welk soort partner de gegevens zijn."),
            _("Lever de berichten, incidenten, trajecten of casussen mee met de betrokkenen."),
        )
    event_type = EVENT_RECORD_TYPE[partner_type]
    grouped: dict[str, list[SourceTableLike]] = {}
    for source in tables:
        grouped.setdefault(source.record_type, []).append(source)
    combined = {name: _combine(name, group) for name, group in grouped.items()}
    for name, table in combined.items():  # refuse before anything is written
        _check_required(RECORD_TYPES[name], table, _files(grouped[name]))
    deliveries: list[DeliveryFiles] = []
    stats: TokenStats | None = None
    for name in sorted(combined, key=lambda n: n == BETROKKENE.name):
        record_type = RECORD_TYPES[name]
        table = combined[name]
        generated: dict[str, Any] = {}
        if name == BETROKKENE.name:
            references = _reference_dates(table, combined.get(event_type.name), event_type)
            generated, stats = tokenise_betrokkenen(table, key, references, bloom=bloom)
        lines = runs_of([(g.file.name, getattr(g, "row_numbers", None), g.table.num_rows)
                         for g in grouped[name]])
        written = write_delivery(
            with_runs(_shape(record_type, table, generated), lines), partner=partner,
            partner_type=partner_type,
            record_type=name, period=period, key_id=key.key_id, out_dir=out_dir,
            created_at=created_at,
        )
        sign_manifest(written.manifest_path, key)
        log.info("levering_geschreven", delivery_id=written.delivery_id, record_type=name,
                 rows=written.row_count, key_id=key.key_id)
        deliveries.append(written)
    return PseudonymiseResult(key_id=key.key_id, deliveries=deliveries, token_stats=stats)
