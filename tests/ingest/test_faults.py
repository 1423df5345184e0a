# SPDX-License-Identifier: EUPL-1.2
"""Fault injection for ingest and pseudonymise: a wrong warehouse, a lock, a read-only file
system, a full disk, an unforeseen error and ``kill -9``. Each ends with a Dutch message and an
exit code other than 1 ("deels geladen"), never a traceback, and leaves the warehouse unchanged.

A full or read-only disk is a real small tmpfs when we run as root and may mount; otherwise it is
simulated by making the write fail with the error the system would give.
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.pseudonymise  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.core.errors import ExitCode
from ketenmonitor.ingest import service

from .conftest import betrokkene_row, flat, ledger, run_ingest, vt_row, write


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_delivery(deliveries: Path) -> Path:
    write(deliveries, "vt_bericht", [vt_row(i) for i in range(20)])
    return deliveries


def _mount_tmpfs(target: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                          capture_output=True, check=False)
    return done.returncode == 0


def _unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 1 MiB tmpfs, or ``None`` when it cannot be mounted (the tests then simulate)."""
    target = tmp_path / "klein"
    mounted = _mount_tmpfs(target, "size=1m")
    yield target if mounted else None
    if mounted:
        _unmount(target)


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output
    assert 'File "' not in output


def test_warehouse_that_is_a_folder(tmp_path: Path, deliveries: Path) -> None:
    folder = tmp_path / "map.duckdb"
    folder.mkdir()
    result = run_ingest(folder, str(_one_delivery(deliveries)))
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "is geen warehouse (een map of een bestand dat geen DuckDB-database is)" in flat(
        result.output)
    _no_traceback(result.output)
    assert list(folder.iterdir()) == []


def test_warehouse_that_is_not_duckdb(tmp_path: Path, deliveries: Path) -> None:
    other = tmp_path / "notities.duckdb"
    other.write_text("geen database\n" * 200)
    before = _digest(other)
    result = run_ingest(other, str(_one_delivery(deliveries)))
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "is geen warehouse" in flat(result.output)
    assert _digest(other) == before


@pytest.mark.parametrize("kind", ["map", "symlink"])
def test_folder_or_broken_symlink_named_like_a_manifest(
        warehouse: Path, deliveries: Path, kind: str) -> None:
    target = deliveries / "vt_haaglanden_vt_bericht_2024-H1.manifest.json"
    if kind == "map":
        target.mkdir()
    else:
        target.symlink_to(deliveries / "weg.json")
    result = run_ingest(warehouse, str(deliveries))
    assert result.exit_code == ExitCode.REFUSED
    assert "heeft de naam van een manifest, maar is een" in flat(result.output)
    _no_traceback(result.output)


