# SPDX-License-Identifier: EUPL-1.2
"""The runbook of a region's first run (``docs/eerste-run.md``) runs as written (issue 13, item 6).

Every ``console`` block of the runbook holds commands (``$ ketenmonitor …``, continued with ``\\``)
followed by fragments of what they print (``…`` stands for whatever differs per run). The test
runs them in document order on a synthetic region in ``tmp_path``: absolute paths and ``~`` are
moved under ``tmp_path``; ``<!-- eerste-run-test: … -->`` comments place the synthetic exports
where the runbook says a partner's export is (``export``) and carry deliveries to the analysis
environment (``overdracht``), the two things the runbook leaves to people. A command must end
with exit code 0 (or one that its ``# exitcode N of M`` names) and print every fragment. ``bash``
blocks (the portal, a back-up) are not run, but every ``ketenmonitor`` command in them must exist with
the options it is given, so the runbook cannot name a command or option the program lacks.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from testsupport import flat

RUNBOOK = Path(__file__).resolve().parents[2] / "docs" / "eerste-run.md"
DIRECTIVE = re.compile(r"<!--\s*eerste-run-test:\s*(.*?)\s*-->")
GLOBAL_OPTIONS = {"-v", "-vv", "--uitgebreid", "-q", "--stil", "--versie", "--version", "--help"}


@dataclass
class Command:
    line: int
    text: str  # without "ketenmonitor", continuations joined
    runnable: bool
    expected: list[str] = field(default_factory=list)
    exit_codes: tuple[int, ...] = (0,)

    @property
    def args(self) -> list[str]:
        return shlex.split(self.text)


@dataclass
class Directive:
    line: int
    words: list[str]


Step = Command | Directive


def parse(text: str) -> list[Step]:
    """The runbook's commands and test directives, in document order."""
    steps: list[Step] = []
    fence: str | None = None
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line, number = lines[index], index + 1
        index += 1
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = None if fence is not None else (stripped[3:].strip() or "text")
            continue
        if fence is None:
            steps += [Directive(number, m.split()) for m in DIRECTIVE.findall(line)]
            continue
        prompt = stripped.startswith("$ ketenmonitor") if fence == "console" else False
        if not (prompt or (fence == "bash" and stripped.startswith("ketenmonitor "))):
            if fence == "console" and steps and isinstance(steps[-1], Command) and stripped:
                steps[-1].expected.append(stripped)
            continue
        whole = stripped.removeprefix("$ ")
        while whole.endswith("\\") and index < len(lines):
            whole = whole[:-1].rstrip() + " " + lines[index].strip()
            index += 1
        whole, _hash, comment = whole.partition(" #")
        codes = re.fullmatch(r"\s*exitcode (\d+(?: of \d+)*)\s*", comment)
        steps.append(Command(number, whole.removeprefix("ketenmonitor").strip(), fence == "console",
                             exit_codes=tuple(int(c) for c in codes.group(1).split(" of "))
                             if codes else (0,)))
    return steps


@cache
def _command(name: str) -> Any:
    """The Click command of a top-level command (its module imported), or None."""
    import typer.main

    from ketenmonitor.cli.app import COMMANDS, app, load_commands

    if name not in COMMANDS:
        return None
    load_commands(COMMANDS[name].module)
    return typer.main.get_group(app).commands[name]


def problems(command: Command) -> list[str]:
    """What in ``command`` the program does not know: a command, subcommand or option."""
    args = [a for a in command.args if a not in GLOBAL_OPTIONS]
    where = f"regel {command.line}: ketenmonitor {command.text}"
    chosen = _command(args[0]) if args else None
    if chosen is None:
        return [f"{where}: onbekend commando {args[:1]}"]
    args = args[1:]
    while hasattr(chosen, "commands"):
        if not args or args[0] not in chosen.commands:
            return [f"{where}: onbekend subcommando {args[:1]} van {chosen.name}"]
        chosen, args = chosen.commands[args[0]], args[1:]
    known = {"--help", *(o for p in chosen.params for o in (*p.opts, *p.secondary_opts))}
    return [f"{where}: onbekende optie {a}" for a in args
            if a.startswith("-") and a.split("=", 1)[0] not in known]


def reroot(arg: str, root: Path) -> str:
    """``~/x`` and ``/x`` (also after ``--optie=``) as paths under ``root``."""
    prefix, eq, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
    if value.startswith("~/"):
        value = str(root / "home" / value[2:])
    elif value.startswith("/"):
        value = str(root / value.lstrip("/"))
    return prefix + eq + value


def _matches(fragment: str, output: str) -> bool:
    pattern = ".*?".join(re.escape(part) for part in flat(fragment).split("…"))
    return re.search(pattern, output) is not None


