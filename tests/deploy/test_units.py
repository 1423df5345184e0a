# SPDX-License-Identifier: EUPL-1.2
"""The deployment files: systemd stops and kills the whole process group, the image runs
``serve`` under an init that reaps and forwards signals, and systemd accepts the units."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = ("ketenmonitor-portaal.service", "ketenmonitor-pipeline@.service")


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name)
    return parser


@pytest.mark.parametrize("name", UNITS)
def test_units_kill_the_whole_control_group(name: str) -> None:
    service = _unit(name)["Service"]
    assert service["KillMode"] == "control-group"
    assert service["User"] == "ketenmonitor" and service["NoNewPrivileges"] == "yes"


def test_portal_unit_restarts_serve() -> None:
    service = _unit(UNITS[0])["Service"]
    assert " serve " in service["ExecStart"] and service["Restart"] == "on-failure"


def test_container_runs_serve_under_tini() -> None:
    text = (DEPLOY / "Containerfile").read_text()
    assert 'ENTRYPOINT ["/usr/bin/tini", "--", "ketenmonitor"]' in text
    assert 'CMD ["serve"' in text and "USER ketenmonitor" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze ontbreekt")
def test_systemd_accepts_the_portal_unit() -> None:
    result = subprocess.run(["systemd-analyze", "verify", str(DEPLOY / UNITS[0])],
                            capture_output=True, text=True, check=False, timeout=60)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if line.strip() and "is not executable" not in line]  # not installed here
    assert problems == []
