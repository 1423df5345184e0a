# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor regiovisie``: write the template and example, check files (exit 0/1/2 with
Dutch messages naming place and line), export, and print the lights of a period."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.regiovisie  # noqa: F401  (registers the commands)
from ketenmonitor.cli.app import app
from ketenmonitor.regiovisie import example_path, load_regiovisie
from testsupport import load_module

runner = CliRunner()


def _fixtures() -> ModuleType:
    return load_module("regiovisie/conftest.py")


@pytest.fixture(scope="module")
def pub_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fixtures = _fixtures()
    root = tmp_path_factory.mktemp("publicaties")
    fixtures.build_publication(root, fixtures.default_values())
    return root


def test_example_and_template_are_written_and_valid(tmp_path: Path) -> None:
    for command in ("voorbeeld", "sjabloon"):
        target = tmp_path / f"{command}.yaml"
        result = runner.invoke(app, ["regiovisie", command, "--uitvoer", str(target)])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == str(target)
        check = runner.invoke(app, ["regiovisie", "controleer", str(target)])
        assert check.exit_code == 0, check.output
        assert "is geldig" in check.output
    again = runner.invoke(app, ["regiovisie", "voorbeeld", "--uitvoer", str(tmp_path / "voorbeeld.yaml")])
    assert again.exit_code == 2 and "bestaat al" in again.output and "--overschrijven" in again.output


def test_check_reports_every_error_with_place_and_line(tmp_path: Path) -> None:
    text = example_path().read_text(encoding="utf-8")
    broken = (text.replace("              groen: 85\n", "              groen: hoog\n", 1)
              .replace("    status: concept\n", "    status: klaar\n", 1))
    target = tmp_path / "kapot.yaml"
    target.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["regiovisie", "controleer", str(target)])
    assert result.exit_code == 2
    output = " ".join(result.output.split())  # the console wraps long lines
    assert "Fout:" in output and "Traceback" not in output
    assert "2 fout(en)" in output
    line = broken.splitlines().index("              groen: hoog") + 1
    assert f"norm.groen (regel {line}): hier hoort een getal" in output
    assert "rapportages[1].status (regel " in output
    assert "ongeldige waarde 'klaar' — kies uit: concept, vastgesteld" in output
    assert "Oplossing:" in output


def test_check_with_publication_warns_about_missing_explanations(tmp_path: Path,
                                                                 pub_root: Path) -> None:
    ok = runner.invoke(app, ["regiovisie", "controleer", str(example_path()),
                             "--publicatie", str(pub_root)])
    assert ok.exit_code == 0, ok.output
    assert "Alle rapportageperioden zijn te berekenen" in ok.output
    # without the explanation of the red M1 light in 2025 the check warns (exit 1)
    text = example_path().read_text(encoding="utf-8").replace(
        "            uitleg:\n              oorzaak: Het aantal meldingen steeg verder; de extra "
        "capaciteit kwam laat.\n              gevolg: Ruim een derde van de gezinnen wacht langer "
        "dan vijf werkdagen.\n              bijsturing: Triage met de politie uitbreiden naar het "
        "weekend.\n", "", 1)
    target = tmp_path / "zonder-uitleg.yaml"
    target.write_text(text, encoding="utf-8")
    assert load_regiovisie(target)  # structurally valid
    warned = runner.invoke(app, ["regiovisie", "controleer", str(target),
                                 "--publicatie", str(pub_root)])
    assert warned.exit_code == 1
    output = " ".join(warned.output.split())
    assert "2025: rapportages[1].resultaten.M1.lichten[0]: Dit licht is rood, maar er is geen " \
        "uitleg (oorzaak, gevolg, bijsturing)." in output


def test_lights_table(pub_root: Path) -> None:
    result = runner.invoke(app, ["regiovisie", "lichten", str(example_path()),
                                 "--publicatie", str(pub_root), "--periode", "2025"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("Voortgangsrapportage 2025", "haaglanden-2025-12-31-v1", "✓ Groen", "✗ Rood",
                 "! Oranje", "? Geen oordeel mogelijk", "64,7* (2025)", "geheim (x)"):
        assert text in result.output, text
    assert "✓ Groen: 9" in result.output


def test_lights_for_an_unknown_period_is_refused() -> None:
    result = runner.invoke(app, ["regiovisie", "lichten", str(example_path()), "--periode", "2031"])
    assert result.exit_code == 2
    assert "geen rapportage voor periode 2031" in result.output


def test_export_round_trips(tmp_path: Path) -> None:
    target = tmp_path / "export.yaml"
    result = runner.invoke(app, ["regiovisie", "exporteer", str(example_path()), "--uitvoer",
                                 str(target)])
    assert result.exit_code == 0, result.output
    assert load_regiovisie(target) == load_regiovisie(example_path())


def test_real_entry_point_is_dutch_and_never_shows_a_traceback(tmp_path: Path) -> None:
    import subprocess

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
            capture_output=True, text=True, check=False, env={"COLUMNS": "200", "PATH": ""})

    helped = run("regiovisie", "--help")
    assert helped.returncode == 0 and "Toon deze hulp en stop." in helped.stdout
    for command in ("controleer", "sjabloon", "voorbeeld", "exporteer", "lichten"):
        assert command in helped.stdout
    missing = run("regiovisie", "controleer", str(tmp_path / "nergens.yaml"))
    assert missing.returncode == 2
    assert "bestaat niet" in missing.stderr and "Traceback" not in missing.stderr
