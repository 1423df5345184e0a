# SPDX-License-Identifier: EUPL-1.2
"""Choosing the engine: once, from the option or the settings; nowhere else (issue 17)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ketenmonitor.core.settings import EngineName, Settings
from ketenmonitor.engine import resolve_engine
from ketenmonitor.linkage.scoring import score
from testsupport import TESTS, cli_env

SRC = TESTS.parent / "src" / "ketenmonitor"
# What only the engine package may name: the Spark choice and the Spark implementations.
ENGINE_ONLY = re.compile(r"EngineName\.SPARK|\bcompute_on_spark\b|\bscore_on_spark\b")
# Where those names are defined (and so legitimately appear).
DEFINED_IN = {"core/settings.py", "indicators/spark.py", "linkage/spark_backend.py"}


def test_the_option_wins_over_the_setting() -> None:
    assert resolve_engine(None, Settings()).name is EngineName.DUCKDB
    assert resolve_engine(None, Settings(engine=EngineName.SPARK)).name is EngineName.SPARK
    assert resolve_engine("duckdb", Settings(engine=EngineName.SPARK)).name is EngineName.DUCKDB
    assert resolve_engine(EngineName.SPARK, Settings()).name is EngineName.SPARK


def test_each_engine_links_with_its_own_scorer() -> None:
    from ketenmonitor.linkage.spark_backend import score_on_spark

    assert resolve_engine(EngineName.DUCKDB, Settings()).scorer() is score
    engine = resolve_engine(EngineName.SPARK, Settings(spark_master="local[1]"))
    chosen = engine.scorer()
    assert getattr(chosen, "func", None) is score_on_spark
    assert getattr(chosen, "keywords", {})["settings"].spark_master == "local[1]"


def test_an_unknown_engine_name_is_refused() -> None:
    with pytest.raises(ValueError):
        resolve_engine("hadoop", Settings())


def test_no_engine_branch_outside_the_engine_package() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith("engine/") or relative in DEFINED_IN:
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if ENGINE_ONLY.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_check_for_engine_branches_can_fail() -> None:
    assert ENGINE_ONLY.search("if EngineName(engine) is EngineName.SPARK:")
    assert ENGINE_ONLY.search("from ketenmonitor.linkage.spark_backend import score_on_spark")
    assert not ENGINE_ONLY.search("engine = resolve_engine(engine, settings)")


def test_the_engine_package_never_imports_pyspark(tmp_path: Path) -> None:
    """Spark is an optional extra: choosing the Spark engine loads no PySpark until it computes."""
    code = (
        "import sys\n"
        "from ketenmonitor.core.settings import Settings\n"
        "from ketenmonitor.engine import resolve_engine\n"
        "resolve_engine('spark', Settings()).scorer()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyspark', 'py4j')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=cli_env(), cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
