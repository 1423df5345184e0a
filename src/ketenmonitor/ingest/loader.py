# SPDX-License-Identifier: EUPL-1.2
"""The one-transaction load of a staged delivery into the warehouse.

In ONE transaction: rows of a delivery this one replaces are removed and its ledger entry
marked ``vervangen``, the good rows are inserted with their warehouse types (betrokkenen
without a loaded event into the held-back table), the bad rows go to ``quarantine`` and the
ledger entry (with its key fingerprint in ``ledger_key``) is written. Any failure rolls all of
it back. Staging and validation are in :mod:`ketenmonitor.ingest.staging`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ketenmonitor.delivery.checks import CheckedDelivery
from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType
from ketenmonitor.ingest.held_back import TABLE as HELD_BACK
from ketenmonitor.ingest.held_back import has_event_sql
from ketenmonitor.ingest.sqltext import ident
from ketenmonitor.ingest.staging import MAX_RUNS_INLINE, Reference, Staging, Validation, one_row

__all__ = ["HELD_BACK_OF", "LOAD_CASTS", "MAX_RUNS_INLINE", "Committed", "Reference", "Staging",
           "Validation", "check_balance", "commit_delivery"]

LOAD_CASTS: dict[FieldType, str] = {
    FieldType.TEXT: "{c}",
    FieldType.DATE: "CAST({c} AS DATE)",
    FieldType.BOOL: "({c} = 'true')",
    FieldType.INT: "CAST({c} AS INTEGER)",
    FieldType.DECIMAL: "CAST({c} AS DECIMAL(9, 2))",
    FieldType.CODE: "{c}",
    FieldType.CODES: "list_transform(string_split({c}, '|'), lambda x: trim(x))",
    FieldType.GEMEENTE: "{c}",
    FieldType.TOKEN: "{c}",
    FieldType.BLOOM: "{c}",
}
HELD_BACK_OF = "betrokkene"  # the record type whose rows can be held back


def check_balance(rows_in: int, loaded: int, quarantined: int, held_back: int = 0) -> None:
    """rows in = loaded + quarantined + held back, always; anything else is a bug, never data."""
    if rows_in != loaded + quarantined + held_back:
        raise AssertionError(
            f"rijen in ({rows_in}) != geladen ({loaded}) + quarantaine ({quarantined}) "
            f"+ achtergehouden ({held_back})")


@dataclass(frozen=True)
class Committed:
    """Rows of a committed delivery in its record table and, for betrokkenen, held back."""

    loaded: int
    held_back: int


def commit_delivery(
    staging: Staging,
    checked: CheckedDelivery,
    validation: Validation,
    replaces: list[str],
    before_commit: Callable[[], None] | None = None,
    restoring: bool = False,
) -> Committed:
    """Load good rows, quarantine and ledger entry in one transaction.

    Good betrokkene rows whose event is not loaded go to the held-back table instead
    (:mod:`ketenmonitor.ingest.held_back`). ``restoring``: the delivery was loaded before and
    replaced; its old ledger entry, key and quarantine rows make way for the new ones (the
    history is in ``ledger_event``)."""
    con = staging.con
    manifest = checked.manifest
    record_type = RECORD_TYPES[manifest.record_type]
    table = ident(record_type.name)
    names = ", ".join(ident(f.name) for f in record_type.fields)
    casts = ", ".join(LOAD_CASTS[f.type].format(c=ident(f.name)) for f in record_type.fields)
    con.begin()
    try:
        if restoring:
            for dependent in ("quarantine", "ledger_key", "ledger"):
                con.execute(f"DELETE FROM {dependent} WHERE delivery_id = ?",
                            [manifest.delivery_id])
        for old in replaces:
            con.execute(f"DELETE FROM {table} WHERE delivery_id = ?", [old])
            if record_type.name == HELD_BACK_OF:
                con.execute(f"DELETE FROM {HELD_BACK} WHERE delivery_id = ?", [old])
            con.execute("UPDATE ledger SET status = 'vervangen', replaced_by = ? "
                        "WHERE delivery_id = ?", [manifest.delivery_id, old])
        clean = validation.messages == 0  # no error table (see Staging.validate)
        good = f"FROM {staging.stage} s WHERE " + (
            "true" if clean else
            f"NOT EXISTS (SELECT 1 FROM {staging.errors} e WHERE e.rij = s._rij)")
        has_event = "true"
        if record_type.name == HELD_BACK_OF:
            bron_id = next(f for f in record_type.fields if f.name == "bron_id")
            has_event = has_event_sql(manifest.partner, str(manifest.partner_type),
                                      LOAD_CASTS[bron_id.type].format(c="s.bron_id"))
            (missing,) = one_row(con, f"SELECT count(*) {good} AND NOT {has_event}")
            if not missing:  # the usual case: no join while inserting the wide rows
                has_event = "true"
        # a plain scan of the stage keeps its (row) order; a join or anti-join may not
        order = "" if clean and has_event == "true" else "ORDER BY s._rij"
        (loaded,) = one_row(con, (
            f"INSERT INTO {table} (delivery_id, partner, {names}) SELECT ?, ?, {casts} "
            f"{good} AND {has_event} {order}"
        ), [manifest.delivery_id, manifest.partner])
        held = 0
        if has_event != "true":
            (held,) = one_row(con, (
                f"INSERT INTO {HELD_BACK} (delivery_id, partner, {names}) SELECT ?, ?, {casts} "
                f"{good} AND NOT {has_event} ORDER BY s._rij"
            ), [manifest.delivery_id, manifest.partner])
        if not clean:
            con.execute(
                "INSERT INTO quarantine (delivery_id, row_number, reason_code, field, message, "
                "record_key, source_file, source_line) SELECT ?, rij, reden, veld, bericht, "
                f"sleutel, bestand, regel FROM {staging.errors} ORDER BY rij, volgorde",
                [manifest.delivery_id])
        check_balance(validation.rows_in, loaded, validation.rows_quarantined, held)
        status = ("geladen" if validation.rows_quarantined == 0
                  else "deels_geladen" if loaded else "niets_geladen")
        con.execute(
            "INSERT INTO ledger (delivery_id, partner, partner_type, record_type, period, "
            "checksum, schema_version, file_name, rows_in, rows_loaded, rows_quarantined, "
            "rows_held_back, status, replaced_by, loaded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
            [manifest.delivery_id, manifest.partner, str(manifest.partner_type),
             manifest.record_type, manifest.period.code, manifest.checksum,
             manifest.schema_version, checked.parquet_path.name, validation.rows_in, loaded,
             validation.rows_quarantined, held, status, datetime.now(UTC).replace(tzinfo=None)],
        )
        con.execute("INSERT INTO ledger_key (delivery_id, key_id, rekeyed) VALUES (?, ?, ?)",
                    [manifest.delivery_id, manifest.key_id, manifest.rekeyed])
        if before_commit is not None:
            before_commit()
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return Committed(loaded, held)
