# SPDX-License-Identifier: EUPL-1.2
"""The national gemeente list over 2018-2026 against CBS's published counts, the herindelingen
and the Veilig Thuis regions."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from ketenmonitor.codes import (
    all_gemeenten,
    all_regions,
    code_list_names,
    gemeente,
    gemeenten,
    gemeenten_in_year,
    herindelingen,
    is_valid,
    region_of,
    successor,
    successor_map,
)
from ketenmonitor.codes.registry import DATA_DIR
from ketenmonitor.core.errors import ConfigurationError

# Number of gemeenten on 1 January, as CBS publishes it ("Gebieden in Nederland" of each year:
# 83859NED 2018 ... 86247NED 2026; the herindelingen between them are in herindelingen.csv).
CBS_COUNTS = {2018: 380, 2019: 355, 2020: 355, 2021: 352, 2022: 345, 2023: 342, 2024: 342,
              2025: 342, 2026: 342}
LAST_YEAR = max(CBS_COUNTS)


@pytest.mark.parametrize(("year", "count"), sorted(CBS_COUNTS.items()))
def test_every_year_has_cbs_count_of_gemeenten(year: int, count: int) -> None:
    found = gemeenten_in_year(None, year)
    assert len(found) == count
    assert len({g.code for g in found}) == count


def test_1_january_2025_every_gemeente_is_in_exactly_one_of_26_regions() -> None:
    found = gemeenten_in_year(None, 2025)
    assert len(found) == 342
    codes = {r.code for r in all_regions()}
    assert len(codes) == 26
    per_region = Counter(g.regio for g in found)
    assert set(per_region) == codes  # no region empty, no gemeente outside a region
    assert sum(per_region.values()) == 342
    assert per_region["haaglanden"] == 9
    assert per_region["hollands_midden"] == 18


@pytest.mark.parametrize("year", sorted(CBS_COUNTS))
def test_every_year_each_region_has_gemeenten(year: int) -> None:
    per_region = Counter(g.regio for g in gemeenten_in_year(None, year))
    assert len(per_region) == 26
    assert sum(per_region.values()) == CBS_COUNTS[year]


def test_every_successor_chain_ends_in_a_code_valid_in_the_last_year() -> None:
    last = date(LAST_YEAR, 1, 1)
    mapping = successor_map()
    assert len(mapping) == len(herindelingen()) == 52
    for old, new in mapping.items():
        assert not is_valid(old, last), old
        assert is_valid(new, last), (old, new)
    for g in all_gemeenten():
        assert is_valid(successor(g.code), last), g.code


def test_each_herindeling_ends_the_old_code_the_day_before_the_successor_takes_over() -> None:
    for h in herindelingen():
        before = h.ingang - timedelta(days=1)
        assert gemeente(h.oud_code).geldig_tot == before
        assert is_valid(h.oud_code, before)
        assert not is_valid(h.oud_code, h.ingang)
        assert is_valid(h.opvolger_code, h.ingang)
        assert successor(h.oud_code, before) == h.oud_code
        assert successor(h.oud_code, h.ingang) == h.opvolger_code


def test_a_delivery_may_use_the_code_valid_on_its_event_date() -> None:
    assert is_valid("GM0457", date(2022, 3, 23))  # Weesp, until its merger into Amsterdam
    assert not is_valid("GM0457", date(2022, 3, 24))
    assert successor("GM0457") == "GM0363"
    assert not is_valid("GM1992", date(2022, 12, 31))  # Voorne aan Zee from 2023
    assert is_valid("GM1992", date(2023, 1, 1))
    assert {successor(c) for c in ("GM0501", "GM0530", "GM0614")} == {"GM1992"}
    assert successor("GM0576") == "GM0575"  # Noordwijkerhout into Noordwijk
    assert not is_valid("GM9999", date(2025, 1, 1))


def test_region_lookups() -> None:
    assert region_of("GM0518").naam == "Haaglanden"
    assert region_of("GM0855").code == "hart_van_brabant"
    assert region_of("GM0758").code == "west_brabant"
    assert [g.code for g in gemeenten("utrecht", on=date(2025, 1, 1))] == [
        g.code for g in gemeenten_in_year("utrecht", 2025)]
    with pytest.raises(ConfigurationError):
        gemeenten_in_year("atlantis", 2025)
    with pytest.raises(ConfigurationError):
        successor("GM9999")


def test_every_data_file_has_a_recorded_source() -> None:
    bronnen = yaml.safe_load((DATA_DIR / "bronnen.yaml").read_text(encoding="utf-8"))
    entries = {entry["bestand"]: entry for entry in bronnen["bestanden"]}
    code_lists = set(entries.pop("codelijsten")["bestanden"])
    assert code_lists == {f"{name}.csv" for name in code_list_names()}
    on_disk = {p.name + ("/" if p.is_dir() else "") for p in DATA_DIR.iterdir()
               if p.name != "bronnen.yaml" and p.name not in code_lists}
    present = {name for name, entry in entries.items() if entry["status"] != "ontbreekt"}
    assert on_disk == present  # every file described, nothing described that is not there
    for name, entry in entries.items():
        assert entry["status"] in {"bron", "afgeleid", "benadering", "ontbreekt"}
        if entry["status"] == "ontbreekt":
            assert not (DATA_DIR / name).exists(), f"{name}: status bijwerken na import"
            continue
        assert entry["bronnen"], name
        for source in entry["bronnen"]:
            assert source.get("opgehaald") or source.get("beschrijving")


def test_gemeenten_file_has_no_duplicate_codes() -> None:
    with Path(DATA_DIR / "gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        codes = [r["code"] for r in csv.DictReader(handle)]
    assert len(codes) == len(set(codes)) == 394


def test_population_stand_in_only_inside_an_explicitly_synthetic_run() -> None:
    from ketenmonitor.codes import SYNTHETIC_INHABITANTS, population, synthetic_population

    with pytest.raises(ConfigurationError):
        population("GM0654", date(2024, 1, 1))  # Borsele: no figure in the package
    with synthetic_population():
        assert population("GM0654", date(2024, 1, 1)) == SYNTHETIC_INHABITANTS
        assert population("GM0518", date(2024, 1, 1)) != SYNTHETIC_INHABITANTS
        with pytest.raises(ConfigurationError):
            population("GM9999", date(2024, 1, 1))
    with pytest.raises(ConfigurationError):
        population("GM0654", date(2024, 1, 1))


def test_region_is_chosen_by_ketenmonitor_regio(monkeypatch: pytest.MonkeyPatch) -> None:
    from ketenmonitor.core.settings import Settings

    monkeypatch.delenv("KETENMONITOR_REGION", raising=False)
    monkeypatch.delenv("KETENMONITOR_REGIO", raising=False)
    monkeypatch.setenv("REGION", "eu-west-1")  # an unprefixed variable never chooses the region
    assert Settings().region == "haaglanden"
    assert Settings(region="zeeland").region == "zeeland"
    monkeypatch.setenv("KETENMONITOR_REGIO", "utrecht")
    assert Settings().region == "utrecht"
