# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor compute``: summary of disclosed figures, read-only by default."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import duckdb
from typer.testing import CliRunner

import ketenmonitor.cli.compute  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.indicators.catalogue import load_catalogue
from testsupport import flat

runner = CliRunner()


def test_compute_prints_a_summary(warehouse_file: Path) -> None:
    result = runner.invoke(
        app, ["compute", "--warehouse", str(warehouse_file), "--regio", "haaglanden"]
    )
    assert result.exit_code == 0, result.output
    assert "Meldingen per 1.000 inwoners" in result.output
    assert f"{len(load_catalogue())} indicatoren berekend" in result.output


def test_compute_can_store_results(tmp_path: Path, synthetic: ModuleType) -> None:
    path = tmp_path / "w.duckdb"
    synthetic.build_warehouse(path).close()
    result = runner.invoke(app, ["compute", "--warehouse", str(path), "--opslaan"])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute(
        "SELECT count(DISTINCT indicator_id) FROM indicator_resultaat"
    ).fetchall() == [(len(load_catalogue()),)]
    con.close()


def test_compute_refuses_a_missing_warehouse(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", "--warehouse", str(tmp_path / "geen.duckdb")])
    assert result.exit_code == 2
    assert "bestaat niet" in flat(result.output)


def test_compute_refuses_an_unknown_region(warehouse_file: Path) -> None:
    result = runner.invoke(app, ["compute", "--warehouse", str(warehouse_file), "--regio", "xx"])
    assert result.exit_code == 2
    assert "Regio 'xx' is onbekend" in result.output
