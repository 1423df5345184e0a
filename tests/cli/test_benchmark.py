# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor benchmark``: import StatLine files, refuse bad ones in Dutch, show status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testsupport import cli_env

DATA = Path(__file__).parents[1] / "cbs" / "data"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
        capture_output=True, text=True, check=False, env=cli_env(),
    )


def test_import_twice_and_status(tmp_path: Path) -> None:
    warehouse = str(tmp_path / "wh.duckdb")
    files = [str(p) for p in sorted(DATA.glob("*.csv"))]
    first = _run("benchmark", "import", *files, "--warehouse", warehouse)
    assert first.returncode == 0, first.stderr
    assert "84847NED_kerncijfers.csv" in first.stdout and "geladen" in first.stdout
    assert "Organisatie melder: Brandweer (nieuw)" in first.stdout
    second = _run("benchmark", "import", *files, "--warehouse", warehouse)
    assert second.returncode == 0
    assert second.stdout.count("al geïmporteerd, niets gewijzigd") == len(files)
    status = _run("benchmark", "status", "--warehouse", warehouse)
    assert status.returncode == 0 and "03759ned" in status.stdout


def test_refused_file_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "open_data.csv"
    bad.write_text('"ID";"RegioS";"Perioden";"Adviezen_1"\n"0";"NL01";"2020JJ00";"5"\n',
                   encoding="utf-8")
    result = _run("benchmark", "import", str(bad), "--warehouse", str(tmp_path / "wh.duckdb"))
    assert result.returncode == 2
    assert "ongefilterde open-data-indeling" in result.stderr
    assert "CSV (tabel)" in result.stderr and "Traceback" not in result.stderr


def test_status_of_an_empty_warehouse(tmp_path: Path) -> None:
    missing = _run("benchmark", "status", "--warehouse", str(tmp_path / "nergens.duckdb"))
    assert missing.returncode == 2 and "bestaat niet" in missing.stderr
