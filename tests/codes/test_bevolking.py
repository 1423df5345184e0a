# SPDX-License-Identifier: EUPL-1.2
"""CBS population per gemeente: the shipped totals and sexes against CBS's national totals and
the code list, the API, and the import of a 03759ned export (a small synthetic fixture)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ketenmonitor.codes import bevolking, cbs_population, cbs_years, gemeenten_in_year, population
from ketenmonitor.codes.bevolking import read_detail
from ketenmonitor.codes.importeer import import_03759, main, parse_03759
from ketenmonitor.codes.registry import DATA_DIR
from ketenmonitor.core.errors import ConfigurationError, InputRefused
from testsupport import population_by_sex

# A synthetic file in the form of bevolking_geslacht.csv (the package ships none: no copied data).
BY_SEX = """\
gemeente_code,peildatum,inwoners,mannen,vrouwen
GM0518,2024-01-01,1000,480,520
GM0503,2024-01-01,300,150,150
GM0457,2022-01-01,70,30,40
"""


@pytest.fixture
def by_sex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from population_by_sex(monkeypatch, tmp_path, BY_SEX)


def test_the_package_ships_no_copied_population_figures() -> None:
    assert not (DATA_DIR / "bevolking_geslacht.csv").exists()
    assert not (DATA_DIR / "bevolking_leeftijd.csv.gz").exists()


def test_a_region_places_population_in_its_own_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The region's folder (KETENMONITOR_BRONNEN_MAP) is read, never a write into the package."""
    (tmp_path / "bevolking_geslacht.csv").write_text(BY_SEX, encoding="utf-8")
    with pytest.raises(ConfigurationError):
        cbs_population("GM0518", date(2024, 5, 1), geslacht="V")
    monkeypatch.setenv("KETENMONITOR_BRONNEN_MAP", str(tmp_path))
    assert cbs_population("GM0518", date(2024, 5, 1), geslacht="V") == 520
    assert cbs_years() == [2022, 2024]
    monkeypatch.delenv("KETENMONITOR_BRONNEN_MAP")
    assert cbs_years() == []


def test_population_by_sex_and_refusals(by_sex: Path) -> None:
    day = date(2024, 7, 1)
    assert cbs_years() == [2022, 2024]
    total = cbs_population("GM0518", day)
    assert total == 1000
    assert total == population("GM0518", day, geslacht="M") + population("GM0518", day, "V")
    assert population("GM0518", day) == 566_000  # bevolking.csv, unchanged for old callers
    assert cbs_population("GM0457", date(2022, 3, 1)) > 0  # Weesp existed on 1 January 2022
    with pytest.raises(ConfigurationError, match="1 januari 2021"):
        cbs_population("GM0518", date(2021, 5, 1))  # no CBS figure; never an older year's
    with pytest.raises(ConfigurationError):
        cbs_population("GM0457", date(2023, 1, 1))  # Weesp no longer existed
    with pytest.raises(ConfigurationError, match="03759ned"):
        population("GM0518", day, leeftijdsklasse="65+")  # not imported
    with pytest.raises(ConfigurationError):
        population("GM0518", day, geslacht="X")
    with pytest.raises(ConfigurationError):
        population("GM0518", day, leeftijdsklasse="ONBEKEND")


FIXTURE = """\
ID;Geslacht;Leeftijd;BurgerlijkeStaat;RegioS;Perioden;BevolkingOp1Januari_1
0;Totaal mannen en vrouwen;Totaal;Totaal burgerlijke staat;GM0518;2024JJ00;999
1;Mannen;0 jaar;Totaal burgerlijke staat;GM0518;2024JJ00;10
2;Mannen;0 jaar;Gehuwd;GM0518;2024JJ00;7
3;Mannen;3 jaar;Totaal burgerlijke staat;GM0518;2024JJ00;11
4;Vrouwen;4 jaar;Totaal burgerlijke staat;GM0518;2024JJ00;12
5;Vrouwen;0 tot 5 jaar;Totaal burgerlijke staat;GM0518;2024JJ00;500
6;Vrouwen;64 jaar;Totaal burgerlijke staat;Delft;2024JJ00;13
7;Vrouwen;100 jaar of ouder;Totaal burgerlijke staat;Delft;2024JJ00;2
8;Mannen;17 jaar;Totaal burgerlijke staat;Nederland;2024JJ00;200000
9;Mannen;18 jaar;Totaal burgerlijke staat;GM0457;2022JJ00;5
11;Vrouwen;30 jaar;Totaal burgerlijke staat;Groningen (gemeente);2024JJ00;4
12;Vrouwen;30 jaar;Totaal burgerlijke staat;Groningen (PV);2024JJ00;400
13;Vrouwen;31 jaar;Totaal burgerlijke staat;Rijswijk (ZH.);2024JJ00;3
10;Mannen;19 jaar;Totaal burgerlijke staat;GM0457;2022JJ00;.
"""


