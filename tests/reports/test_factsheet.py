# SPDX-License-Identifier: EUPL-1.2
"""The factsheet per gemeente (ADR 0024): at most two A4 pages, only that gemeente and the region,
the answers first; and ``ketenmonitor report --factsheet`` on the command line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import ketenmonitor.cli.report  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.reports.factsheet import build_factsheet, write_factsheets
from ketenmonitor.reports.source import read_directory

A4 = (595.0, 842.0)  # points


@pytest.fixture(scope="module")
def delft(shared_publication: Path, tmp_path_factory: pytest.TempPathFactory,
          fixture_questions: tuple[Any, ...]) -> list[Path]:
    out = tmp_path_factory.mktemp("factsheets")
    return write_factsheets(shared_publication, out, ["Delft"], questions=fixture_questions)


def test_writes_html_and_pdf_named_after_the_gemeente(delft: list[Path]) -> None:
    assert [p.name for p in delft] == ["factsheet-delft.html", "factsheet-delft.pdf"]


def test_pdf_has_at_most_two_a4_pages(delft: list[Path]) -> None:
    reader = PdfReader(delft[1])
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2


def test_factsheet_holds_only_the_gemeente_and_the_region(delft: list[Path]) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(delft[1]).pages)
    html = delft[0].read_text(encoding="utf-8")
    for content in (text, html):
        assert "Delft" in content and "Haaglanden" in content
        assert "Gravenhage" not in content and "Midden-Delfland" not in content
    assert html.count('class="antwoord"') == 5
    assert html.count('role="img"') >= 4  # one chart per answer that has figures
    assert "Deze publicatie bevat nog geen cijfers" in html  # the question without figures


def test_unknown_gemeente_is_refused_in_dutch(shared_publication: Path) -> None:
    with pytest.raises(InputRefused) as caught:
        build_factsheet(read_directory(shared_publication), "Atlantis")
    assert "Atlantis staat niet in deze publicatie" in caught.value.message
    assert "Delft (GM0503)" in caught.value.hint


def test_cli_writes_the_factsheet_of_a_gemeente_by_code(shared_publication: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "uit"
    result = CliRunner().invoke(app, ["report", "--publicatie", str(shared_publication),
                                      "--uitvoer", str(out), "--factsheet", "GM1842"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(out / "factsheet-midden-delfland.html"),
                                     str(out / "factsheet-midden-delfland.pdf")]
    assert len(PdfReader(out / "factsheet-midden-delfland.pdf").pages) <= 2


def test_every_link_of_the_factsheet_lands_on_an_id(delft: list[Path]) -> None:
    html = delft[0].read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert any(t.startswith("begrip-") for t in targets)
    assert targets <= set(re.findall(r'id="([^"]+)"', html))
