# SPDX-License-Identifier: EUPL-1.2
"""Centrumgemeente regions: the import refuses an incomplete indeling, and an imported one puts
each of the 342 gemeenten of 1 January 2025 in exactly one of 35 regions. The indeling here is
a synthetic fixture (the package ships none yet, see bronnen.yaml), built so that Den Haag,
Leiden and Gouda are centrumgemeenten of their own regions."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from ketenmonitor.codes import (
    centrumgemeente_regio,
    centrumgemeente_regios,
    gemeenten_in_year,
    successor,
)
from ketenmonitor.codes.centrumgemeenten import INDELING_FILE, check_indeling, import_indeling
from ketenmonitor.codes.importeer import main
from ketenmonitor.core.errors import ConfigurationError, InputRefused

CENTRA = ["GM0518", "GM0546", "GM0513"]  # Den Haag, Leiden, Gouda


def _synthetic_indeling() -> dict[str, str]:
    """Every gemeente of 2025 → one of 35 synthetic centrumgemeenten (not the real indeling)."""
    codes = [g.code for g in gemeenten_in_year(None, 2025)]
    centra = CENTRA + [c for c in codes if c not in CENTRA][: 35 - len(CENTRA)]
    table = {c: c for c in centra}
    for i, code in enumerate(c for c in codes if c not in table):
        table[code] = centra[i % len(centra)]
    return table


def _write(path: Path, table: dict[str, str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["gemeente", "centrumgemeente"])
        writer.writerows(sorted(table.items()))
    return path


def test_imported_indeling_puts_each_of_342_gemeenten_in_exactly_one_of_35_regions(
        tmp_path: Path) -> None:
    source = _write(tmp_path / "indeling.csv", _synthetic_indeling())
    assert import_indeling(source, tmp_path) == 342
    regios = centrumgemeente_regios(tmp_path)
    assert len(regios) == 35
    members = Counter(code for r in regios for code in r.gemeenten)
    assert set(members) == {g.code for g in gemeenten_in_year(None, 2025)}
    assert set(members.values()) == {1}
    assert centrumgemeente_regio("GM0518", tmp_path).centrumgemeente == "GM0518"
    assert centrumgemeente_regio("GM0546", tmp_path).naam == "Regio Leiden"
    # an old code follows its successor: Noordwijkerhout (2019) → Noordwijk
    assert centrumgemeente_regio("GM0576", tmp_path) == centrumgemeente_regio(
        successor("GM0576"), tmp_path)
    with pytest.raises(ConfigurationError):
        centrumgemeente_regio("GM9999", tmp_path)


def test_import_refuses_a_gemeente_missing_twice_or_a_wrong_number_of_regions(
        tmp_path: Path) -> None:
    table = _synthetic_indeling()
    del table["GM0629"]  # Wassenaar without a region
    with pytest.raises(InputRefused, match="zonder regio"):
        import_indeling(_write(tmp_path / "a.csv", table), tmp_path)
    table = _synthetic_indeling()
    table = {k: ("GM0518" if v == CENTRA[2] else v) for k, v in table.items()}  # 34 regions
    with pytest.raises(InputRefused, match="34 regio"):
        import_indeling(_write(tmp_path / "b.csv", table), tmp_path)
    lines = (tmp_path / "a.csv").read_text(encoding="utf-8") + "GM0518;GM0518\n"
    (tmp_path / "c.csv").write_text(lines, encoding="utf-8")
    with pytest.raises(InputRefused, match="twee keer"):
        import_indeling(tmp_path / "c.csv", tmp_path)
    assert not (tmp_path / INDELING_FILE).exists()


def test_check_indeling_names_a_centrumgemeente_outside_its_own_region() -> None:
    table = {code: (centrum, "x") for code, centrum in _synthetic_indeling().items()}
    table["GM0518"] = ("GM0546", "x")
    assert any("GM0518" in p for p in check_indeling(table))


def test_without_an_imported_indeling_the_refusal_is_dutch(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    with pytest.raises(ConfigurationError, match="niet geïmporteerd"):
        centrumgemeente_regio("GM0518", tmp_path)
    source = _write(tmp_path / "indeling.csv", _synthetic_indeling())
    assert main(["centrumgemeenten", str(source), "--map", str(tmp_path)]) == 0
    assert "342 gemeenten ingedeeld." in capsys.readouterr().out