def _place(directive: Directive, root: Path, sim: Path) -> None:
    kind, *words = directive.words
    if kind == "export":  # the partner's own export: the synthetic one of these half-years
        partner, periods, target = words
        dest = Path(reroot(target, root))
        dest.mkdir(parents=True, exist_ok=True)
        for period in periods.split(","):
            for file in (sim / "exports" / partner / period).iterdir():
                shutil.copy2(file, dest / file.name)
    elif kind == "overdracht":  # the agreed channel (SFTP) to the analysis environment
        origin, destination = (Path(reroot(w, root)) for w in words)
        if origin.is_dir():
            shutil.copytree(origin, destination, dirs_exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, destination)
    else:
        raise AssertionError(f"regel {directive.line}: onbekende testaanwijzing {kind}")


def test_every_command_of_the_runbook_exists_with_its_options() -> None:
    found = [c for c in parse(RUNBOOK.read_text(encoding="utf-8")) if isinstance(c, Command)]
    assert sum(c.runnable for c in found) >= 20 and any(not c.runnable for c in found)
    assert [p for c in found for p in problems(c)] == []


def test_the_check_finds_what_the_program_lacks() -> None:
    text = ("```console\n$ ketenmonitor ingest map --warehouse w --gisteren\n```\n"
            "```bash\nketenmonitor bestaatniet --x\nketenmonitor sleutel verlies\n"
            "ketenmonitor portal registreer PAD \\\n  --door analist --wie\n```\n")
    found = [p for c in parse(text) if isinstance(c, Command) for p in problems(c)]
    assert len(found) == 4, found
    assert "onbekende optie --gisteren" in found[0] and "onbekend commando" in found[1]
    assert "onbekend subcommando ['verlies']" in found[2] and "onbekende optie --wie" in found[3]


def test_parse_reads_continuations_outputs_exit_codes_and_directives() -> None:
    text = ("<!-- eerste-run-test: export mda 2024-H1 /data/mda -->\n```console\n"
            "$ ketenmonitor link \\\n    --warehouse /srv/w.duckdb  # exitcode 0 of 1\nAfleidingen …\n"
            "\n$ ketenmonitor compute\n```\n")
    directive, link, compute = parse(text)
    assert isinstance(directive, Directive) and directive.words == ["export", "mda", "2024-H1", "/data/mda"]
    assert isinstance(link, Command) and link.args == ["link", "--warehouse", "/srv/w.duckdb"]
    assert (link.exit_codes, link.expected, link.line) == ((0, 1), ["Afleidingen …"], 3)
    assert isinstance(compute, Command) and compute.expected == [] and compute.runnable
    assert reroot("--uitvoer=~/k", Path("/t")) == "--uitvoer=/t/home/k"
    assert reroot("/srv/x", Path("/t")) == "/t/srv/x" and reroot("2024-H1", Path("/t")) == "2024-H1"
    assert _matches("Broncontrole: alle … rijen voldoen", "Broncontrole: alle 1.234 rijen voldoen aan")
    assert not _matches("alle … rijen", "geen rijen")


@pytest.mark.slow
def test_the_runbook_runs_on_a_synthetic_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ketenmonitor.cli.app import app
    from ketenmonitor.simulate import SimulationConfig, run_simulation

    for name in ("KETENMONITOR_BRONNEN_MAP", "KETENMONITOR_WAREHOUSE", "KETENMONITOR_KEY",
                 "KETENMONITOR_KEY_FILE", "KETENMONITOR_BEWAARTERMIJN_MAANDEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    sim, root = tmp_path / "simulatie", tmp_path / "regio"
    # the rehearsal of the runbook's last section: Haaglanden, 2024 and 2025, small
    run_simulation(SimulationConfig(regio="haaglanden", van=2024, tot=2025, schaal=0.005, seed=7), sim)
    runner, ran = CliRunner(), []
    for step in parse(RUNBOOK.read_text(encoding="utf-8")):
        if isinstance(step, Directive):
            _place(step, root, sim)
            continue
        if not step.runnable:
            continue
        result = runner.invoke(app, [reroot(a, root) for a in step.args])
        shown = flat(result.output)
        where = f"regel {step.line}: ketenmonitor {step.text}"
        assert result.exit_code in step.exit_codes, f"{where}\n{result.output}"
        missing = [e for e in step.expected if not _matches(e.replace(str(root), ""), shown)]
        assert not missing, f"{where}: niet getoond {missing}\n{result.output}"
        assert "Traceback" not in result.output, where
        ran.append(step.args[0])
    assert {"sleutel", "mapping", "pseudonymise", "ingest", "link", "compute", "publish", "report",
            "export", "regiovisie", "opschonen", "bronnen"} <= set(ran)
    assert not list(root.rglob("*.key"))[1:], "de bronsleutel hoort op één plek"
    assert not any(p.suffix == ".key" for p in (root / "srv").rglob("*")), "geen sleutel bij de monitor"
    assert len(list((root / "srv" / "ketenmonitor" / "publicaties").iterdir())) == 2
