# SPDX-License-Identifier: EUPL-1.2
"""The portal's database tests on a real PostgreSQL server as well as on SQLite.

The normal run uses SQLite. This test runs the database-bound portal tests a second time in a
child pytest whose portal database is the PostgreSQL server named by
``KETENMONITOR_TEST_POSTGRES_DSN`` (started by ``scripts/ci_services.sh``, which CI always
sources). Django fixes its database engine at start-up, so one process cannot hold both; a child
run is the honest way to run the same tests on the second engine. Without the variable the test
is skipped, and only then.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DSN_VARIABLE = "KETENMONITOR_TEST_POSTGRES_DSN"
ON_BOTH = [  # models, migrations with the audit triggers, the role matrices
    "tests/portal/test_database.py",
    "tests/portal/test_access_matrix.py",
    "tests/portal/test_regiovisie_scope.py",
    "tests/portal/test_roles.py",
    "tests/portal/test_claims.py",
    "tests/portal/test_audit.py",
    "tests/portal/test_postgresql.py::test_engine_in_the_child_run",
]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_database_engine(engine: str, tmp_path: Path) -> None:
    """SQLite: this run itself. PostgreSQL: the same tests in a child run on the server."""
    if engine == "sqlite":
        from django.db import connection

        if os.environ.get("KETENMONITOR_PORTAL_DATABASE_URL", "").startswith("postgres"):
            pytest.skip("deze run gebruikt zelf PostgreSQL")
        assert connection.vendor == "sqlite"
        return
    dsn = os.environ.get(DSN_VARIABLE)
    if not dsn:
        pytest.skip(f"{DSN_VARIABLE} is niet gezet (scripts/ci_services.sh zet hem in CI)")
    marker = tmp_path / "engine.txt"
    env = {**os.environ, "KETENMONITOR_PORTAL_DATABASE_URL": dsn,
           "KETENMONITOR_TEST_ENGINE_FILE": str(marker)}
    env.pop(DSN_VARIABLE)  # the child must not start a grandchild
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "-m", "not slow and not browser", *ON_BOTH],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=900,
    )
    tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
    assert done.returncode == 0, tail
    assert " passed" in tail, tail
    assert marker.read_text(encoding="utf-8") == "postgresql"  # the child really used it


def test_engine_in_the_child_run(db: object) -> None:
    """In the child run: write down which engine the tests ran on."""
    from django.db import connection

    target = os.environ.get("KETENMONITOR_TEST_ENGINE_FILE")
    if target is None:
        pytest.skip("alleen in de PostgreSQL-run")
    Path(target).write_text(connection.vendor, encoding="utf-8")
