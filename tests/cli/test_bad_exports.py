# SPDX-License-Identifier: EUPL-1.2
"""Bad partner exports through the real ``ketenmonitor pseudonymise`` command.

Each case asserts the exact Dutch message, the exit code and that nothing was delivered, so
rows in (0 accepted) = loaded (0) + quarantined (0). Row-level cases (unknown gemeente, invalid
or future date, unknown code, duplicates) pass pseudonymisation and are quarantined by ingest:
``tests/ingest/test_bad_input.py`` covers them, and the last test here runs one end to end.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ketenmonitor.cli.app import app
from ketenmonitor.simulate import SimulationConfig, run_simulation

PERIOD = "2024-H1"


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim")
    run_simulation(SimulationConfig(regio="haaglanden", van=2023, tot=2024, schaal=0.005, seed=7), out)
    return out / "exports" / "veilig_thuis" / PERIOD


@pytest.fixture()
def case(tmp_path: Path, export_dir: Path) -> Path:
    target = tmp_path / "export"
    shutil.copytree(export_dir, target)
    return target


@pytest.fixture()
def run(tmp_path: Path) -> Callable[[Path], tuple[int, str, Path]]:
    key_dir = tmp_path / "sleutel"
    key_dir.mkdir()
    runner = CliRunner()
    key = key_dir / "sleutel.hex"
    assert runner.invoke(app, ["sleutel", "maken", "--uitvoer", str(key)]).exit_code == 0

    def invoke(export: Path) -> tuple[int, str, Path]:
        out = tmp_path / "leveringen"
        result = runner.invoke(app, [
            "pseudonymise", "--mapping", "veilig_thuis", "--invoer", str(export), "--periode",
            PERIOD, "--partner", "vt_haaglanden", "--uitvoer", str(out), "--sleutelbestand", str(key),
        ])
        return result.exit_code, " ".join(result.output.split()), out

    return invoke


def _berichten(export: Path) -> Path:
    return next(export.glob("*berichten*"))


def _rewrite(path: Path, change: Callable[[str], str], encoding: str = "utf-8") -> None:
    path.write_bytes(change(path.read_text(encoding="utf-8")).encode(encoding))


def _assert_refused(result: tuple[int, str, Path], message: str) -> None:
    code, output, out = result
    assert code == 2, output
    assert message in output
    assert not out.exists() or not list(out.glob("*.parquet"))


def test_wrong_delimiter(case: Path, run: Callable[[Path], tuple[int, str, Path]]) -> None:
    path = _berichten(case)
    _rewrite(path, lambda t: t.replace(";", ","))
    _assert_refused(run(case), f"Het bestand {path.name} gebruikt niet het scheidingsteken ';' "
                               "dat de mapping verwacht.")


def test_latin1(case: Path, run: Callable[[Path], tuple[int, str, Path]]) -> None:
    path = next(case.glob("*betrokkenen*"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(";", ";José ", 1)
    path.write_bytes("".join(lines).encode("latin-1"))
    _assert_refused(run(case), f"Het bestand {path.name} is niet in UTF-8 gecodeerd")


def test_bom_is_accepted(case: Path, run: Callable[[Path], tuple[int, str, Path]]) -> None:
    path = _berichten(case)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, output, out = run(case)
    assert code == 0, output
    assert len(list(out.glob("*.parquet"))) == 2


def test_missing_column(case: Path, run: Callable[[Path], tuple[int, str, Path]]) -> None:
    path = _berichten(case)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    _rewrite(path, lambda t: t.replace(header, header.replace("Registratienummer", "Volgnr", 1), 1))
    _assert_refused(run(case), f"In het bestand {path.name} ontbreken kolommen die de mapping "
                               "verwacht: 'Registratienummer'.")


def test_extra_column(case: Path, run: Callable[[Path], tuple[int, str, Path]]) -> None:
    path = _berichten(case)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ';"Opmerking"'] + [line + ';"vrije tekst"' for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _assert_refused(run(case), f"Het bestand {path.name} bevat kolommen die niet in de mapping "
                               "staan: 'Opmerking'.")


def test_empty_file(case: Path, run: Callable[[Path], tuple[int, str, Path]]) -> None:
    path = _berichten(case)
    path.write_bytes(b"")
    _assert_refused(run(case), f"Het bestand {path.name} is leeg.")


def test_unknown_gemeente_is_quarantined_by_ingest(
    case: Path, run: Callable[[Path], tuple[int, str, Path]], tmp_path: Path
) -> None:
    path = _berichten(case)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("GM0", "GM9", 1)
    path.write_text("".join(lines), encoding="utf-8")
    code, output, out = run(case)
    assert code == 0, output
    warehouse = tmp_path / "wh.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(out), "--warehouse", str(warehouse)])
    assert result.exit_code == 1
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT rows_in, rows_loaded, rows_quarantined FROM ledger "
                       "WHERE record_type = 'vt_bericht'").fetchall()
    reasons = con.execute("SELECT reason_code, source_file, source_line, message "
                          "FROM quarantine").fetchall()
    con.close()
    (rows_in, loaded, quarantined), = rows
    assert quarantined == 1 and rows_in == loaded + quarantined
    # the line the partner edits: line 2 of their own file, as pseudonymise counts it
    [(reason, source_file, source_line, message)] = reasons
    assert (reason, source_file, source_line) == ("gemeente_onbekend", path.name, 2)
    assert message.startswith("Rij 2: ")
