# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from ketenmonitor.derive import derive_all

PEILDATUM = date(2021, 12, 31)  # same as the scenario fixture's peildatum


def _rows(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    cur = con.execute("SELECT * FROM afg_melding ORDER BY bericht_id")
    names = [d[0] for d in cur.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def test_eerdere_betrokkenheid_follows_cbs_rules(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    rows = _rows(scenario)
    assert {k: v["eerdere_betrokkenheid"] for k, v in rows.items()} == {
        "ADV1": None,
        "M1": "EERSTE",
        "M2": "VERVOLG_TIJDENS_VB",
        "M3": "VERVOLG_MONITORING",
        "M4": "HERMELDING_MEERDERE",
        "M5": "HERMELDING_EEN",
        "M6": "NIET_INGEDEELD",
        "M7": "EERSTE",
    }
    assert rows["M4"]["eerdere_betrokkenheid_groep"] == "HERMELDING"
    assert rows["M1"]["opent_casus"] and not rows["M2"]["opent_casus"]


def test_deadline_uses_dutch_working_days(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    rows = _rows(scenario)
    # Friday 10 January 2020 -> Tuesday 14 January: two working days.
    assert rows["M1"]["vb_werkdagen"] == 2 and rows["M1"]["vb_binnen_5_werkdagen"] is True
    # 1 May 2021 (Saturday) -> 20 May: 13 working days (Ascension Day 13 May excluded).
    assert rows["M4"]["vb_werkdagen"] == 13 and rows["M4"]["vb_binnen_5_werkdagen"] is False
    # Not assessed and long overdue at the peildatum: late, not unknown.
    assert rows["M6"]["vb_binnen_5_werkdagen"] is False
    assert rows["M2"]["vb_binnen_5_werkdagen"] is None  # vervolgmelding: not applicable


def test_pathway_after_melding(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    m1 = _rows(scenario)["M1"]
    assert m1["hulp_gestart"] is True and m1["dagen_tot_hulp"] == 16
    assert m1["gevolgd_12m"] is True  # local-team trajectory runs until 2021-02-01
    assert m1["gevolgd_18m"] is False
    assert m1["nieuwe_melding_12m_na_afsluiting"] is False  # next melding after > 365 days
    m4 = _rows(scenario)["M4"]
    assert m4["nieuwe_melding_12m_na_afsluiting"] is None  # 365 days not yet passed


def test_signals_and_first_melding(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    rows = _rows(scenario)
    assert rows["M4"]["eerder_signaal_12m"] is True  # police incident two months before
    assert rows["M1"]["eerder_signaal_12m"] is False
    assert rows["M7"]["eerder_signaal_12m"] is False  # the advies was 14 months before
    assert rows["M1"]["eerste_melding_persoon"] is True
    assert rows["M5"]["eerste_melding_persoon"] is False
    assert rows["ADV1"]["eerste_melding_persoon"] is None


def test_traject_sos_change(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    assert scenario.execute("SELECT sos_verschil, via_vt FROM afg_traject").fetchall() == [(4, True)]


def test_derive_is_repeatable(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    first = scenario.execute("SELECT * FROM afg_melding ORDER BY bericht_id").fetchall()
    derive_all(scenario, PEILDATUM)
    assert scenario.execute("SELECT * FROM afg_melding ORDER BY bericht_id").fetchall() == first


def test_handling_of_the_casus(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    rows = _rows(scenario)
    m1 = rows["M1"]
    assert (m1["acute_onveiligheid"], m1["structurele_onveiligheid"]) == (False, True)
    assert m1["onderzoek_dagen"] == 36 and m1["onderzoek_binnen_10_weken"] is True
    assert m1["uitkomst_onderzoek"] == "BEVESTIGD"
    assert m1["monitoring_start"] == date(2020, 1, 25)
    assert m1["aanvullende_informatie"] == ["EERGERELATEERD"]
    # still running on the peildatum, far beyond 70 days: late
    assert rows["M4"]["onderzoek_binnen_10_weken"] is False
    assert rows["M4"]["onderzoek_dagen"] is None
    # vervolgmeldingen carry no handling: it is registered once, with the casus
    assert rows["M2"]["structurele_onveiligheid"] is None
    assert rows["M2"]["onderzoek_binnen_10_weken"] is None


def test_earlier_signals_by_partner_and_children(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    rows = _rows(scenario)
    # M4 (2021-05-01): police incident P1 (2021-03-01) and local-team trajectory T1 (2020-02-01,
    # more than 365 days before) -> only the police
    assert rows["M4"]["eerder_signaal_bij"] == ["POLITIE"]
    assert rows["M1"]["eerder_signaal_bij"] is None
    assert rows["M7"]["kind_betrokken"] is True
    assert rows["M1"]["kind_betrokken"] is False
    assert rows["M1"]["aantal_direct_betrokkenen"] == 2


def test_persons_and_mda_tables(scenario: duckdb.DuckDBPyConnection) -> None:
    derive_all(scenario, PEILDATUM)
    persons = scenario.execute(
        "SELECT soort, rol, direct_betrokken FROM afg_betrokkene ORDER BY ALL"
    ).fetchall()
    assert ("ADVIES", "SLACHTOFFER", True) in persons
    assert len(persons) == 10  # one row per person per advies or melding
    columns = [d[0] for d in scenario.execute("SELECT * FROM afg_betrokkene").description]
    assert not any("id" in c or "token" in c for c in columns)
    mda = scenario.execute(
        "SELECT datum_aanmelding, wachtdagen, doorlooptijd_dagen, uitkomst, na_vt_melding "
        "FROM afg_mda ORDER BY datum_aanmelding"
    ).fetchall()
    # D1: person A had melding M5 on 2021-06-01, ten weeks before; D2: a person unknown to VT
    assert mda == [(date(2021, 8, 10), 14, 98, "VEILIGHEID_BEREIKT", True),
                   (date(2021, 9, 1), None, None, None, False)]
    traject = scenario.execute("SELECT wachtdagen, verwijzer FROM afg_traject").fetchall()
    assert traject == [(4, "VEILIG_THUIS")]
