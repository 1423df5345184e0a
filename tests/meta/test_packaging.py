# SPDX-License-Identifier: EUPL-1.2
"""pyproject.toml can build the package, and the lock file CI installs with covers it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lock() -> dict[str, str]:
    text = (ROOT / "requirements" / "test.lock").read_text(encoding="utf-8")
    return {canonicalize_name(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}


def test_build_requires_a_setuptools_that_reads_the_spdx_licence() -> None:
    # `license = "EUPL-1.2"` (PEP 639) needs setuptools 77 or newer.
    assert isinstance(PYPROJECT["project"]["license"], str)
    (setuptools,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]
                     if Requirement(r).name == "setuptools"]
    assert "76.1.0" not in setuptools.specifier and "77.0.3" in setuptools.specifier


def test_lock_pins_every_declared_dependency_within_its_range() -> None:
    lock = _lock()
    extras = PYPROJECT["project"]["optional-dependencies"]
    declared = [*PYPROJECT["project"]["dependencies"],
                *(r for name in ("analyse", "portaal", "test") for r in extras[name])]
    problems = []
    for requirement in map(Requirement, declared):
        if requirement.name == "ketenmonitor":  # an extra that includes another extra
            continue
        pinned = lock.get(canonicalize_name(requirement.name))
        if pinned is None or not SpecifierSet(str(requirement.specifier)).contains(pinned, prereleases=True):
            problems.append(f"{requirement} (lock: {pinned})")
    assert not problems, ("requirements/test.lock loopt achter; zie requirements/README.md: "
                          + ", ".join(problems))


def test_version_is_written_once() -> None:
    version = PYPROJECT["project"]["version"]
    hits = [str(p.relative_to(ROOT)) for p in [ROOT / "publiccode.yml", *(ROOT / "src").rglob("*.py")]
            if re.search(rf"['\"]{re.escape(version)}['\"]", p.read_text(encoding="utf-8"))]
    assert hits == [], f"versie {version} staat ook in {hits}; lees haar uit de pakketmetadata"


PARTNER = {"structlog", "pydantic", "pyarrow", "numpy", "pyyaml",
           "openpyxl", "cryptography"}


def test_the_base_install_is_the_partners_and_the_test_extra_has_everything() -> None:
    base = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    assert base == PARTNER, "een nieuwe basisafhankelijkheid maakt de partnerinstallatie groter"
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert "ketenmonitor[alles]" in extras["test"]
    assert set(extras["alles"]) == {"ketenmonitor[analyse,portaal]"}
