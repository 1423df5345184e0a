# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor report --regiovisie``: one command, four formats; refusals in Dutch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import ketenmonitor.cli.report  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.yaml_io import example_path

STEM = "stoplichtenrapportage-haaglanden-2025"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_one_command_writes_the_formats_asked_for(shared_publication: Path, regiovisie_file: Path,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    code, stdout, stderr = _run("--publicatie", str(shared_publication.parent), "--uitvoer", str(out),
                                "--regiovisie", str(regiovisie_file), "--formaten", "xlsx,html")
    assert code == 0, stderr
    assert stdout.split() == [str(out / f"{STEM}.html"), str(out / f"{STEM}.xlsx")]
    assert (out / f"{STEM}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_refusals_are_dutch_with_a_hint(shared_publication: Path, regiovisie_file: Path,
                                        tmp_path: Path) -> None:
    base = ["--publicatie", str(shared_publication), "--uitvoer", str(tmp_path / "uit")]
    code, _out, err = _run(*base, "--regiovisie", str(regiovisie_file), "--formaten", "html,odt")
    assert code == 2 and "Onbekend formaat: odt." in err and "Kies uit html, docx, pdf, xlsx" in err
    code, _out, err = _run(*base, "--regiovisie", str(regiovisie_file), "--periode", "2023")
    assert code == 2 and "De regiovisie heeft geen rapportage voor periode 2023." in err
    code, _out, err = _run(*base, "--regiovisie", str(regiovisie_file),
                           "--sjabloon", str(tmp_path / "x.docx"))
    assert code == 2 and "Het Word-sjabloon" in err and "bestaat niet" in " ".join(err.split())
    code, _out, err = _run(*base, "--periode", "2025")
    assert code == 2 and "--periode en --sjabloon horen bij de stoplichtenrapportage." in err
    assert not (tmp_path / "uit").exists()


def test_without_regiovisie_the_monitor_report_is_unchanged(shared_publication: Path,
                                                            tmp_path: Path) -> None:
    code, stdout, _err = _run("--publicatie", str(shared_publication), "--uitvoer", str(tmp_path))
    assert code == 0 and stdout.strip() == str(tmp_path / "index.html")


@pytest.mark.slow
def test_the_example_regiovisie_produces_all_four_formats(
    make_example_publication: Callable[[Path], Publication], tmp_path: Path
) -> None:
    publication = make_example_publication(tmp_path / "publicaties")
    out = tmp_path / "rapport"
    code, stdout, stderr = _run("--publicatie", str(publication.path), "--uitvoer", str(out),
                                "--regiovisie", str(example_path()), "--periode", "2025")
    assert code == 0, stderr
    paths = [Path(p) for p in stdout.split()]
    assert [p.suffix for p in paths] == [".html", ".docx", ".pdf", ".xlsx"]
    word = docx.Document(str(paths[1]))
    assert any(p.style.name == "Heading 1" for p in word.paragraphs) and word.tables
    text = "\n".join(page.extract_text() for page in PdfReader(str(paths[2])).pages)
    assert "In één oogopslag" in text and "Bijlage B. Definities" in text
    book = openpyxl.load_workbook(paths[3])
    assert "Lichten" in book.sheetnames and not any(ws.merged_cells.ranges for ws in book)