def test_second_ingest_while_one_runs(warehouse: Path, deliveries: Path) -> None:
    _one_delivery(deliveries)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(warehouse)!r})
            print("klaar", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "klaar"
        result = run_ingest(warehouse, str(deliveries))
    finally:
        holder.communicate("")
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "is in gebruik door een ander proces (bijvoorbeeld een tweede ingest)" in flat(
        result.output)
    assert run_ingest(warehouse, str(deliveries)).exit_code == ExitCode.OK  # after the lock


def test_read_only_warehouse(tmp_path: Path, warehouse: Path, deliveries: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_ingest(warehouse, str(_one_delivery(deliveries))).exit_code == ExitCode.OK
    write(deliveries, "vt_bericht", [vt_row(i) for i in range(21)])
    target = tmp_path / "ro"
    if _mount_tmpfs(target, "size=8m"):
        try:
            copy = target / warehouse.name
            copy.write_bytes(warehouse.read_bytes())
            subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
            before = _digest(copy)
            result = run_ingest(copy, str(deliveries))
            assert _digest(copy) == before
        finally:
            _unmount(target)
    else:
        real = duckdb.connect

        def read_only(path: str, *args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
            if not kwargs.get("read_only"):
                raise duckdb.IOException(f'Cannot open file "{path}": Read-only file system')
            return real(path, *args, **kwargs)

        monkeypatch.setattr(duckdb, "connect", read_only)
        result = run_ingest(warehouse, str(deliveries))
        monkeypatch.undo()
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "kan niet gelezen of niet geschreven worden (alleen-lezen, onveranderbaar of geen " \
        "rechten)" in flat(result.output)
    assert [e["rows_in"] for e in ledger(warehouse)] == [20]


def test_disk_full_during_ingest_leaves_the_warehouse_unchanged(
        warehouse: Path, deliveries: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB reports the full disk and then masks it while rolling back; both are seen."""
    assert run_ingest(warehouse, str(_one_delivery(deliveries))).exit_code == ExitCode.OK
    write(deliveries, "vt_bericht", [vt_row(i) for i in range(21)])
    real = service.commit_delivery

    def full(*args: Any, **kwargs: Any) -> int:
        def fail() -> None:
            raise duckdb.IOException("Could not write file: No space left on device")

        try:
            return real(*args[:4], fail)
        except duckdb.IOException:
            raise duckdb.TransactionException(
                "cannot rollback - no transaction is active") from None

    monkeypatch.setattr(service, "commit_delivery", full)
    result = run_ingest(warehouse, str(deliveries))
    monkeypatch.undo()
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "De schijf is vol; er is niets geladen of geschreven." in flat(result.output)
    _no_traceback(result.output)
    assert [(e["rows_in"], e["status"]) for e in ledger(warehouse)] == [(20, "geladen")]


def test_disk_full_on_a_real_small_disk(small_disk: Path | None, deliveries: Path) -> None:
    if small_disk is None:
        pytest.skip("geen tmpfs (niet root); de gesimuleerde variant hierboven draait wel")
    write(deliveries, "betrokkene", [betrokkene_row(i) for i in range(20_000)])
    result = run_ingest(small_disk / "warehouse.duckdb", str(deliveries))
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "De schijf is vol" in flat(result.output)
    _no_traceback(result.output)


def _pseudonymise(export: Path, out: Path, key: Path) -> Any:
    return CliRunner().invoke(app, [
        "pseudonymise", "--mapping", "veilig_thuis", "--invoer", str(export), "--periode",
        "2024-H1", "--partner", "vt_haaglanden", "--uitvoer", str(out), "--sleutelbestand",
        str(key)], env={"COLUMNS": "250"})


def test_disk_full_during_pseudonymise_leaves_no_tmp(
        tmp_path: Path, small_disk: Path | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from ketenmonitor.simulate import SimulationConfig, run_simulation

    run_simulation(SimulationConfig(regio="haaglanden", van=2024, tot=2024, schaal=0.003,
                                    seed=7), tmp_path / "sim")
    source = tmp_path / "sim" / "exports" / "veilig_thuis" / "2024-H1"
    key = tmp_path / "sleutel.hex"
    assert CliRunner().invoke(app, ["sleutel", "maken", "--uitvoer", str(key)]).exit_code == 0
    if small_disk is not None:
        (small_disk / "vol").write_bytes(b"\0" * (1024 * 1024 - 8192))  # leave ~8 KiB
        out = small_disk / "leveringen"
    else:
        out = tmp_path / "leveringen"

        def no_space(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", no_space)
    result = _pseudonymise(source, out, key)
    monkeypatch.undo()
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "De schijf is vol" in flat(result.output)
    _no_traceback(result.output)
    assert not list(out.glob("*.tmp")) if out.exists() else True
    assert not list(out.glob("*.parquet")) if out.exists() else True


def test_unforeseen_error_exits_4_with_traceback_only_in_the_log(
        warehouse: Path, deliveries: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("iets onverwachts")

    monkeypatch.setattr("ketenmonitor.cli.ingest.ingest_paths", boom)
    result = run_ingest(warehouse, str(_one_delivery(deliveries)))
    assert result.exit_code == ExitCode.INTERNAL
    text = flat(result.output)
    assert "Interne fout (RuntimeError); er is niets half geladen of geschreven." in text
    _no_traceback(result.output)
    log = Path(text.split("De technische details staan in ")[1].split(".log")[0] + ".log")
    try:
        assert "Traceback" in log.read_text(encoding="utf-8")
        assert log.stat().st_mode & 0o077 == 0
    finally:
        log.unlink()


def _killed_ingest(warehouse: Path, deliveries: Path) -> int:
    """Run an ingest in a subprocess that kills itself with SIGKILL just before COMMIT."""
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from ketenmonitor.delivery.manifest import find_deliveries
        from ketenmonitor.ingest import ingest_delivery
        from ketenmonitor.warehouse import connect
        con = connect(Path({str(warehouse)!r}))
        path = find_deliveries([Path({str(deliveries)!r})])[0]
        ingest_delivery(con, path, before_commit=lambda: os.kill(os.getpid(), signal.SIGKILL))
    """)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", script], env=env, check=False).returncode


def test_kill_9_then_rerun_gives_the_clean_result(tmp_path: Path, deliveries: Path) -> None:
    _one_delivery(deliveries)
    killed, clean = tmp_path / "gedood.duckdb", tmp_path / "schoon.duckdb"
    assert _killed_ingest(killed, deliveries) == -9
    assert run_ingest(killed, str(deliveries)).exit_code == ExitCode.OK
    assert run_ingest(clean, str(deliveries)).exit_code == ExitCode.OK

    def content(path: Path) -> tuple[Any, ...]:
        with duckdb.connect(str(path), read_only=True) as con:
            return (
                con.execute("SELECT * EXCLUDE (loaded_at) FROM ledger ORDER BY 1").fetchall(),
                con.execute("SELECT * FROM vt_bericht ORDER BY ALL").fetchall(),
                con.execute("SELECT count(*) FROM quarantine").fetchall())

    assert content(killed) == content(clean)


def test_unreadable_export_is_an_environment_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable, so the refusal of the operating system is simulated."""
    from ketenmonitor.simulate import SimulationConfig, run_simulation
    from ketenmonitor.sources import csv_reader

    run_simulation(SimulationConfig(regio="haaglanden", van=2024, tot=2024, schaal=0.002,
                                    seed=3), tmp_path / "sim")
    source = tmp_path / "sim" / "exports" / "veilig_thuis" / "2024-H1"
    key = tmp_path / "sleutel.hex"
    assert CliRunner().invoke(app, ["sleutel", "maken", "--uitvoer", str(key)]).exit_code == 0

    def unreadable(path: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(csv_reader, "check_utf8", unreadable)
    result = _pseudonymise(source, tmp_path / "leveringen", key)
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "Geen toegang tot" in flat(result.output) and "VT_" in flat(result.output)
    _no_traceback(result.output)
