# SPDX-License-Identifier: EUPL-1.2
"""Helpers shared by test folders. ``tests/`` is on the path (pytest ``pythonpath``) only so that
this module can be imported; test modules themselves stay in import mode 'importlib'.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType

import pytest

TESTS = Path(__file__).parent


def load_module(relative: str) -> ModuleType:
    """The helper module ``tests/<relative>`` (e.g. ``indicators/synthetic_warehouse.py``).

    Loaded once per session under a fixed name, so every folder shares one module object.
    """
    name = "ketenmonitor_tests_" + relative.removesuffix(".py").replace("/", "_")
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / relative)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# What a command-line subprocess inherits from the test run: the terminal and zone settings that
# the narrow-terminal pass of scripts/test.sh varies, and the import path; nothing else.
_CLI_INHERITED = ("COLUMNS", "LINES", "TZ", "LANG", "LC_ALL", "TERM", "PYTHONPATH", "HOME",
                  "KETENMONITOR_PROTECTION_CHECK")


def cli_env(**extra: str) -> dict[str, str]:
    """A clean environment for running ``ketenmonitor`` in a subprocess."""
    import os

    env = {name: os.environ[name] for name in _CLI_INHERITED if name in os.environ}
    env["PATH"] = ""
    env.update(extra)
    return env


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space: for asserting on a message's words
    where its layout (line breaks a terminal might add) is not what the test is about."""
    return " ".join(text.split())


# A partner kind the package does not know (issue 13): a regional GGD's zorgmeldingen, counting
# as a signal. The tests of the catalogue, of ``bronnen`` and of the derivations share it.
GGD_KIND = """\
id: ggd_zorgmelding
label: GGD Zuid (zorgmeldingen)
omschrijving: Zorgmeldingen bij de GGD over personen in een kwetsbare situatie.
recordsoort:
  id: ggd_melding
  omschrijving: Zorgmelding bij de GGD.
  sleutel: [melding_id]
  peildatum: datum_melding
  bijdrage: {signaal: true}
  velden:
    - {naam: melding_id, type: text, verplicht: true, omschrijving: Nummer van de zorgmelding}
    - {naam: gemeente, type: gemeente, verplicht: true}
    - {naam: datum_melding, type: date, verplicht: true, gebeurtenisdatum: true}
    - {naam: aard, type: codes, codelijst: aard, omschrijving: Aard van de zorg}
"""


def region_folder(tmp_path: Path, files: Mapping[str, str] | None = None) -> Path:
    """A region's own folder of source definitions, outside the package (the folder that
    ``KETENMONITOR_BRONNEN_MAP`` names), holding ``files`` (name → YAML text); by default the
    GGD kind. Calling it again adds files to the same folder."""
    folder = tmp_path / "regio" / "bronnen"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ({"ggd_zorgmelding.yaml": GGD_KIND} if files is None else files).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


BENCHMARKS = TESTS.parent / "benchmarks"


def load_benchmark(patch: pytest.MonkeyPatch, name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` as a module, with its folder on the path for as long
    as ``patch`` lasts (the scripts import their siblings such as ``_common``)."""
    patch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    patch.setitem(sys.modules, f"benchmark_{name}", module)
    spec.loader.exec_module(module)
    return module


def population_by_sex(patch: pytest.MonkeyPatch, folder: Path, text: str) -> Iterator[Path]:
    """Use ``text`` as a synthetic ``bevolking_geslacht.csv`` (the package ships none) for as long
    as ``patch`` lasts; a fixture yields from this."""
    from ketenmonitor.codes import bevolking
    from ketenmonitor.codes.registry import DATA_DIR

    (folder / bevolking.SEX_FILE).write_text(text, encoding="utf-8")
    shutil.copy(DATA_DIR / "leeftijdsklasse.csv", folder / "leeftijdsklasse.csv")  # our code list
    patch.setattr(bevolking, "DATA_DIR", folder)
    bevolking._detail_at.cache_clear()
    bevolking._by_sex_at.cache_clear()
    yield folder
    bevolking._detail_at.cache_clear()
    bevolking._by_sex_at.cache_clear()
