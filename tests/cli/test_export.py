# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor export``: XLSX and CSV files of a publication, read back."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import write_publication
from ketenmonitor.warehouse import connect_readonly
from testsupport import cli_env, load_module


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
        capture_output=True, text=True, check=False, env=cli_env(),
    )


@pytest.fixture(scope="module")
def publications(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-export")
    module = load_module("indicators/synthetic_warehouse.py")
    module.build_warehouse(root / "wh.duckdb").close()
    con = connect_readonly(root / "wh.duckdb")
    try:
        write_publication(con, {"region": "haaglanden"}, root / "pub",
                          settings=Settings(rounding_base=5, suppression_threshold=10))
    finally:
        con.close()
    return root / "pub"


def test_export_xlsx_of_the_newest_publication(publications: Path, tmp_path: Path) -> None:
    result = _run("export", "--publicatie", str(publications), "--tabel", "meldingen_naar_aard",
                  "--formaat", "xlsx", "--uitvoer", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [path] = [Path(line) for line in result.stdout.splitlines()]
    assert path.name == "haaglanden-2020-12-31-v1_meldingen_naar_aard.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Gegevens", "Definities"]
    assert [c.value for c in book["Gegevens"][1]][:3] == ["indicator_id", "gebied_code",
                                                          "gebied_naam"]
    assert not book["Gegevens"].merged_cells.ranges


def test_export_csv_all(publications: Path, tmp_path: Path) -> None:
    result = _run("export", "--publicatie", str(publications), "--formaat", "csv",
                  "--uitvoer", str(tmp_path))
    assert result.returncode == 0, result.stderr
    files = result.stdout.splitlines()
    data = [f for f in files if not f.endswith("_definities.csv")]
    assert len(data) == len(files) // 2 and len(data) > 10
    text = Path(data[0]).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "indicator_id" and all(len(r) == len(rows[0]) for r in rows)


def test_unknown_table_exits_2(publications: Path, tmp_path: Path) -> None:
    result = _run("export", "--publicatie", str(publications), "--tabel", "x",
                  "--uitvoer", str(tmp_path))
    assert result.returncode == 2
    assert "geen tabel 'x'" in result.stderr and "Traceback" not in result.stderr
