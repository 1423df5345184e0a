# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.warehouse import connect
from testsupport import cli_env


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
        capture_output=True, text=True, check=False, env=cli_env(),
    )


def _warehouse(region: Any, path: Path) -> Path:
    con = connect(path)
    region.helper.load_betrokkenen(con, region.tokens)
    con.close()
    return path


@pytest.mark.slow
def test_link_is_probabilistic_by_default_and_bsn_on_request(region: Any, tmp_path: Path) -> None:
    path = _warehouse(region, tmp_path / "wh.duckdb")
    result = _run("link", "--warehouse", str(path), "--peildatum", "2021-12-31")
    assert result.returncode == 0, result.stderr[-2000:]
    for text in ("Probabilistische koppeling op tokens", "Probabilistisch gekoppeld",
                 "Enkelvoudig", "Geschatte precisie", "Drempel matchkans", "50,00%",
                 "steekproef van niet voorgestelde paren"):
        assert text in result.stdout
    con = duckdb.connect(str(path), read_only=True)
    first = con.execute("SELECT method, match_threshold FROM link_samenvatting").fetchall()
    con.close()
    assert first == [("probabilistisch", 0.5)]
    result = _run("link", "--warehouse", str(path), "--peildatum", "2021-12-31",
                  "--methode", "bsn")
    assert result.returncode == 0 and "Koppeling op BSN-token" in result.stdout
    result = _run("link", "--warehouse", str(path), "--peildatum", "2021-12-31",
                  "--drempel", "0,95")
    assert result.returncode == 64 and "Traceback" not in result.stderr  # usage error


def test_threshold_outside_zero_one_is_refused_in_dutch(tmp_path: Path) -> None:
    result = _run("link", "--warehouse", str(tmp_path / "wh.duckdb"), "--drempel", "1.5")
    assert result.returncode == 2
    assert "De drempel 1.5 ligt niet tussen 0 en 1." in result.stderr
    assert not (tmp_path / "wh.duckdb").exists()