def test_import_of_a_03759ned_export_sums_single_years_into_age_classes(tmp_path: Path) -> None:
    source = tmp_path / "03759ned.csv"
    source.write_text(FIXTURE, encoding="utf-8")
    shutil.copy(DATA_DIR / "bevolking.csv", tmp_path / "bevolking.csv")
    table = import_03759(source, tmp_path)
    assert table == {
        ("GM0518", date(2024, 1, 1), "M", "0-3"): 21,
        ("GM0518", date(2024, 1, 1), "V", "4-11"): 12,
        ("GM0503", date(2024, 1, 1), "V", "45-64"): 13,
        ("GM0503", date(2024, 1, 1), "V", "65+"): 2,
        ("GM0457", date(2022, 1, 1), "M", "18-24"): 5,
        ("GM0014", date(2024, 1, 1), "V", "25-44"): 4,
        ("GM0603", date(2024, 1, 1), "V", "25-44"): 3,
    }
    assert read_detail(tmp_path / "bevolking_leeftijd.csv.gz") == table
    first = (tmp_path / "bevolking_leeftijd.csv.gz").read_bytes()
    import_03759(source, tmp_path)  # same figures, same bytes: no diff in git
    assert (tmp_path / "bevolking_leeftijd.csv.gz").read_bytes() == first
    with (tmp_path / "bevolking.csv").open(encoding="utf-8", newline="") as handle:
        totals = {(r["gemeente_code"], r["peildatum"]): r for r in csv.DictReader(handle)}
    assert totals[("GM0518", "2024-01-01")]["inwoners"] == "33"  # replaced, now from CBS
    assert totals[("GM0518", "2024-01-01")]["bron"] == "CBS 03759ned"
    assert totals[("GM0484", "2024-01-01")]["inwoners"] == "115000"  # untouched


def test_lookup_by_age_class_uses_the_imported_table(by_sex: Path) -> None:
    source = by_sex / "03759ned.csv"
    source.write_text(FIXTURE, encoding="utf-8")
    import_03759(source, by_sex)
    bevolking._detail_at.cache_clear()
    day = date(2024, 3, 1)
    assert population("GM0518", day, leeftijdsklasse="0-3") == 21
    assert population("GM0518", day, geslacht="V", leeftijdsklasse="0-3") == 0
    assert population("GM0518", day, geslacht="V") == 12
    assert cbs_population("GM0503", day, leeftijdsklasse="65+") == 2


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Geslacht;Leeftijd;Perioden;Waarde\nMannen;0 jaar;2024;1\n", "bevolking_kolommen"),
        ("Geslacht;Leeftijd;RegioS;Perioden;BevolkingOp1Januari_1\n"
         "Mannen;0 jaar;Atlantis;2024;1\n", "bevolking_gemeente_onbekend"),
        ("Geslacht;Leeftijd;RegioS;Perioden;BevolkingOp1Januari_1\n"
         "Mannen;0 jaar;GM0457;2024;1\n", "bevolking_gemeente_onbekend"),  # Weesp gone in 2024
        ("Geslacht;Leeftijd;RegioS;Perioden;BevolkingOp1Januari_1\n"
         "3000;10010;GM0518;2024JJ00;1\n", "bevolking_leeg"),  # codes instead of labels
    ],
)
def test_import_refuses_what_it_cannot_read(tmp_path: Path, text: str, code: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputRefused) as caught:
        parse_03759(source)
    assert caught.value.code == code


def test_import_refuses_a_year_whose_total_is_not_cbs_national_total(tmp_path: Path) -> None:
    # every gemeente of 2019 with 1,000 inhabitants: complete, but far from 17,282,163
    lines = ["Geslacht;Leeftijd;RegioS;Perioden;BevolkingOp1Januari_1"]
    lines += [f"Mannen;30 jaar;{g.code};2019;1000" for g in gemeenten_in_year(None, 2019)]
    source = tmp_path / "in.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputRefused) as caught:
        import_03759(source, tmp_path)
    assert caught.value.code == "bevolking_onwaarschijnlijk"
    assert not (tmp_path / "bevolking_leeftijd.csv.gz").exists()


def test_command_line_reports_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "03759ned.csv"
    source.write_text(FIXTURE, encoding="utf-8")
    assert main(["bevolking", str(source), "--map", str(tmp_path)]) == 0
    assert "5 gemeente-jaren ingelezen." in capsys.readouterr().out
    assert main(["bevolking", str(tmp_path / "ontbreekt.csv"), "--map", str(tmp_path)]) == 2
    assert "Kan het bestand niet lezen" in capsys.readouterr().err
