# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor report`` through the Typer app: newest publication, path on stdout, errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

import ketenmonitor.cli.report  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.cli.report import resolve_publication


def test_report_of_the_newest_publication_prints_index_path(
    publication_factory: Callable[..., Path], tmp_path: Path
) -> None:
    older = publication_factory(version=1)
    newest = publication_factory(version=2)
    publication_factory(version=1, peildatum="2025-06-30", with_validation=False)
    root = newest.parent
    assert resolve_publication(root) == newest
    assert resolve_publication(older) == older
    out = tmp_path / "rapport"
    result = CliRunner().invoke(app, ["report", "--publicatie", str(root), "--uitvoer", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "index.html")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "haaglanden-2025-12-31-v2" in html


def test_report_refuses_a_folder_without_publications(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["report", "--publicatie", str(tmp_path), "--uitvoer", str(tmp_path / "uit")]
    )
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert f"Fout: In {tmp_path} staat geen publicatie." in output
    assert "Oplossing: Geef met --publicatie" in output
    assert not (tmp_path / "uit").exists()


def test_report_refuses_a_tampered_publication(
    publication_factory: Callable[..., Path], tmp_path: Path
) -> None:
    directory = publication_factory()
    table = directory / "tables" / "dagen_tot_hulp.parquet"
    table.write_bytes(table.read_bytes() + b"x")
    result = CliRunner().invoke(
        app, ["report", "--publicatie", str(directory), "--uitvoer", str(tmp_path / "uit")]
    )
    assert result.exit_code == 2
    assert "controlesom van tabel dagen_tot_hulp klopt niet" in " ".join(result.output.split())
