# SPDX-License-Identifier: EUPL-1.2
"""``afg_opvang`` on hand-written shelter histories: the boundaries of the definitions (ADR 0026)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from ketenmonitor.derive.opvang import create_afg_opvang
from ketenmonitor.warehouse import connect

P = "vrouwenopvang_test"
# (traject, client person, aanmelding, soort, opname, vertrek)
HISTORIES: list[tuple[str, str | None, str, str, str | None, str | None]] = [
    # A: left 2020-03-15, back in exactly 12 calendar months later -> heropname
    ("A1", "pA", "2020-01-01", "OPVANG", "2020-01-01", "2020-03-15"),
    ("A2", "pA", "2021-03-10", "OPVANG", "2021-03-15", None),  # stay without vertrek
    # B: one day more than 12 months -> no heropname
    ("B1", "pB", "2020-01-01", "OPVANG", "2020-01-05", "2020-03-15"),
    ("B2", "pB", "2021-03-16", "OPVANG", "2021-03-16", "2021-05-01"),
    # C: ambulant only, then a stay: the ambulant help is no earlier stay
    ("C1", "pC", "2020-02-01", "AMBULANT", None, None),
    ("C2", "pC", "2020-06-01", "OPVANG", "2020-06-20", "2020-08-01"),
    # D: re-admitted on the day of leaving (transfer) -> heropname; aanmelding without opname
    ("D1", "pD", "2020-01-01", "OPVANG", "2020-01-02", "2020-04-30"),
    ("D2", "pD", "2020-04-30", "OPVANG", "2020-04-30", None),
    ("D3", "pD", "2020-09-01", "OPVANG", None, None),
    # E: 29 February: left 2023-02-28, admitted 2024-02-29 -> heropname
    ("E1", "pE", "2023-01-01", "OPVANG", "2023-01-02", "2023-02-28"),
    ("E2", "pE", "2024-02-29", "OPVANG", "2024-02-29", None),
    # F: no client delivered (not linked): never a heropname, still counted as opname
    ("F1", None, "2020-01-01", "OPVANG", "2020-01-01", "2020-02-01"),
    ("F2", None, "2020-03-01", "OPVANG", "2020-03-01", None),
]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@pytest.fixture(scope="module")
def afg() -> Iterator[dict[str, dict[str, Any]]]:
    con = connect(":memory:")
    con.execute("CREATE TABLE link_persoon (partner VARCHAR, bron_id VARCHAR, volgnummer INTEGER, "
                "persoon_id VARCHAR, methode VARCHAR)")
    for traject, client, aanmelding, soort, opname, vertrek in HISTORIES:
        con.execute(
            "INSERT INTO vo_traject (delivery_id, partner, traject_id, gemeente, datum_aanmelding, "
            "soort_hulp, datum_opname, datum_vertrek) VALUES ('d', ?, ?, 'GM0518', ?, ?, ?, ?)",
            [P, traject, _date(aanmelding), soort, _date(opname), _date(vertrek)])
        if client is None:
            continue
        # the client (volgnummer 1) and a child: only the SLACHTOFFER row decides
        for volgnummer, rol, person in ((1, "SLACHTOFFER", client), (2, "KIND", f"{client}-kind")):
            con.execute("INSERT INTO betrokkene (delivery_id, partner, bron_id, volgnummer, rol) "
                        "VALUES ('d', ?, ?, ?, ?)", [P, traject, volgnummer, rol])
            con.execute("INSERT INTO link_persoon VALUES (?, ?, ?, ?, 'test')",
                        [P, traject, volgnummer, person])
    create_afg_opvang(con)
    cursor = con.execute("SELECT * FROM afg_opvang")
    names = [d[0] for d in cursor.description]
    rows = {r[0]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}
    con.close()
    yield rows


def test_every_trajectory_is_one_row(afg: dict[str, dict[str, Any]]) -> None:
    assert sorted(afg) == sorted(h[0] for h in HISTORIES)


@pytest.mark.parametrize(("traject", "expected"), [
    ("A1", False), ("A2", True), ("B1", False), ("B2", False), ("C1", None), ("C2", False),
    ("D1", False), ("D2", True), ("D3", None), ("E1", False), ("E2", True), ("F1", False),
    ("F2", False),
])
def test_heropname_within_12_months(afg: dict[str, dict[str, Any]], traject: str,
                                    expected: bool | None) -> None:
    assert afg[traject]["heropname_12m"] is expected


def test_waiting_time_and_length_of_stay(afg: dict[str, dict[str, Any]]) -> None:
    assert afg["A1"]["wachtdagen"] == 0
    assert afg["B1"]["wachtdagen"] == 4
    assert afg["A2"]["wachtdagen"] == 5 and afg["A2"]["verblijfdagen"] is None  # still there
    assert afg["A1"]["verblijfdagen"] == 74
    assert afg["C1"]["wachtdagen"] is None and afg["C1"]["verblijfdagen"] is None  # ambulant
    assert afg["D3"]["wachtdagen"] is None  # aanmelding without opname
