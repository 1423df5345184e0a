# SPDX-License-Identifier: EUPL-1.2
"""Retention (``ketenmonitor opschonen``): a dry run by default; with --uitvoeren the deliveries
past retention lose their rows, tokens, quarantine rows and files, keep a ``verwijderd`` ledger
row with a ``ledger_event``, and the stable-id register is left alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner, Result

import ketenmonitor.cli.opschonen  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.core.errors import ExitCode
from ketenmonitor.delivery.files import DeliveryFiles
from ketenmonitor.ingest import ingest_paths
from ketenmonitor.ingest.ledger_events import events
from ketenmonitor.ingest.retention import months_before
from ketenmonitor.warehouse import connect

from .conftest import betrokkene_row, count, flat, ledger, vt_row, write


def _opschonen(warehouse: Path, *args: str, env: dict[str, str | None] | None = None
               ) -> Result:
    return CliRunner().invoke(
        app, ["opschonen", "--warehouse", str(warehouse), "--peildatum", "2026-01-15", *args],
        env={"COLUMNS": "250", "KETENMONITOR_BEWAARTERMIJN_MAANDEN": None, **(env or {})})


@pytest.fixture
def loaded(tmp_path: Path, warehouse: Path) -> tuple[DeliveryFiles, DeliveryFiles, Path]:
    folder = tmp_path / "leveringen"
    old = write(folder / "2019", "vt_bericht",
                [vt_row(i, datum_ontvangst="2019-03-01", datum_afsluiting="2019-04-01")
                 for i in range(9)] + [vt_row(9, datum_ontvangst="2024-03-01")],  # 1 quarantined
                period="2019-H1")
    tokens = write(folder / "2019", "betrokkene", [betrokkene_row(i) for i in range(6)],
                   period="2019-H1")
    write(folder / "2024", "vt_bericht", [vt_row(i) for i in range(7)])
    con = connect(warehouse)
    try:
        ingest_paths([folder / "2019", folder / "2024"], con=con, workers=1,
                     today=date(2024, 9, 1))
        con.execute("CREATE TABLE link_persoon_register AS SELECT 'vt' AS partner, "
                    "'VT-1' AS bron_id, 1 AS volgnummer, 'P1' AS persoon_id, "
                    "TIMESTAMP '2019-07-01' AS first_seen")
    finally:
        con.close()
    return old, tokens, folder


def test_months_before() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 60) == date(2021, 1, 15)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_without_a_retention_period_nothing_happens(loaded: object, warehouse: Path) -> None:
    result = _opschonen(warehouse, "--uitvoeren")
    assert result.exit_code == ExitCode.REFUSED
    assert "KETENMONITOR_BEWAARTERMIJN_MAANDEN" in flat(result.output)
    assert "Traceback" not in result.output
    assert count(warehouse, "vt_bericht") == 16


def test_dry_run_then_removal_with_ledger_entry(
        loaded: tuple[DeliveryFiles, DeliveryFiles, Path], warehouse: Path) -> None:
    old, tokens, folder = loaded
    before = ledger(warehouse)
    assert sorted((e["rows_loaded"], e["rows_quarantined"]) for e in before) == [
        (6, 0), (7, 0), (9, 1)]

    dry = _opschonen(warehouse, "--leveringen", str(folder),
                     env={"KETENMONITOR_BEWAARTERMIJN_MAANDEN": "60"})
    assert dry.exit_code == ExitCode.OK, dry.output
    assert "Proefdraai: er is niets verwijderd" in flat(dry.output)
    assert old.delivery_id in dry.output and tokens.delivery_id in dry.output
    assert ledger(warehouse) == before
    assert old.parquet_path.is_file()

    done = _opschonen(warehouse, "--bewaartermijn", "60", "--leveringen", str(folder),
                      "--uitvoeren", "--reden", "halfjaarlijkse opschoning")
    assert done.exit_code == ExitCode.OK, done.output
    assert "2 leveringen verwijderd (15 rijen)" in flat(done.output)
    assert count(warehouse, "vt_bericht") == 7 and count(warehouse, "betrokkene") == 0
    assert count(warehouse, "quarantine") == 0
    assert {e["delivery_id"]: e["status"] for e in ledger(warehouse)} == {
        old.delivery_id: "verwijderd", tokens.delivery_id: "verwijderd",
        before[-1]["delivery_id"]: "geladen"}
    assert not old.parquet_path.exists() and not old.manifest_path.exists()
    assert not tokens.parquet_path.exists()
    assert (folder / "2024").is_dir() and any((folder / "2024").iterdir())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        logged = {(e.delivery_id, e.event, e.reason, e.details["rows"]) for e in events(con)}
        register = con.execute("SELECT * FROM link_persoon_register").fetchall()
    assert logged == {(old.delivery_id, "verwijderd", "halfjaarlijkse opschoning", 9),
                      (tokens.delivery_id, "verwijderd", "halfjaarlijkse opschoning", 6)}
    assert len(register) == 1  # stable ids survive: no person is renumbered

    again = _opschonen(warehouse, "--bewaartermijn", "60", "--uitvoeren")
    assert again.exit_code == ExitCode.OK and "Geen leveringen om te verwijderen" in again.output
