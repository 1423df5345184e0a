# SPDX-License-Identifier: EUPL-1.2
"""The compiler: pinned SQL and results per indicator, checked against a plain-Python count."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from types import ModuleType
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from syrupy.assertion import SnapshotAssertion

from ketenmonitor.codes import gemeenten, population
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compiler import compile_indicator, literal
from ketenmonitor.indicators.model import IndicatorDefinitie
from ketenmonitor.indicators.schema import RESULT_COLUMNS

REGION = "haaglanden"
IDS = list(load_catalogue())
HAAGLANDEN = {g.code for g in gemeenten(REGION, on=date(2019, 1, 1))}


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    return table.to_pylist()


def _cell(
    results: dict[str, pa.Table],
    indicator_id: str,
    gebied: str,
    periode: str,
    categorie: str = "totaal",
    dimensie: str | None = None,
) -> dict[str, Any]:
    for row in _rows(results[indicator_id]):
        key = (row["gebied_code"], row["periode"], row["categorie"])
        right_dimension = dimensie is None or row["dimensie"] == dimensie
        if key == (gebied, periode, categorie) and right_dimension:
            return row
    raise KeyError((indicator_id, gebied, periode, categorie))


def _in(period: str, day: date | None) -> bool:
    return day is not None and Period.parse(period).contains(day)


@pytest.mark.parametrize("indicator_id", IDS)
def test_sql_is_pinned(
    indicator_id: str, catalogue: Catalogue, periods: list[Period], snapshot: SnapshotAssertion
) -> None:
    sql = compile_indicator(catalogue[indicator_id], REGION, periods)
    assert sql == compile_indicator(catalogue[indicator_id], REGION, periods)
    assert sql == snapshot


@pytest.mark.parametrize("indicator_id", IDS)
def test_results_are_pinned(
    indicator_id: str, results: dict[str, pa.Table], snapshot: SnapshotAssertion
) -> None:
    table = results[indicator_id]
    assert tuple(table.column_names) == RESULT_COLUMNS
    lines = [
        f"{r['gebied_code']}|{r['periode']}|{r['dimensie']}|{r['categorie']}|{r['teller']}|"
        f"{r['noemer']}|{'NULL' if r['waarde'] is None else format(r['waarde'], '.10g')}"
        for r in _rows(table)
    ]
    assert lines == snapshot


def test_literal_quotes_and_dates() -> None:
    assert literal("'s-Gravenhage") == "'''s-Gravenhage'"
    assert literal(date(2024, 7, 1)) == "DATE '2024-07-01'"
    assert literal(12) == "12"


def test_every_area_period_and_category_is_present(
    results: dict[str, pa.Table], catalogue: Catalogue, periods: list[Period]
) -> None:
    for indicator_id, table in results.items():
        defn = catalogue[indicator_id]
        categories = 1 + sum(len(d.categories()) for d in defn.dimensies)
        assert table.num_rows == (len(HAAGLANDEN) + 1) * len(periods) * categories
        keys = [(r["gebied_code"], r["periode"], r["dimensie"], r["categorie"]) for r in _rows(table)]
        assert len(set(keys)) == len(keys)


def test_meldingen_per_1000_matches_a_plain_count(
    results: dict[str, pa.Table], synthetic: ModuleType
) -> None:
    rows = synthetic.melding_rows()
    for periode in ("2019-H1", "2019", "2020-H2"):
        start = Period.parse(periode).start
        count = sum(
            1
            for r in rows
            if r["soort"] == "MELDING" and r["gemeente"] in HAAGLANDEN and _in(periode, r["datum_ontvangst"])
        )
        inhabitants = sum(population(code, start) for code in HAAGLANDEN)
        cell = _cell(results, "meldingen_per_1000", "VR_HAAGLANDEN", periode)
        assert (cell["teller"], cell["noemer"]) == (count, inhabitants)
        assert cell["waarde"] == pytest.approx(1000 * count / inhabitants)


def test_melder_groups_count_empty_as_onbekend(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    rows = [
        r
        for r in synthetic.melding_rows()
        if r["soort"] == "MELDING" and r["gemeente"] == "GM0518" and _in("2019-H1", r["datum_ontvangst"])
    ]
    expected = Counter(r["melder_groep"] or "ONBEKEND" for r in rows)
    assert None in {r["melder_groep"] for r in synthetic.melding_rows()}
    for group in ("JUSTITIE_EN_VEILIGHEID", "ONBEKEND", "NVT", "VT_REGIONAAL_MAATWERK"):
        cell = _cell(results, "meldingen_naar_melder", "GM0518", "2019-H1", group)
        assert cell["teller"] == expected[group]
        assert cell["noemer"] == len(rows)
    assert (
        _cell(results, "meldingen_naar_melder", "GM0518", "2019-H1", "VT_REGIONAAL_MAATWERK")["teller"] == 0
    )


def test_multi_valued_aard_counts_each_kind(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    rows = [
        r
        for r in synthetic.melding_rows()
        if r["soort"] == "MELDING" and r["gemeente"] in HAAGLANDEN and _in("2020", r["datum_ontvangst"])
    ]
    expected = Counter(a for r in rows for a in set(r["aard"]))
    total = 0
    for code, count in expected.items():
        cell = _cell(results, "meldingen_naar_aard", "VR_HAAGLANDEN", "2020", code)
        assert (cell["teller"], cell["noemer"]) == (count, len(rows))
        total += cell["teller"]
    assert total > len(rows)  # several kinds per melding: shares add up to more than 100%


def test_median_days_to_help(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    values = [
        r["dagen_tot_hulp"]
        for r in synthetic.melding_rows()
        if r["overdracht_organisatie"] == "LOKAAL_TEAM"
        and r["hulp_gestart"]
        and r["gemeente"] in HAAGLANDEN
        and _in("2019", r["datum_overdracht"])
    ]
    cell = _cell(results, "dagen_tot_start_hulp", "VR_HAAGLANDEN", "2019")
    assert cell["teller"] == len(values)
    assert cell["waarde"] == pytest.approx(statistics.median(values))


def test_mean_signs_of_safety_change_by_end_date(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    rows = [r for r in synthetic.traject_rows() if _in("2019", r["datum_einde"])]
    changes = [r["sos_verschil"] for r in rows if r["sos_verschil"] is not None]
    cell = _cell(results, "verandering_signs_of_safety", "VR_HAAGLANDEN", "2019")
    assert (cell["teller"], cell["noemer"]) == (len(changes), len(rows))
    assert cell["waarde"] == pytest.approx(statistics.mean(changes))


def test_huisverbod_dated_by_order_or_incident(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    rows = synthetic.incident_rows()
    assert any(r["huisverbod"] and r["datum_huisverbod"] is None for r in rows)
    count = sum(1 for r in rows if r["huisverbod"] and _in("2019-H2", r["datum_huisverbod"] or r["datum"]))
    assert _cell(results, "huisverboden_per_10000", "VR_HAAGLANDEN", "2019-H2")["teller"] == count


def test_region_is_the_sum_of_its_gemeenten_and_year_of_its_halves(
    results: dict[str, pa.Table], catalogue: Catalogue
) -> None:
    for indicator_id, table in results.items():
        stock = catalogue[indicator_id].is_stand
        teller: dict[tuple[str, str, str, str], int] = {}
        for r in _rows(table):
            teller[(r["gebied_code"], r["periode"], r["dimensie"], r["categorie"])] = r["teller"]
        for (gebied, periode, dim, cat), value in teller.items():
            if gebied == "VR_HAAGLANDEN":
                assert value == sum(teller[(g, periode, dim, cat)] for g in HAAGLANDEN), indicator_id
            if "-H" not in periode:
                halves = [teller[(gebied, f"{periode}-H{h}", dim, cat)] for h in (1, 2)]
                # a stock on 31 December is the stock at the end of the second half-year
                assert value == (halves[-1] if stock else sum(halves)), indicator_id


def test_rows_outside_the_region_are_left_out(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    leiden = [r for r in synthetic.melding_rows() if r["gemeente"] == "GM0546"]
    assert leiden
    everywhere = sum(
        1
        for r in synthetic.melding_rows()
        if r["soort"] == "MELDING" and _in("2020-H1", r["datum_ontvangst"])
    )
    cell = _cell(results, "meldingen_per_1000", "VR_HAAGLANDEN", "2020-H1")
    assert cell["teller"] == everywhere - len(leiden)


def test_query_runs_on_empty_tables(
    catalogue: Catalogue, periods: list[Period], synthetic: ModuleType
) -> None:
    con = duckdb.connect()
    con.execute(synthetic.AFG_MELDING_DDL)
    table = con.sql(compile_indicator(catalogue["meldingen_naar_aard"], REGION, periods)).to_arrow_table()
    assert set(table.column("teller").to_pylist()) == {0}
    assert set(table.column("noemer").to_pylist()) == {0}
    assert set(table.column("waarde").to_pylist()) == {None}


def test_every_operator_compiles_and_counts_right(
    warehouse: duckdb.DuckDBPyConnection, periods: list[Period], synthetic: ModuleType
) -> None:
    defn = IndicatorDefinitie.model_validate(
        {
            "id": "proef",
            "volgorde": 99,
            "titel": "Proef",
            "definitie": "Alle operatoren samen.",
            "formule": "1.000 × casussen ÷ inwoners",
            "eenheid": "per_1000_inwoners",
            "teller": {
                "omschrijving": "Casussen",
                "bron": "afg_melding",
                "maat": "aantal_uniek",
                "kolom": "casus_id",
                "filters": [
                    {"kolom": "soort", "operator": "niet_gelijk", "waarde": "ADVIES"},
                    {"kolom": "melder_groep", "operator": "in", "waarde": ["JUSTITIE_EN_VEILIGHEID", "NVT"]},
                    {"kolom": "duur_geweld", "operator": "niet_in", "waarde": ["ONBEKEND"]},
                    {"kolom": "datum_ontvangst", "operator": "minimaal", "waarde": "2019-03-01"},
                    {"kolom": "vb_werkdagen", "operator": "maximaal", "waarde": 6},
                    {"kolom": "eerder_signaal_12m", "operator": "onwaar"},
                    {"kolom": "datum_overdracht", "operator": "leeg"},
                ],
            },
            "noemer": {"omschrijving": "Inwoners", "inwoners": True},
            "datumkolom": "datum_ontvangst",
            "bronnen": ["vt_bericht"],
            "cbs_opmerking": "Geen.",
            "richting": "neutraal",
            "thema": "Vergroting bereik Veilig Thuis",
        }
    )
    sql = compile_indicator(defn, REGION, periods)
    assert "b.duur_geweld IS NULL OR b.duur_geweld NOT IN ('ONBEKEND')" in sql
    assert "b.datum_ontvangst >= DATE '2019-03-01'" in sql
    rows = [
        r
        for r in synthetic.melding_rows()
        if r["soort"] != "ADVIES"
        and r["melder_groep"] in ("JUSTITIE_EN_VEILIGHEID", "NVT")
        and r["duur_geweld"] != "ONBEKEND"
        and r["datum_ontvangst"] >= date(2019, 3, 1)
        and r["vb_werkdagen"] is not None
        and r["vb_werkdagen"] <= 6
        and r["eerder_signaal_12m"] is False
        and r["datum_overdracht"] is None
        and r["gemeente"] in HAAGLANDEN
        and _in("2019", r["datum_ontvangst"])
    ]
    table = warehouse.sql(sql).to_arrow_table()
    cell = next(r for r in _rows(table) if (r["gebied_code"], r["periode"]) == ("VR_HAAGLANDEN", "2019"))
    assert cell["teller"] == len({r["casus_id"] for r in rows}) > 0


def test_waiting_list_is_a_stock_on_the_last_day(
    results: dict[str, pa.Table], synthetic: ModuleType
) -> None:
    rows = synthetic.traject_rows()

    def waiting(day: date) -> int:
        count = 0
        for r in rows:
            until = r["datum_start"] or r["datum_einde"]
            if r["datum_aanmelding"] <= day and (until is None or until > day):
                count += 1
        return count

    for periode in ("2019-H1", "2019-H2", "2020-H2"):
        cell = _cell(results, "wachtlijst_lokaal_team_per_10000", "VR_HAAGLANDEN", periode)
        assert cell["teller"] == waiting(Period.parse(periode).end) > 0
    year = _cell(results, "wachtlijst_lokaal_team_per_10000", "VR_HAAGLANDEN", "2019")
    assert year["teller"] == waiting(date(2019, 12, 31))


def test_onderzoek_deadline_counts_late_running_ones(
    results: dict[str, pa.Table], synthetic: ModuleType
) -> None:
    for periode in ("2019", "2020-H2"):
        rows = [
            r for r in synthetic.melding_rows()
            if r["onderzoek_binnen_10_weken"] is not None and r["gemeente"] in HAAGLANDEN
            and _in(periode, r["onderzoek_start"])
        ]
        cell = _cell(results, "onderzoek_binnen_10_weken", "VR_HAAGLANDEN", periode)
        assert cell["noemer"] == len(rows) > 0
        assert cell["teller"] == sum(1 for r in rows if r["onderzoek_binnen_10_weken"])
    # still running on the peildatum but past 10 weeks: counted as late
    assert any(r["onderzoek_einde"] is None and r["onderzoek_binnen_10_weken"] is False
               for r in rows)


def test_persons_by_sex_and_age(results: dict[str, pa.Table], synthetic: ModuleType) -> None:
    rows = [
        r for r in synthetic.betrokkene_rows()
        if r["soort"] == "MELDING" and r["rol"] == "KIND" and r["gemeente"] in HAAGLANDEN
        and _in("2020", r["datum_ontvangst"])
    ]
    ages = Counter(r["leeftijdsklasse"] for r in rows)
    sexes = Counter(r["geslacht"] or "O" for r in rows)
    indicator = "kinderen_naar_geslacht_en_leeftijd"
    for code, n in ages.items():
        cell = _cell(results, indicator, "VR_HAAGLANDEN", "2020", code, "leeftijdsklasse")
        assert (cell["teller"], cell["noemer"]) == (n, len(rows))
    for code, n in sexes.items():
        assert _cell(results, indicator, "VR_HAAGLANDEN", "2020", code, "geslacht")["teller"] == n


def test_earlier_signal_by_partner_is_multi_valued(
    results: dict[str, pa.Table], synthetic: ModuleType
) -> None:
    rows = [
        r for r in synthetic.melding_rows()
        if r["soort"] == "MELDING" and r["eerder_signaal_12m"] is not None
        and r["gemeente"] in HAAGLANDEN and _in("2019", r["datum_ontvangst"])
    ]
    expected = Counter(code for r in rows for code in r["eerder_signaal_bij"] or [])
    for code, n in expected.items():
        cell = _cell(results, "eerder_signaal_naar_partner", "VR_HAAGLANDEN", "2019", code)
        assert (cell["teller"], cell["noemer"]) == (n, len(rows))
    signalled = _cell(results, "eerder_signaal_12_maanden", "VR_HAAGLANDEN", "2019")["teller"]
    assert max(expected.values()) <= signalled <= sum(expected.values())
