# SPDX-License-Identifier: EUPL-1.2
"""The partner's install: a clean virtualenv with only the base dependencies pseudonymises an export.

Slow (it builds the package and installs 14 wheels from the package index), so marked
``slow``; it still runs in CI. Versions come from requirements/test.lock, so the result does not
drift with new releases.
"""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ANALYSIS = {"duckdb", "pandas", "scipy", "splink", "altair", "django", "sqlglot", "weasyprint", "faker",
            "jinja2", "pyspark", "typer", "rich", "pydantic-settings"}
# Issue 17's target, reached by ADR 0025 (measured with `pip install --dry-run --report`): 24 before,
# 15 now. The 15: ketenmonitor; pydantic with pydantic-core, annotated-types, typing-extensions
# and typing-inspection (5: mappings, manifests, settings); pyarrow and numpy (tokens, Bloom
# filters, ages); pyyaml (mappings); openpyxl with et-xmlfile (Excel exports); cryptography with
# cffi and pycparser (3: partners sign their manifests, ADR 0012); structlog. Typer and its six
# (the partner's command line is argparse) and pydantic-settings with python-dotenv (settings on
# pydantic alone) are no longer among them. This bound stops the set from growing unnoticed.
MAX_DISTRIBUTIONS = 15


def _run(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, env=env)


@pytest.mark.slow
def test_partner_install_pseudonymises_without_the_analysis_stack(
    tmp_path: Path, tiny_export: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # HOME stays, so pip's cache of earlier runs is used.
    env = {"PATH": f"{env_dir / 'bin'}:/usr/bin:/bin", "COLUMNS": "120",
           "HOME": os.environ.get("HOME", str(tmp_path)),
           **{k: v for k, v in os.environ.items() if k.startswith(("PIP_", "SSL_", "REQUESTS_"))}}
    install = _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                   str(ROOT), "-c", ROOT / "requirements" / "test.lock", env=env)
    assert install.returncode == 0, install.stderr[-3000:]

    listed = _run(python, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check", env=env)
    installed = {line.split("==")[0].lower().replace("_", "-") for line in listed.stdout.split()}
    installed -= {"pip", "setuptools", "wheel"}
    assert not installed & ANALYSIS, installed & ANALYSIS
    assert len(installed) <= MAX_DISTRIBUTIONS, sorted(installed)

    ketenmonitor = env_dir / "bin" / "ketenmonitor"
    assert _run(ketenmonitor, "--version", env=env).stdout.startswith("ketenmonitor ")
    shown = _run(ketenmonitor, "pseudonymise", "--help", env=env)
    assert shown.returncode == 0 and "--sleutelbestand" in shown.stdout, shown.stderr
    key = tmp_path / "sleutel" / "sleutel.hex"
    made = _run(ketenmonitor, "sleutel", "maken", "--uitvoer", key, env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    out = tmp_path / "leveringen"
    result = _run(ketenmonitor, "pseudonymise", "--mapping", "veilig_thuis", "--invoer", tiny_export,
                  "--periode", "2024-H1", "--partner", "vt_haaglanden", "--uitvoer", out,
                  "--sleutelbestand", key, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(out.glob("*.parquet")) and list(out.glob("*.manifest.json"))
    assert "Leveringen (sleutel-id" in result.stdout
    refused = _run(ketenmonitor, "ingest", out, env=env)
    assert refused.returncode == 2 and "ketenmonitor[alles]" in refused.stderr


@pytest.fixture()
def tiny_export(tmp_path: Path) -> Path:
    from ketenmonitor.simulate import SimulationConfig, run_simulation

    run_simulation(SimulationConfig(regio="haaglanden", van=2024, tot=2024, schaal=0.002, seed=3),
                   tmp_path / "sim")
    return tmp_path / "sim" / "exports" / "veilig_thuis" / "2024-H1"

