# SPDX-License-Identifier: EUPL-1.2
"""A replaced delivery can be restored from its files (``ingest --herstel``): it replaces the one
in force in one transaction, with a reason, and the ledger keeps the history in ``ledger_event``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ketenmonitor.core.errors import ExitCode
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import DeliveryFiles, write_delivery
from ketenmonitor.ingest.ledger_events import events

from .conftest import PARTNER_TYPE, build_table, count, flat, ledger, run_ingest, vt_row


def _vt(out: Path, rows: list[dict[str, Any]], day: int) -> DeliveryFiles:
    return write_delivery(
        build_table("vt_bericht", rows), partner="vt_haaglanden",
        partner_type=PARTNER_TYPE["vt_bericht"], record_type="vt_bericht",
        period=Period.parse("2024-H1"), key_id="0123456789abcdef", out_dir=out,
        created_at=datetime(2024, 8, day, tzinfo=UTC))


def _state(warehouse: Path) -> dict[str, tuple[str, int, str | None]]:
    return {e["delivery_id"]: (e["status"], e["rows_loaded"], e["replaced_by"])
            for e in ledger(warehouse)}


def test_a_replaced_delivery_is_restored_with_a_reason(tmp_path: Path, warehouse: Path) -> None:
    first = _vt(tmp_path / "eerste", [vt_row(i) for i in range(30)], day=10)
    second = _vt(tmp_path / "tweede", [vt_row(i) for i in range(25)], day=20)
    assert run_ingest(warehouse, str(tmp_path / "eerste")).exit_code == ExitCode.OK
    assert run_ingest(warehouse, str(tmp_path / "tweede")).exit_code == ExitCode.OK
    assert count(warehouse, "vt_bericht") == 25

    without_reason = run_ingest(warehouse, "--herstel", first.delivery_id, str(tmp_path))
    assert without_reason.exit_code == ExitCode.REFUSED
    assert "vereist een reden" in flat(without_reason.output)

    restored = run_ingest(warehouse, "--herstel", first.delivery_id, "--reden",
                          "tweede export miste rijen", str(tmp_path))
    assert restored.exit_code == ExitCode.OK, restored.output
    assert f"Levering {first.delivery_id} is hersteld" in flat(restored.output)
    assert count(warehouse, "vt_bericht") == 30
    assert _state(warehouse) == {
        first.delivery_id: ("geladen", 30, None),
        second.delivery_id: ("vervangen", 0 + 25, first.delivery_id),
    }
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (event,) = events(con)
        assert con.execute("SELECT count(*) FROM vt_bericht WHERE delivery_id = ?",
                           [first.delivery_id]).fetchall()[0][0] == 30
    assert (event.delivery_id, event.event, event.reason) == (
        first.delivery_id, "hersteld", "tweede export miste rijen")
    assert event.details == {"replaces": [second.delivery_id]}

    # and back again: the newer one is restored the same way
    again = run_ingest(warehouse, "--herstel", second.delivery_id, "--reden", "toch de tweede",
                       str(tmp_path))
    assert again.exit_code == ExitCode.OK, again.output
    assert count(warehouse, "vt_bericht") == 25


def test_only_a_replaced_delivery_with_its_files_can_be_restored(tmp_path: Path,
                                                                  warehouse: Path) -> None:
    first = _vt(tmp_path / "eerste", [vt_row(i) for i in range(30)], day=10)
    _vt(tmp_path / "tweede", [vt_row(i) for i in range(25)], day=20)
    assert run_ingest(warehouse, str(tmp_path / "eerste")).exit_code == ExitCode.OK
    in_force = run_ingest(warehouse, "--herstel", first.delivery_id, "--reden", "x",
                          str(tmp_path))
    assert in_force.exit_code == ExitCode.REFUSED
    assert "is niet vervangen (status geladen)" in flat(in_force.output)
    assert run_ingest(warehouse, str(tmp_path / "tweede")).exit_code == ExitCode.OK
    missing = run_ingest(warehouse, "--herstel", first.delivery_id, "--reden", "x",
                         str(tmp_path / "tweede"))
    assert missing.exit_code == ExitCode.REFUSED
    assert "staan niet in" in flat(missing.output)
    unknown = run_ingest(warehouse, "--herstel", "onbekend", "--reden", "x", str(tmp_path))
    assert unknown.exit_code == ExitCode.REFUSED
    assert "Traceback" not in unknown.output
    assert count(warehouse, "vt_bericht") == 25
