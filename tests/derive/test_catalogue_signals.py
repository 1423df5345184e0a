# SPDX-License-Identifier: EUPL-1.2
"""The derivations over the source catalogue (ADR 0023): a region's own kind with ``signaal: true``
shows up in "eerder signaal bij" without code; a package kind without it (the shelter) changes no
derived figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.delivery.catalogue import FOLDER_ENV
from ketenmonitor.derive import derive_all
from ketenmonitor.linkage import link_deterministic
from ketenmonitor.warehouse import connect

from .conftest import PEILDATUM, add_persons, build_scenario

GGD = """\
id: ggd_zorgmelding
label: GGD (zorgmeldingen)
omschrijving: Zorgmeldingen bij de GGD over personen in een kwetsbare situatie.
recordsoort:
  id: ggd_melding
  omschrijving: Zorgmelding bij de GGD.
  sleutel: [melding_id]
  peildatum: datum_melding
  bijdrage: {signaal: true}
  velden:
    - {naam: melding_id, type: text, verplicht: true}
    - {naam: gemeente, type: gemeente, verplicht: true}
    - {naam: datum_melding, type: date, verplicht: true, gebeurtenisdatum: true}
"""
TABLES = ("afg_melding", "afg_traject", "afg_betrokkene", "afg_mda")


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def _melding(con: duckdb.DuckDBPyConnection, bericht_id: str) -> dict[str, Any]:
    cursor = con.execute("SELECT * FROM afg_melding WHERE bericht_id = ?", [bericht_id])
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchall()[0], strict=True))


def test_a_region_kind_with_signaal_shows_up_in_eerder_signaal_bij(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bronnen"
    folder.mkdir()
    (folder / "ggd_zorgmelding.yaml").write_text(GGD, encoding="utf-8")
    monkeypatch.setenv(FOLDER_ENV, str(folder))
    con = connect(":memory:")  # the warehouse gets the region kind's table
    build_scenario(con)
    derive_all(con, PEILDATUM)
    before = _melding(con, "M7")
    assert before["eerder_signaal_12m"] is False  # D's advies was 14 months before
    # a GGD zorgmelding on person D three months before M7
    con.execute("INSERT INTO ggd_melding (delivery_id, partner, melding_id, gemeente, "
                "datum_melding) VALUES ('d5', 'ggd', 'G1', 'GM0503', DATE '2021-05-01')")
    add_persons(con, "ggd", "G1", [("SLACHTOFFER", "D", None)])
    link_deterministic(con)
    derive_all(con, PEILDATUM)
    after = _melding(con, "M7")
    assert after["eerder_signaal_12m"] is True
    assert after["eerder_signaal_bij"] == ["GGD_ZORGMELDING"]
    con.close()


def test_the_shelter_changes_no_derived_figure() -> None:
    con = connect(":memory:")
    build_scenario(con)
    derive_all(con, PEILDATUM)
    before = _snapshot(con)
    # the shelter took in person D (and A) shortly before meldingen about them
    con.execute(
        "INSERT INTO vo_traject (delivery_id, partner, traject_id, gemeente, datum_aanmelding, "
        "soort_hulp, datum_opname, datum_vertrek, reden_vertrek) VALUES "
        "('d6', 'opvang', 'V1', 'GM0503', DATE '2021-05-01', 'OPVANG', DATE '2021-05-03', "
        "DATE '2021-07-01', 'DOELEN_BEREIKT'), "
        "('d6', 'opvang', 'V2', 'GM0503', DATE '2021-04-01', 'AMBULANT', NULL, NULL, NULL)")
    add_persons(con, "opvang", "V1", [("SLACHTOFFER", "D", None)])
    add_persons(con, "opvang", "V2", [("SLACHTOFFER", "A", None)])
    link_deterministic(con)
    derive_all(con, PEILDATUM)
    assert _snapshot(con) == before
    con.close()
