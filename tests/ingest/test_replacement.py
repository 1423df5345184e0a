# SPDX-License-Identifier: EUPL-1.2
"""Replacement by explicit rules: an older export, an empty delivery over a full one and a future
period are refused (exit 2, warehouse unchanged) unless the operator lifts that rule with a
reason; a delivery whose rows are all quarantined is "niets geladen", never "deels geladen"; and
partner values reach the terminal without control characters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.core.faults import printable
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import DeliveryFiles, write_delivery
from ketenmonitor.ingest import ingest_paths
from ketenmonitor.ingest.replacement import Allowance, Rule

from .conftest import PARTNER_TYPE, build_table, flat, ledger, run_ingest, vt_row

TODAY = date(2024, 9, 1)


def _vt(out: Path, rows: list[dict[str, Any]], day: int, period: str = "2024-H1"
        ) -> DeliveryFiles:
    return write_delivery(
        build_table("vt_bericht", rows), partner="vt_haaglanden",
        partner_type=PARTNER_TYPE["vt_bericht"], record_type="vt_bericht",
        period=Period.parse(period), key_id="0123456789abcdef", out_dir=out,
        created_at=datetime(2024, 8, day, tzinfo=UTC))


def _in_force(warehouse: Path) -> list[tuple[int, str]]:
    return [(e["rows_in"], e["status"]) for e in ledger(warehouse)]


def test_older_export_never_replaces_a_newer_one(tmp_path: Path, warehouse: Path) -> None:
    _vt(tmp_path / "nieuw", [vt_row(i) for i in range(30)], day=20)
    _vt(tmp_path / "oud", [vt_row(i) for i in range(29)], day=10)
    assert run_ingest(warehouse, str(tmp_path / "nieuw")).exit_code == ExitCode.OK
    result = run_ingest(warehouse, str(tmp_path / "oud"))
    assert result.exit_code == ExitCode.REFUSED
    assert "een oudere export vervangt nooit een nieuwere" in flat(result.output)
    assert "--toestaan ouder --reden" in flat(result.output)
    assert _in_force(warehouse) == [(30, "geladen")]
    refused = run_ingest(warehouse, "--toestaan", "ouder", str(tmp_path / "oud"))
    assert refused.exit_code == ExitCode.REFUSED and "vereist een reden" in flat(refused.output)
    allowed = run_ingest(warehouse, "--toestaan", "ouder", "--reden", "nieuwe export was fout",
                         str(tmp_path / "oud"))
    assert allowed.exit_code == ExitCode.OK, allowed.output
    assert _in_force(warehouse) == [(30, "vervangen"), (29, "geladen")]


def test_newer_export_replaces_an_older_one(tmp_path: Path, warehouse: Path) -> None:
    _vt(tmp_path / "oud", [vt_row(i) for i in range(29)], day=10)
    _vt(tmp_path / "nieuw", [vt_row(i) for i in range(30)], day=20)
    assert run_ingest(warehouse, str(tmp_path / "oud")).exit_code == ExitCode.OK
    assert run_ingest(warehouse, str(tmp_path / "nieuw")).exit_code == ExitCode.OK
    assert _in_force(warehouse) == [(29, "vervangen"), (30, "geladen")]


def test_empty_delivery_never_replaces_a_full_one(tmp_path: Path, warehouse: Path) -> None:
    _vt(tmp_path / "vol", [vt_row(i) for i in range(30)], day=10)
    _vt(tmp_path / "leeg", [], day=20)
    assert run_ingest(warehouse, str(tmp_path / "vol")).exit_code == ExitCode.OK
    result = run_ingest(warehouse, str(tmp_path / "leeg"))
    assert result.exit_code == ExitCode.REFUSED
    assert "bevat geen rijen en zou de geladen levering" in flat(result.output)
    assert _in_force(warehouse) == [(30, "geladen")]


def test_future_period_is_refused(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    _vt(tmp_path / "later", [vt_row(i) for i in range(3)], day=10, period="2025-H1")
    report = ingest_paths([tmp_path / "later"], con=con, today=TODAY)
    (result,) = report.results
    assert isinstance(result.error, InputRefused)
    assert result.error.code == "periode_in_toekomst"
    assert report.exit_code == ExitCode.REFUSED
    assert con.execute("SELECT count(*) FROM ledger").fetchall() == [(0,)]
    allowance = Allowance(frozenset({Rule.TOEKOMST}), "proeflevering")
    (allowed,) = ingest_paths([tmp_path / "later"], con=con, today=TODAY,
                              allowance=allowance).results
    assert allowed.rows_in == 3 and allowed.error is None


def test_all_rows_quarantined_is_niets_geladen(tmp_path: Path, warehouse: Path) -> None:
    _vt(tmp_path / "fout", [vt_row(i, gemeente="GM9999") for i in range(3)], day=10)
    result = run_ingest(warehouse, str(tmp_path / "fout"))
    assert result.exit_code == ExitCode.REFUSED
    text = flat(result.output)
    assert "niets geladen (alle rijen in quarantaine)" in text
    assert "deels geladen" not in text
    assert _in_force(warehouse) == [(3, "niets_geladen")]


def test_partner_values_are_printed_without_control_characters(
        tmp_path: Path, warehouse: Path) -> None:
    evil = "GM\x1b[2J\x1b]0;gehackt\x07\x00\u202e"
    _vt(tmp_path / "kwaad", [vt_row(1), vt_row(2, gemeente=evil)], day=10)
    result = run_ingest(warehouse, str(tmp_path / "kwaad"))
    assert result.exit_code == ExitCode.PARTIAL
    for raw in ("\x1b", "\x00", "\x07", "\u202e"):
        assert raw not in result.output
    assert "\\x1b[2J" in result.output
    delivery = ledger(warehouse)[0]["delivery_id"]
    shown = run_ingest(warehouse, "--quarantaine", delivery)
    assert "\x1b" not in shown.output and "\x00" not in shown.output


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b[31mb", "a\\x1b[31mb"), ("nul\x00", "nul\\x00"), ("x\u202ey", "x\\u202ey"),
    ("regel\nvolgende", "regel volgende"), ("gewoon tekst é", "gewoon tekst é")])
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown
