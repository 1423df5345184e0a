# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.cli.link import recall_method_text
from ketenmonitor.linkage import LinkageSummary
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
                 "steekproef van niet voorgestelde paren", "Geschatte recall, 95%-interval"):
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


def test_the_recall_method_gives_the_unproposed_pairs_with_their_interval() -> None:
    summary = LinkageSummary("probabilistisch", 10, 8, 0, 5, 3, estimated_recall=0.98,
                             estimated_unproposed_matches=300.0,
                             estimated_unproposed_standard_error=50.0,
                             recall_method="steekproef_niet_voorgestelde_paren")
    text = recall_method_text(summary)
    assert text is not None
    assert "naar schatting 300,0 ware paren" in text
    assert "95%-interval 202,0 tot 398,0" in text
    assert "gelaagde steekproef" in text
    assert "op persoonsniveau" in text and "telt als gemist" in text
