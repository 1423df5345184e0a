# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by every test folder: Debian's Chromium and the vendored axe-core.

The import mode 'importlib' puts no test folder on sys.path, so shared helpers are fixtures here
rather than modules to import.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# The interval attack before every publication (issue 12, on by default) costs seconds to
# minutes; tests of other features publish dozens of times. They run without it; the tests of
# the gate and the demo end-to-end test switch it on explicitly (also for subprocesses: cli_env
# passes this variable on).
os.environ.setdefault("KETENMONITOR_PROTECTION_CHECK", "false")

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google on every start, and this
# machine's closed network refuses those connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TESTS_ROOT = Path(__file__).parent
AXE_JS = Path(__file__).parent / "_vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless Debian Chromium per test session (Playwright, no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


@pytest.fixture(scope="session")
def axe() -> Callable[[Any], list[dict[str, Any]]]:
    """``axe(page)`` → the WCAG 2.1 A/AA violations axe-core finds on the page (empty = pass).

    Assert with ``assert not found, describe(found)`` using :func:`describe_violations` via the
    ``axe_describe`` fixture.
    """
    return _axe_violations


@pytest.fixture(scope="session")
def axe_describe() -> Callable[[list[dict[str, Any]]], str]:
    return describe_violations


def _runs_the_cli(path: Path) -> bool:
    """Test modules about the command line's own output: ``tests/cli/`` and ``test_cli*.py``."""
    return "cli" in path.parts or path.name.startswith("test_cli")


# tryfirst: pytest-xdist reads the ``xdist_group`` marks in its own collection hook, which is
# registered after this conftest and so would run first: the groups were silently ignored and
# the folders' session fixtures (demo, Spark computation) built on both workers.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that drives the command line with ``cli``.

    ``scripts/test.sh`` runs those a second time with a narrow ``COLUMNS`` and another time zone,
    so output that depends on the terminal or the zone cannot come back unnoticed (issue 11).
    """
    seen: dict[Path, bool] = {}
    for item in items:
        path = Path(str(item.path))
        if path not in seen:
            seen[path] = _runs_the_cli(path)
        if seen[path]:
            item.add_marker(pytest.mark.cli)
        # With pytest-xdist (--dist loadgroup) one test folder runs in one worker, so the folder's
        # session fixtures (warehouses, publications, a browser) are built once, not per worker.
        # Spark tests of every folder share one worker: one JVM and Spark session, one Spark
        # computation of the catalogue, and never two JVMs competing for the cores.
        folder = path.relative_to(TESTS_ROOT).parts[0] if path.is_relative_to(TESTS_ROOT) else "-"
        group = "spark" if item.get_closest_marker("spark") else folder
        item.add_marker(pytest.mark.xdist_group(name=group))
