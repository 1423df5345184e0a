# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor simulate`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def test_simulate_another_region_chosen_by_option_or_setting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    result = runner.invoke(app, ["simulate", "--uitvoer", str(tmp_path / "a"), "--regio",
                                 "zeeland", "--schaal", "0.01", "--van", "2024", "--tot", "2024"])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("KETENMONITOR_REGIO", "flevoland")
    result = runner.invoke(app, ["simulate", "--uitvoer", str(tmp_path / "b"), "--schaal",
                                 "0.01", "--van", "2024", "--tot", "2024"])
    assert result.exit_code == 0, result.output
    for folder, regio, count in (("a", "zeeland", 13), ("b", "flevoland", 6)):
        summary = json.loads((tmp_path / folder / "simulatie.json").read_text(encoding="utf-8"))
        assert summary["config"]["regio"] == regio
        assert len(summary["gemeenten"]) == count
