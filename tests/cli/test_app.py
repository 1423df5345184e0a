# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testsupport import cli_env


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
        capture_output=True, text=True, check=False, env=cli_env(),
    )


def test_help_is_dutch() -> None:
    result = _run("--help")
    assert result.returncode == 0
    assert "Toon deze hulp en stop." in result.stdout
    assert "Commando's" in result.stdout and "Show this message" not in result.stdout
    assert "Gebruik: ketenmonitor [OPTIES] COMMANDO [ARGUMENTEN]..." in result.stdout
    assert "Usage:" not in result.stdout
    for stage in ("simulate", "pseudonymise", "ingest", "link", "compute", "publish", "report",
                  "demo"):
        assert stage in result.stdout


def test_version() -> None:
    result = _run("--versie")
    assert result.returncode == 0 and result.stdout.startswith("ketenmonitor ")


def test_product_errors_are_dutch_without_traceback(tmp_path: Path) -> None:
    result = _run("link", "--warehouse", str(tmp_path / "wh.duckdb"), "--peildatum", "morgen")
    assert result.returncode == 2
    assert "De peildatum 'morgen' is geen geldige datum." in result.stderr
    assert "jjjj-mm-dd" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "wh.duckdb").exists()


def test_usage_errors_are_dutch() -> None:
    unknown = _run("link", "--bogus")
    assert unknown.returncode == 2
    assert "Onbekende optie: --bogus." in unknown.stderr and "No such option" not in unknown.stderr
    assert "Gebruik: ketenmonitor link [OPTIES]" in unknown.stderr
    missing = _run("report")
    assert "De optie '--publicatie' ontbreekt; die is verplicht." in missing.stderr
    choice = _run("link", "--methode", "xyz")
    assert "'xyz' is geen van de mogelijke waarden 'probabilistisch', 'bsn'." in choice.stderr
    assert "Onbekend commando: foo." in _run("foo").stderr


def test_unknown_usage_errors_pass_unchanged() -> None:
    from ketenmonitor.cli.localise import translate_usage_error

    assert translate_usage_error("Iets geheel anders.") == "Iets geheel anders."
    assert translate_usage_error("Option '--x' requires an argument.") == (
        "De optie '--x' heeft een waarde nodig."
    )
