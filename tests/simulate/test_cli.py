# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor simulate`` on the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import ketenmonitor.cli.simulate  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app

runner = CliRunner()


def test_simulate_writes_exports_and_ground_truth(tmp_path: Path) -> None:
    out = tmp_path / "regio"
    result = runner.invoke(app, ["simulate", "--uitvoer", str(out), "--schaal", "0.002",
                                 "--van", "2023", "--tot", "2024", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert (out / "exports" / "veilig_thuis" / "2024-H2" / "VT_berichten_2024-H2.csv").exists()
    assert (out / "grondwaarheid" / "personen.parquet").exists()
    assert "Records per ketenpartner" in result.output


def test_simulate_refuses_bad_input_with_exit_code_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "--uitvoer", str(tmp_path), "--van", "2025",
                                 "--tot", "2024"])
    assert result.exit_code == 2
    assert "Het beginjaar 2025 ligt na het eindjaar 2024." in result.output
    result = runner.invoke(app, ["simulate", "--uitvoer", str(tmp_path), "--peildatum",
                                 "31-12-2025"])
    assert result.exit_code == 2
    assert "De peildatum '31-12-2025' is geen geldige datum." in result.output


def test_simulate_peildatum_inside_the_last_year(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "--uitvoer", str(tmp_path), "--schaal", "0.002",
                                 "--van", "2024", "--tot", "2025", "--peildatum", "2025-06-30"])
    assert result.exit_code == 0, result.output
    periods = sorted(p.name for p in (tmp_path / "exports" / "politie").iterdir())
    assert periods == ["2024-H1", "2024-H2", "2025-H1"]
