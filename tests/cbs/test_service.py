# SPDX-License-Identifier: EUPL-1.2
"""Importing StatLine files: all or nothing, idempotent, newer figures replace older ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.cbs import import_files
from ketenmonitor.core.errors import InputRefused


def _snapshot(path: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT tabel, onderwerp, gebied_code, periode, dimensie, categorie_label, waarde, "
            "onderdrukt, voorlopig FROM cbs_benchmark ORDER BY ALL").fetchall()
    finally:
        con.close()


def test_import_and_import_again(warehouse: Path, statline_files: list[Path]) -> None:
    first = import_files(statline_files, warehouse)
    assert [r.status for r in first.results] == ["geladen"] * 6
    by_file = {r.parsed.bestand: r.parsed for r in first.results}
    assert by_file["84847NED_kerncijfers.csv"].rows.num_rows == 36
    assert by_file["84847NED_kerncijfers.csv"].gebieden_overgeslagen == [
        "Atlantis (VT)", "Atlantis (gemeente)"]
    assert by_file["84849NED_melders.csv"].onbekende_categorieen == [
        "Organisatie melder: Brandweer (nieuw)"]
    # two split dimensions in one export: every category known, nothing skipped
    assert by_file["84849NED_rol_duur.csv"].onbekende_categorieen == []
    assert by_file["03759ned_bevolking.csv"].rijen_overgeslagen == 12  # men only: not a total
    before = _snapshot(warehouse)
    second = import_files(statline_files, warehouse)
    assert [r.status for r in second.results] == ["al_geimporteerd"] * 6
    assert _snapshot(warehouse) == before
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM cbs_import").fetchall() == [(6,)]
        assert con.execute(
            "SELECT inwoners FROM cbs_bevolking WHERE gebied_code = 'NL01' AND "
            "peildatum = DATE '2020-01-01'").fetchall() == [(17400000,)]
        assert con.execute(
            "SELECT waarde, onderdrukt FROM cbs_benchmark WHERE gebied_code = 'GM1842' AND "
            "tabel = '84847NED' AND periode = '2019' AND onderwerp LIKE '%Meldingen'"
        ).fetchall() == [(None, True)]
    finally:
        con.close()


def test_newer_export_replaces_provisional_figures(
    warehouse: Path, data_dir: Path, tmp_path: Path
) -> None:
    original = data_dir / "84847NED_kerncijfers.csv"
    import_files([original], warehouse)
    newer = tmp_path / "84847NED_kerncijfers_nieuw.csv"
    newer.write_text(original.read_text(encoding="utf-8").replace(
        '"Nederland";"2020 1e halfjaar*";"48700"', '"Nederland";"2020 1e halfjaar";"48750"'),
        encoding="utf-8")
    report = import_files([newer], warehouse)
    assert report.results[0].waarden_vervangen == 36  # every key again, no duplicates
    rows = [r for r in _snapshot(warehouse)
            if r[2] == "NL01" and r[3] == "2020-H1" and str(r[1]).endswith("Adviezen")]
    assert rows == [("84847NED", "Adviezen en meldingen | Adviezen", "NL01", "2020-H1", "totaal",
                     "Totaal", 48750.0, False, False)]


def test_one_refused_file_refuses_the_whole_import(
    warehouse: Path, statline_files: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "84851NED_kapot.csv"
    bad.write_text('"x","y"\n', encoding="utf-8")
    with pytest.raises(InputRefused):
        import_files([*statline_files, bad], warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
                  .fetchall()}
    finally:
        con.close()
    assert "cbs_benchmark" not in tables


def test_tabel_option_is_for_one_file(warehouse: Path, statline_files: list[Path]) -> None:
    with pytest.raises(InputRefused, match="--tabel geldt voor één bestand"):
        import_files(statline_files, warehouse, tabel="84847NED")


def test_same_file_twice_in_one_import(warehouse: Path, data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopie.csv"
    shutil.copy(data_dir / "84847NED_kerncijfers.csv", copy)
    report = import_files([data_dir / "84847NED_kerncijfers.csv", copy], warehouse)
    assert [r.status for r in report.results] == ["geladen", "al_geimporteerd"]
