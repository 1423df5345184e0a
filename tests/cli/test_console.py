# SPDX-License-Identifier: EUPL-1.2
"""Output layout depends on where it goes, never on ``COLUMNS`` (issue 11)."""

from __future__ import annotations

import io

import pytest
from rich.table import Table
from typer.testing import CliRunner

import ketenmonitor.cli.compute  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.cli.console import UNWRAPPED_WIDTH, make_console
from ketenmonitor.cli.localise import localise_typer

SENTENCE = ("De warehouse /een/heel/lang/pad/naar/de/map/met/de/gegevens/van/de/regio/warehouse.duckdb "
            "bestaat niet. Laad eerst leveringen met 'ketenmonitor ingest'.")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", ["20", "40", "80", None])
def test_off_a_terminal_a_message_stays_one_line(columns: str | None,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    out = io.StringIO()
    console = make_console(file=out)
    console.print(SENTENCE)
    table = Table("gemeente", "meldingen")
    table.add_row("Leidschendam-Voorburg", "1.234")
    console.print(table)
    lines = out.getvalue().splitlines()
    assert lines[0] == SENTENCE
    assert any("Leidschendam-Voorburg" in line and "1.234" in line for line in lines)
    assert console.width == UNWRAPPED_WIDTH


def test_on_a_terminal_rich_lays_out_to_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = FakeTerminal()
    console = make_console(file=out, min_width=30)
    console.print(SENTENCE)
    lines = out.getvalue().splitlines()
    assert len(lines) > 2 and all(len(line) <= 40 for line in lines)
    assert "".join("".join(lines).split()) == "".join(SENTENCE.split())


def test_min_width_widens_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    console = make_console(file=FakeTerminal(), min_width=140)
    assert console.width == 140


@pytest.mark.parametrize("columns", ["20", "200"])
def test_cli_errors_do_not_depend_on_columns(columns: str, tmp_path: object) -> None:
    runner = CliRunner()
    missing = f"{tmp_path}/een/pad/dat/niet/bestaat/en/lang/genoeg/is/om/te/vouwen/geen.duckdb"
    result = runner.invoke(app, ["compute", "--warehouse", missing], env={"COLUMNS": columns})
    assert result.exit_code == 2
    assert f"De warehouse {missing} bestaat niet." in result.output


def test_usage_errors_off_a_terminal_are_plain_lines() -> None:
    localise_typer()
    runner = CliRunner()
    result = runner.invoke(app, ["compute", "--bestaat-niet"], env={"COLUMNS": "20"})
    assert result.exit_code != 0
    assert "Fout: Onbekende optie: --bestaat-niet." in result.output
    assert "╭" not in result.output
