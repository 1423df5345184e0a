# SPDX-License-Identifier: EUPL-1.2
"""The shelter indicators (ADR 0026), recounted by hand from the fixture's ``afg_opvang`` rows,
and the rate per 10,000 women with and without CBS population by sex."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pyarrow as pa
import pytest
import yaml

from ketenmonitor.codes import bevolking, gemeenten
from ketenmonitor.codes.registry import DATA_DIR
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import CATALOGUE_DIR, Catalogue, load_indicator
from ketenmonitor.indicators.compiler import compile_indicator
from testsupport import population_by_sex

REGION_CODE = "VR_HAAGLANDEN"
RATE = "vrouwenopvang_instroom_per_10000_vrouwen"


def _cell(table: pa.Table, gebied: str, periode: str, categorie: str = "totaal") -> dict[str, Any]:
    for row in table.to_pylist():
        if (row["gebied_code"], row["periode"], row["categorie"]) == (gebied, periode, categorie):
            return dict(row)
    raise KeyError((gebied, periode, categorie))


def _haaglanden(rows: list[dict[str, Any]], column: str, period: str) -> list[dict[str, Any]]:
    members = {g.code for g in gemeenten("haaglanden", on=date(2019, 1, 1))}
    return [r for r in rows if r["gemeente"] in members and r[column] is not None
            and Period.parse(period).contains(r[column])]


@pytest.mark.parametrize("period", ["2019-H2", "2020", "2020-H2"])
def test_wait_readmission_and_destination_match_a_hand_count(
        results: dict[str, pa.Table], synthetic: ModuleType, period: str) -> None:
    rows = synthetic.opvang_rows()
    admitted = _haaglanden(rows, "datum_opname", period)
    wait = _cell(results["vrouwenopvang_wachttijd_opname"], REGION_CODE, period)
    assert wait["teller"] == len(admitted)
    assert wait["waarde"] == statistics.median(r["wachtdagen"] for r in admitted)
    again = _cell(results["vrouwenopvang_heropname_12_maanden"], REGION_CODE, period)
    assert (again["teller"], again["noemer"]) == (
        sum(bool(r["heropname_12m"]) for r in admitted), len(admitted))
    left = _haaglanden(rows, "datum_vertrek", period)
    counts = Counter(r["bestemming_vertrek"] for r in left)
    for code, n in counts.items():
        cell = _cell(results["vrouwenopvang_uitstroom_naar_bestemming"], REGION_CODE, period, code)
        assert (cell["teller"], cell["noemer"]) == (n, len(left))


def test_ambulant_help_and_aanmeldingen_without_opname_are_not_inflow(
        results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    rows = synthetic.opvang_rows()
    assert any(r["soort_hulp"] == "AMBULANT" for r in rows)
    assert any(r["soort_hulp"] == "OPVANG" and r["datum_opname"] is None for r in rows)
    stays = [r for r in _haaglanden(rows, "datum_opname", "2020") if r["soort_hulp"] == "OPVANG"]
    assert _cell(results[RATE], REGION_CODE, "2020")["teller"] == len(stays)


def test_without_population_by_sex_the_rate_stays_empty(results: dict[str, pa.Table]) -> None:
    """The package ships no CBS population by sex: no value is made up from total population."""
    assert not (DATA_DIR / bevolking.SEX_FILE).exists()
    for row in results[RATE].to_pylist():
        assert row["noemer"] is None and row["waarde"] is None


def _women(code: str, year: int) -> int:
    return 1000 + 10 * int(code[2:]) + year % 10  # synthetic, not CBS figures


@pytest.fixture
def by_sex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    codes = sorted(g.code for g in gemeenten("haaglanden", on=date(2019, 1, 1)))
    lines = ["gemeente_code,peildatum,inwoners,mannen,vrouwen"]
    for year in (2019, 2020):
        for code in codes:
            if (code, year) == ("GM0629", 2020):
                continue  # one figure missing
            women = _women(code, year)
            lines.append(f"{code},{year}-01-01,{2 * women},{women},{women}")
    yield from population_by_sex(monkeypatch, tmp_path, "\n".join(lines) + "\n")


def test_rate_per_10000_women_with_population_by_sex(
        by_sex: Path, warehouse: duckdb.DuckDBPyConnection, catalogue: Catalogue,
        periods: list[Period]) -> None:
    sql = compile_indicator(catalogue[RATE], "haaglanden", periods)
    table = warehouse.sql(sql).to_arrow_table()
    cell = _cell(table, "GM0518", "2019-H2")
    assert cell["noemer"] == _women("GM0518", 2019)
    assert cell["waarde"] == pytest.approx(10_000 * cell["teller"] / cell["noemer"])
    region = _cell(table, REGION_CODE, "2019")
    codes = {g.code for g in gemeenten("haaglanden", on=date(2019, 1, 1))}
    assert region["noemer"] == sum(_women(c, 2019) for c in codes)
    # 2020: Wassenaar has no figure, so neither it nor the region gets a value; the rest do
    assert _cell(table, "GM0629", "2020")["waarde"] is None
    assert _cell(table, REGION_CODE, "2020")["waarde"] is None
    assert _cell(table, "GM0518", "2020")["noemer"] == _women("GM0518", 2020)


def test_women_as_denominator_must_be_declared(tmp_path: Path) -> None:
    data = yaml.safe_load((CATALOGUE_DIR / f"{RATE}.yaml").read_text(encoding="utf-8"))
    del data["noemer"]["geslacht"]
    path = tmp_path / f"{RATE}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_indicator(path)
    assert "geslacht: V" in caught.value.message
