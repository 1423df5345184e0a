# SPDX-License-Identifier: EUPL-1.2
"""The partner's command line without Typer (ADR 0025): the same commands, options and Dutch texts.

Both front-ends take their definitions from ``cli/partner_spec.py``; the first test checks that
Typer's commands accept exactly those options, so an option added to one front-end alone fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ketenmonitor.cli.partner_cli import command_parser, main
from ketenmonitor.cli.partner_spec import GLOBAL, PARTNER_COMMANDS, Command
from testsupport import cli_env, flat, region_folder

BLOCKED = ("typer", "rich", "pygments", "markdown_it", "shellingham", "ketenmonitor.cli.app")


def _typer_command(path: tuple[str, ...]) -> Any:
    import typer.main

    from ketenmonitor.cli.app import COMMANDS, app, load_commands

    if not path:
        return typer.main.get_group(app)
    load_commands(COMMANDS[path[0]].module)
    command = typer.main.get_group(app).commands[path[0]]
    for name in path[1:]:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


def _typer_options(command: Any) -> dict[str, tuple[tuple[str, ...], bool, bool, str]]:
    return {p.name: (tuple(p.opts), bool(p.required),
                     bool(getattr(p, "is_flag", False) or getattr(p, "count", False)),
                     " ".join((p.help or "").split()))
            for p in command.params if p.name != "help"}


def _argparse_options(command: Command) -> dict[str, tuple[tuple[str, ...], bool, bool, str]]:
    parser = command_parser(command)
    found = {}
    for action in parser._actions:
        if action.dest == "help":
            continue
        required = (action.help or "").endswith("[verplicht]")
        text = (action.help or "").removesuffix(" [verplicht]")
        names = tuple(action.option_strings) or (action.dest,)  # an argument: Click's opts
        found[action.dest] = (names, required, action.nargs == 0, text)
    return found


@pytest.mark.parametrize("command", [GLOBAL, *PARTNER_COMMANDS], ids=lambda c: " ".join(c.path) or "-")
def test_both_front_ends_accept_the_same_options(command: Command) -> None:
    typer_command = _typer_command(command.path)
    assert _typer_options(typer_command) == _argparse_options(command)
    assert " ".join((typer_command.help or "").split()) == " ".join(command.help.split())


def test_help_and_usage_errors_are_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Gebruik: ketenmonitor") and "Commando's:" in shown
    assert "pseudonymise" in shown and "Toon deze hulp en stop." in shown
    assert main(["pseudonymise", "--mapping", "veilig_thuis"]) == 64
    assert "Fout: De optie --invoer ontbreekt; die is verplicht." in capsys.readouterr().err
    assert main(["mapping", "controleer", "--onbekend"]) == 64
    assert "Fout: Onbekende optie: --onbekend." in capsys.readouterr().err
    assert main(["pseudonymise", "--mapping"]) == 64
    assert "De optie --mapping heeft een waarde nodig." in capsys.readouterr().err


def test_a_command_of_the_whole_product_says_what_to_install(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "leveringen"]) == 2
    error = capsys.readouterr().err
    assert "Het commando 'ingest' hoort niet bij deze installatie" in error
    assert "pip install 'ketenmonitor[alles]'" in error and "Traceback" not in error


def test_product_errors_and_key_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "sleutel" / "sleutel.hex"
    assert main(["sleutel", "maken", "--uitvoer", str(key)]) == 0
    assert "Sleutel gemaakt in" in capsys.readouterr().out and key.exists()
    assert main(["sleutel", "maken", "--uitvoer", str(key)]) == 2  # never overwritten
    assert capsys.readouterr().err.startswith("Fout: ")
    public = tmp_path / "regiosleutel.pub"
    assert main(["sleutel", "publiek", "--uitvoer", str(public), "--sleutelbestand", str(key)]) == 0
    assert public.read_text(encoding="ascii").strip()


def test_runs_without_typer_or_rich(tmp_path: Path) -> None:
    blocked = "".join(f"sys.modules[{name!r}] = None\n" for name in BLOCKED)
    code = f"import sys\n{blocked}from ketenmonitor.cli.entry import main\nmain()"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                              check=False, env=cli_env(COLUMNS="40"))

    shown = run("mapping", "controleer", "--help")
    assert shown.returncode == 0, shown.stderr
    assert "Gebruik: ketenmonitor mapping controleer [OPTIES]" in shown.stdout
    assert "kolomnamen van de export, nooit waarden" in flat(shown.stdout)
    made = run("-q", "sleutel", "maken", "--uitvoer", str(tmp_path / "k" / "sleutel.hex"))
    assert made.returncode == 0 and "Sleutel gemaakt in" in made.stdout, made.stderr


def test_bronnen_shows_the_catalogue_without_typer(tmp_path: Path) -> None:
    """A partner sees what to deliver on the small install (issue 13), also the region's own kinds."""
    blocked = "".join(f"sys.modules[{name!r}] = None\n" for name in BLOCKED)
    code = f"import sys\n{blocked}from ketenmonitor.cli.entry import main\nmain()"
    folder = region_folder(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                              check=False, env=cli_env(KETENMONITOR_BRONNEN_MAP=str(folder)))

    listed = run("bronnen", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Broncatalogus (9 partnersoorten)" in listed.stdout
    assert "regio (ggd_zorgmelding.yaml)" in listed.stdout and "vrouwenopvang" in listed.stdout
    shown = run("bronnen", "show", "veilig_thuis")
    assert shown.returncode == 0, shown.stderr
    text = flat(shown.stdout)
    assert "Recordsoort vt_bericht:" in text and "Velden van vt_bericht" in text
    assert "Afleiding: telt als signaal voor 'eerder signaal bij'" in text
    assert "Codelijst soort_bericht: ADVIES (Advies)" in text
    assert "Gebruik: ketenmonitor bronnen show [OPTIES] ID" in run("bronnen", "show", "--help").stdout


def test_bronnen_errors_are_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bronnen", "show"]) == 64
    assert "Fout: Het argument ID ontbreekt; dat is verplicht." in capsys.readouterr().err
    assert main(["bronnen", "show", "opvang"]) == 2
    assert "kent geen partnersoort of recordsoort 'opvang'" in capsys.readouterr().err
    assert main(["bronnen", "show", "mda", "extra"]) == 64
    assert "Onverwacht extra argument: extra." in capsys.readouterr().err


def test_plain_tables_align_numbers_right() -> None:
    from ketenmonitor.cli.output import Column, plain_table

    shown = plain_table("Leveringen", [Column("Soort"), Column("Rijen", right=True)],
                        [["vt_bericht", "16"], ["betrokkene", "1.033"]])
    assert shown.splitlines() == ["Leveringen", "Soort       Rijen", "----------  -----",
                                  "vt_bericht     16", "betrokkene  1.033"]
