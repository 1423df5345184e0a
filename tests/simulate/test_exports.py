# SPDX-License-Identifier: EUPL-1.2
"""Partner exports: layout, each partner's conventions, reproducibility, and no ground truth."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ketenmonitor.core.periods import half_years
from ketenmonitor.simulate import SimulationConfig, SimulationResult, run_simulation
from ketenmonitor.simulate.partner_formats import SYSTEMS

DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")


def _csv(path: Path) -> dict[str, list[str | None]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    return {name: [row[i] or None for row in rows[1:]] for i, name in enumerate(rows[0])}


def test_every_partner_has_files_for_every_half_year(written: SimulationResult) -> None:
    config = SimulationConfig(schaal=0.02, seed=5)
    periods = [p.code for p in half_years(config.start, config.peil)]
    assert written.summary["periodes"] == periods
    for partner, system in SYSTEMS.items():
        for period in periods:
            names = {f.name.format(periode=period) for f in system.files}
            found = {p.name for p in (written.exports / partner / period).iterdir()}
            assert found == names, (partner, period)


def test_veilig_thuis_export_uses_dutch_headers_labels_and_dates(exports: Path) -> None:
    raw = (exports / "veilig_thuis" / "2024-H1" / "VT_berichten_2024-H1.csv").read_text("utf-8")
    header = raw.splitlines()[0]
    assert header.startswith('"Registratienummer";"Soort bericht";"Datum ontvangst";'
                             '"Woongemeente (CBS)";"Organisatie melder"')
    data = _csv(exports / "veilig_thuis" / "2024-H1" / "VT_berichten_2024-H1.csv")
    assert set(data["Soort bericht"]) == {"Advies", "Melding"}
    assert "Politie" in data["Organisatie melder"]
    assert all(DATE.match(v) for v in data["Datum ontvangst"] if v)
    assert set(data["Acute onveiligheid"]) <= {"Ja", "Nee", None}
    assert any(v and ", " in v for v in data["Aard geweld"])  # multi-valued
    assert all(v.startswith("GM") for v in data["Woongemeente (CBS)"] if v)


def test_police_local_team_and_mda_conventions(exports: Path) -> None:
    police = _csv(exports / "politie" / "2024-H1" / "Politie_incidenten_2024-H1.csv")
    assert set(police["Huisverbod"]) <= {"J", "N"}
    assert "Den Haag" in police["Pleeggemeente"]
    betrokkenen = _csv(exports / "politie" / "2024-H1" / "Politie_betrokkenen_2024-H1.csv")
    assert any(v and re.fullmatch(r"([A-Z]\.)+", v) for v in betrokkenen["Voornamen"])
    lt_path = exports / "lokaal_team" / "2024-H1" / "LT_trajecten_2024-H1.csv"
    raw = lt_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfTrajectnummer;Gemeentecode;")
    assert b"\r\n" in raw
    lt = _csv(lt_path)
    assert any(v and "," in v for v in lt["Uren inzet"])  # decimal comma
    assert all(re.fullmatch(r"\d{4}", v) for v in lt["Gemeentecode"] if v)
    workbook = load_workbook(exports / "mda" / "2024-H1" / "MDA_2024-H1.xlsx", read_only=True)
    assert workbook.sheetnames == ["Casussen", "Betrokkenen"]
    rows = list(workbook["Betrokkenen"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Casusnummer", "Nr", "Rol", "BSN")
    workbook.close()


def test_row_counts_match_the_run_description(written: SimulationResult) -> None:
    counted = 0
    for partner, system in SYSTEMS.items():
        if system.xlsx:
            continue
        for spec in system.files:
            rows = sum(len(_csv(p)[spec.columns[0][0]])
                       for p in (written.exports / partner).glob("*/" + spec.name.format(
                           periode="*")))
            assert rows == written.summary["aantallen"][partner][spec.record_type]
            counted += rows
    assert counted > 1000


def test_exports_hold_no_ground_truth(written: SimulationResult) -> None:
    truth_ids = re.compile(r"\b[PH]\d{7}\b")
    for path in written.exports.rglob("*.csv"):
        text = path.read_text("utf-8-sig")
        assert "persoon_id" not in text and "huishouden_id" not in text
        assert not truth_ids.search(text), path
    assert not list(written.exports.rglob("*.parquet"))


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_exports(tmp_path: Path) -> None:
    config = SimulationConfig(schaal=0.005, seed=9, van=2019, tot=2021)
    first = run_simulation(config, tmp_path / "a")
    second = run_simulation(config, tmp_path / "b")
    assert _digest(first.exports) == _digest(second.exports)
    assert first.summary == second.summary
    other = run_simulation(SimulationConfig(schaal=0.005, seed=10, van=2019, tot=2021),
                           tmp_path / "c")
    assert _digest(first.exports) != _digest(other.exports)


def test_existing_output_is_refused_unless_overwriting(tmp_path: Path) -> None:
    from ketenmonitor.core.errors import ConfigurationError

    config = SimulationConfig(schaal=0.002, seed=1, van=2024, tot=2024)
    run_simulation(config, tmp_path)
    with pytest.raises(ConfigurationError) as caught:
        run_simulation(config, tmp_path)
    assert caught.value.message == f"De uitvoermap {tmp_path} bevat al een simulatie."
    (tmp_path / "eigen.txt").write_text("blijft staan")
    run_simulation(config, tmp_path, overwrite=True)
    assert (tmp_path / "eigen.txt").exists()


def test_a_region_without_any_record_still_gives_complete_empty_exports(tmp_path: Path) -> None:
    result = run_simulation(SimulationConfig(schaal=1e-7, van=2024, tot=2024), tmp_path)
    assert all(n == 0 for counts in result.summary["aantallen"].values()
               for n in counts.values())
    berichten = result.exports / "veilig_thuis" / "2024-H2" / "VT_berichten_2024-H2.csv"
    assert berichten.read_text("utf-8").count("\n") == 1  # header only
    assert (result.exports / "mda" / "2024-H1" / "MDA_2024-H1.xlsx").exists()
