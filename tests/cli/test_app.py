# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testsupport import cli_env

# A child process sees the same source tree as this one (a worktree on PYTHONPATH or the install).
BASE_ENV = cli_env()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", *args],
        capture_output=True, text=True, check=False, env=BASE_ENV,
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


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    import ketenmonitor

    for option in ("--versie", "--version"):
        result = _run(option)
        assert result.returncode == 0
        assert result.stdout == f"ketenmonitor {version('ketenmonitor')}\n"
    assert ketenmonitor.__version__ == version("ketenmonitor")


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "ketenmonitor", "--version"], capture_output=True,
                            text=True, check=False, env=BASE_ENV)
    assert result.returncode == 0 and result.stdout.startswith("ketenmonitor ")


def test_no_arguments_shows_help() -> None:
    result = _run()
    assert result.returncode == 0 and "Gebruik: ketenmonitor" in result.stdout


def test_product_errors_are_dutch_without_traceback(tmp_path: Path) -> None:
    result = _run("link", "--warehouse", str(tmp_path / "wh.duckdb"), "--peildatum", "morgen")
    assert result.returncode == 2
    assert "De peildatum 'morgen' is geen geldige datum." in result.stderr
    assert "jjjj-mm-dd" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "wh.duckdb").exists()


def test_usage_errors_are_dutch() -> None:
    unknown = _run("link", "--bogus")
    assert unknown.returncode == 64
    assert "Onbekende optie: --bogus." in unknown.stderr and "No such option" not in unknown.stderr
    assert "Gebruik: ketenmonitor link [OPTIES]" in unknown.stderr
    missing = _run("report")
    assert missing.returncode == 64
    assert "De optie '--publicatie' ontbreekt; die is verplicht." in missing.stderr
    choice = _run("link", "--methode", "xyz")
    assert choice.returncode == 64
    assert "'xyz' is geen van de mogelijke waarden 'probabilistisch', 'bsn'." in choice.stderr
    unknown_command = _run("foo")
    assert unknown_command.returncode == 64 and "Onbekend commando: foo." in unknown_command.stderr
    assert _run("--bogus").returncode == 64
    assert _run("sleutel").returncode == 64  # a group without its subcommand


def test_unknown_usage_errors_pass_unchanged() -> None:
    from ketenmonitor.cli.localise import translate_usage_error

    assert translate_usage_error("Iets geheel anders.") == "Iets geheel anders."
    assert translate_usage_error("Option '--x' requires an argument.") == (
        "De optie '--x' heeft een waarde nodig."
    )


def test_listing_summaries_are_the_first_sentence_of_each_command() -> None:
    import typer.main

    from ketenmonitor.cli.app import COMMANDS, app, load_commands

    for lazy in COMMANDS.values():
        load_commands(lazy.module)
    commands = typer.main.get_group(app).commands
    assert set(commands) == set(COMMANDS)
    for name, lazy in COMMANDS.items():
        assert " ".join((commands[name].help or "").split()).startswith(lazy.summary), name


def test_verbosity_options_set_the_log_level() -> None:
    from ketenmonitor.cli.app import log_level

    assert log_level(0, False, "WARNING") == "WARNING"
    assert log_level(1, False, "WARNING") == "INFO"
    assert log_level(3, False, "WARNING") == "DEBUG"
    assert log_level(2, True, "WARNING") == "ERROR"
    result = _run("-q", "-vv", "--help")
    assert result.returncode == 0 and "--uitgebreid" in result.stdout and "--stil" in result.stdout


def _complete(words: str, index: int) -> subprocess.CompletedProcess[str]:
    env = {**BASE_ENV, "_KETENMONITOR_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(index)}
    return subprocess.run([sys.executable, "-c", "from ketenmonitor.cli.app import main; main()"],
                          capture_output=True, text=True, check=False, env=env)


def test_shell_completion_script_and_protocol() -> None:
    for shell in ("bash", "zsh", "fish"):
        script = _run("completion", shell)
        assert script.returncode == 0 and "_KETENMONITOR_COMPLETE" in script.stdout
    assert _run("completion", "tcsh").returncode == 64
    assert _complete("ketenmonitor pse", 1).stdout.split() == ["pseudonymise"]
    assert "--mapping" in _complete("ketenmonitor pseudonymise --ma", 2).stdout.split()


HEAVY = ("duckdb", "scipy", "splink", "altair", "django", "pandas", "sqlglot", "weasyprint",
         "jinja2", "faker")


def _modules_after(*args: str) -> set[str]:
    code = ("import sys\nfrom ketenmonitor.cli.app import main\ntry:\n    main()\n"
            "except SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            check=False, env=BASE_ENV)
    return {name.split(".")[0] for name in result.stderr.split()}


def test_version_and_partner_commands_do_not_import_the_analysis_stack() -> None:
    assert not _modules_after("--version") & {*HEAVY, "pyarrow", "numpy"}
    for command in (["pseudonymise", "--help"], ["rekey", "--help"], ["sleutel", "maken", "--help"],
                    ["mapping", "controleer", "--help"],
                    ["completion", "bash"]):
        assert not _modules_after(*command) & set(HEAVY), command
    # The check can fail: an analysis command does load DuckDB.
    assert "duckdb" in _modules_after("ingest", "--help")


def test_a_command_of_a_missing_extra_explains_what_to_install() -> None:
    # Simulate the partner install: DuckDB cannot be imported.
    code = ("import sys\nsys.modules['duckdb'] = None\nfrom ketenmonitor.cli.app import main\nmain()")
    result = subprocess.run([sys.executable, "-c", code, "ingest", "x"], capture_output=True, text=True,
                            check=False, env=BASE_ENV)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Het commando 'ingest' hoort niet bij deze installatie: het pakket 'duckdb' ontbreekt." in (
        result.stderr)
    assert "pip install 'ketenmonitor[alles]'" in result.stderr
