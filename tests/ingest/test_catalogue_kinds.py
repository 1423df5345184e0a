# SPDX-License-Identifier: EUPL-1.2
"""Deliveries of the partner kinds the source catalogue added (ADR 0023) load like the old ones:
every row loaded, quarantined with a reason, or held back, and the ledger balances."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ketenmonitor.codes import code_list
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.catalogue import builtin_catalogue
from ketenmonitor.delivery.files import write_delivery
from ketenmonitor.delivery.schema import FieldType, RecordType

from .conftest import assert_balanced, betrokkene_row, build_table, ledger, run_ingest

NEW_KINDS = ("vrouwenopvang", "jeugdbescherming", "reclassering", "raad_kinderbescherming")


def event_row(record: RecordType, i: int) -> dict[str, Any]:
    """A valid row with every required field (and nothing else)."""
    row: dict[str, Any] = {}
    for f in record.fields:
        if not f.required:
            continue
        if f.type is FieldType.GEMEENTE:
            row[f.name] = "GM0518"
        elif f.type is FieldType.DATE:
            row[f.name] = f"2024-03-{i:02d}"
        elif f.type in (FieldType.CODE, FieldType.CODES):
            row[f.name] = code_list(str(f.code_list)).codes[0]
        else:
            row[f.name] = f"{record.name}-{i}"
    return row


def test_deliveries_of_the_new_kinds_are_loaded_quarantined_or_held_back(
        deliveries: Path, warehouse: Path) -> None:
    code_fields = {}
    for kind_id in NEW_KINDS:
        record = builtin_catalogue()[kind_id].record_type
        code_field = next(f.name for f in record.fields if f.required and f.type is FieldType.CODE)
        code_fields[record.name] = code_field
        rows = [event_row(record, i) for i in (1, 2, 3)]
        rows[2][code_field] = "BESTAAT_NIET"  # quarantined: unknown code
        key = record.key[0]
        persons = [betrokkene_row(n, bron_id=rows[n][key]) for n in range(3)]
        for name, table in ((record.name, build_table(record.name, rows)),
                            ("betrokkene", build_table("betrokkene", persons))):
            write_delivery(table, partner=f"{kind_id}_zuid", partner_type=kind_id,
                           record_type=name, period=Period.parse("2024-H1"),
                           key_id="0123456789abcdef", out_dir=deliveries)
    result = run_ingest(warehouse, str(deliveries))
    assert result.exit_code == 1, result.output  # rows quarantined
    assert_balanced(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = dict(con.execute(
            "SELECT record_type || ':' || partner, "
            "(rows_in, rows_loaded, rows_quarantined, rows_held_back) FROM ledger").fetchall())
        reasons = con.execute("SELECT DISTINCT l.record_type, q.reason_code, q.field "
                              "FROM quarantine q JOIN ledger l USING (delivery_id)").fetchall()
        loaded = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                  for name in code_fields}
    for kind_id in NEW_KINDS:
        record = builtin_catalogue()[kind_id].record_type
        assert counts[f"{record.name}:{kind_id}_zuid"] == (3, 2, 1, 0)
        # the person of the quarantined event is held back, not loaded as an orphan
        assert counts[f"betrokkene:{kind_id}_zuid"] == (3, 2, 0, 1)
    assert sorted(reasons) == sorted((name, "code_onbekend", field)
                                     for name, field in code_fields.items())
    assert loaded == dict.fromkeys(code_fields, 2)
    assert {e["status"] for e in ledger(warehouse)} == {"deels_geladen", "geladen"}
