# SPDX-License-Identifier: EUPL-1.2
"""The derivations over the source catalogue (ADR 0023): a region's own kind with ``signaal: true``
shows up in "eerder signaal bij" without code, one that receives an overdracht and is followed
shows up in "hulp gestart na overdracht" and "gevolgd na 12/18 maanden"; a package kind without
those (the shelter) changes no derived figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.delivery.catalogue import FOLDER_ENV
from ketenmonitor.derive import derive_all
from ketenmonitor.linkage import link_deterministic
from ketenmonitor.warehouse import connect
from testsupport import region_folder

from .conftest import PEILDATUM, add_persons, build_scenario

# Invented for the test: a GGZ institution that receives Veilig Thuis's overdracht with code GGZ
# and whose running treatment counts as following the household.
GGZ_KIND = """\
id: ggz_behandeling
label: GGZ-instelling (behandeling na geweld)
omschrijving: Behandeltrajecten van een GGZ-instelling voor slachtoffers en plegers.
recordsoort:
  id: ggz_traject
  omschrijving: Behandeltraject bij de GGZ-instelling.
  sleutel: [traject_id]
  peildatum: datum_aanmelding
  bijdrage:
    traject_start: datum_start
    traject_einde: datum_einde
    hulp_start: datum_start
    overdracht: [GGZ]
    gevolgd: true
  velden:
    - {naam: traject_id, type: text, verplicht: true}
    - {naam: gemeente, type: gemeente, verplicht: true}
    - {naam: datum_aanmelding, type: date, verplicht: true, gebeurtenisdatum: true}
    - {naam: datum_start, type: date, gebeurtenisdatum: true}
    - {naam: datum_einde, type: date, gebeurtenisdatum: true}
"""

TABLES = ("afg_melding", "afg_traject", "afg_betrokkene", "afg_mda")


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def _melding(con: duckdb.DuckDBPyConnection, bericht_id: str) -> dict[str, Any]:
    cursor = con.execute("SELECT * FROM afg_melding WHERE bericht_id = ?", [bericht_id])
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchall()[0], strict=True))


def _deliver(con: duckdb.DuckDBPyConnection, insert: str,
             persons: dict[str, list[tuple[str, str | None, str | None]]]) -> None:
    """A partner's records (``insert``) and their persons (by record id), linked and derived."""
    con.execute(insert)
    for bron_id, people in persons.items():
        add_persons(con, "partner", bron_id, people)
    link_deterministic(con)
    derive_all(con, PEILDATUM)


def test_a_region_kind_with_signaal_shows_up_in_eerder_signaal_bij(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FOLDER_ENV, str(region_folder(tmp_path)))
    con = connect(":memory:")  # the warehouse gets the region kind's table
    build_scenario(con)
    derive_all(con, PEILDATUM)
    before = _melding(con, "M7")
    assert before["eerder_signaal_12m"] is False  # D's advies was 14 months before
    # a GGD zorgmelding on person D three months before M7
    _deliver(con, "INSERT INTO ggd_melding (delivery_id, partner, melding_id, gemeente, "
             "datum_melding) VALUES ('d5', 'partner', 'G1', 'GM0503', DATE '2021-05-01')",
             {"G1": [("SLACHTOFFER", "D", None)]})
    after = _melding(con, "M7")
    assert after["eerder_signaal_12m"] is True
    assert after["eerder_signaal_bij"] == ["GGD_ZORGMELDING"]
    con.close()


def _changed(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]],
             con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, tuple[Any, Any]]]:
    """Per bericht, the afg_melding columns whose value differs (the other tables must not)."""
    assert {t: after[t] for t in TABLES[1:]} == {t: before[t] for t in TABLES[1:]}
    names = [d[0] for d in con.execute("SELECT * FROM afg_melding LIMIT 0").description]
    old = {r[0]: dict(zip(names, r, strict=True)) for r in before["afg_melding"]}
    new = {r[0]: dict(zip(names, r, strict=True)) for r in after["afg_melding"]}
    assert old.keys() == new.keys()
    return {k: {c: (old[k][c], new[k][c]) for c in names if old[k][c] != new[k][c]}
            for k in old if old[k] != new[k]}


def test_a_region_kind_that_receives_an_overdracht_shows_up_in_the_pathway(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FOLDER_ENV, str(region_folder(tmp_path, {"ggz_behandeling.yaml": GGZ_KIND})))
    con = connect(":memory:")  # the warehouse gets the region kind's table
    build_scenario(con)
    # Veilig Thuis handed M7's casus (the child D) over to the GGZ on 10 August 2021
    con.execute("UPDATE vt_bericht SET overdracht_organisatie = 'GGZ', "
                "datum_overdracht = DATE '2021-08-10' WHERE bericht_id = 'M7'")
    derive_all(con, PEILDATUM)
    before = _snapshot(con)
    # no GGZ record yet: whether help started is unknown, not "no"
    assert _melding(con, "M7")["hulp_gestart"] is None
    _deliver(con, "INSERT INTO ggz_traject (delivery_id, partner, traject_id, gemeente, "
             "datum_aanmelding, datum_start, datum_einde) VALUES "
             "('d7', 'partner', 'G1', 'GM0503', DATE '2021-08-12', DATE '2021-08-20', NULL), "
             "('d7', 'partner', 'G2', 'GM0503', DATE '2021-05-20', DATE '2021-06-01', NULL)",
             {"G1": [("KIND", "D", None)], "G2": [("SLACHTOFFER", "A", None)]})
    assert _changed(before, _snapshot(con), con) == {
        # help started at the GGZ ten days after the overdracht
        "M7": {"hulp_gestart": (None, True), "dagen_tot_hulp": (None, 10)},
        # A's GGZ treatment runs on 10 July 2021, 18 months after M1: the household is followed
        "M1": {"gevolgd_18m": (False, True)},
    }  # and no "eerder signaal": the kind does not count as a signal
    con.close()


def test_the_shelter_changes_no_derived_figure() -> None:
    con = connect(":memory:")
    build_scenario(con)
    derive_all(con, PEILDATUM)
    before = _snapshot(con)
    # the shelter took in person D (and A) shortly before meldingen about them
    _deliver(con, "INSERT INTO vo_traject (delivery_id, partner, traject_id, gemeente, "
             "datum_aanmelding, soort_hulp, datum_opname, datum_vertrek, reden_vertrek) VALUES "
             "('d6', 'partner', 'V1', 'GM0503', DATE '2021-05-01', 'OPVANG', DATE '2021-05-03', "
             "DATE '2021-07-01', 'DOELEN_BEREIKT'), "
             "('d6', 'partner', 'V2', 'GM0503', DATE '2021-04-01', 'AMBULANT', NULL, NULL, NULL)",
             {"V1": [("SLACHTOFFER", "D", None)], "V2": [("SLACHTOFFER", "A", None)]})
    assert _snapshot(con) == before
    con.close()
