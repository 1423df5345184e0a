# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import hashlib

import duckdb

from ketenmonitor.linkage import link_deterministic
from ketenmonitor.warehouse import connect


def _tok(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def _add(
    con: duckdb.DuckDBPyConnection, partner: str, bron: str, n: int, bsn: str | None,
    adres: str | None,
) -> None:
    con.execute(
        "INSERT INTO betrokkene (delivery_id, partner, bron_id, volgnummer, rol, bsn_token,"
        " adres_token) VALUES ('d', ?, ?, ?, 'SLACHTOFFER', ?, ?)",
        [partner, bron, n, _tok(bsn) if bsn else None, _tok(adres) if adres else None],
    )


def test_links_on_bsn_token_and_keeps_the_rest_visible() -> None:
    con = connect(":memory:")
    _add(con, "vt", "M1", 1, "111", "a1")
    _add(con, "pol", "P1", 1, "111", None)  # same person, other partner, no address
    _add(con, "pol", "P1", 2, None, "a1")  # no BSN: stays unlinked
    _add(con, "vt", "M2", 1, "222", "a2")
    summary = link_deterministic(con)
    assert (summary.records, summary.linked_records, summary.unlinked_records) == (4, 3, 1)
    assert summary.persons == 2 and summary.households == 2
    persons = dict(
        ((b, n), p) for b, n, p in
        con.execute("SELECT bron_id, volgnummer, persoon_id FROM link_persoon").fetchall()
    )
    assert persons[("M1", 1)] == persons[("P1", 1)] != persons[("P1", 2)]
    households = dict(
        ((b, n), (h, m)) for b, n, h, m in
        con.execute("SELECT bron_id, volgnummer, huishouden_id, methode FROM link_huishouden")
        .fetchall()
    )
    # The record without an address token takes the household of its co-betrokkene.
    assert households[("P1", 1)] == (households[("M1", 1)][0], "zelfde_gebeurtenis")
    assert con.execute("SELECT unlinked_records FROM link_samenvatting").fetchall() == [(1,)]


def test_ids_are_stable_across_runs_and_new_data() -> None:
    con = connect(":memory:")
    _add(con, "vt", "M1", 1, "111", "a1")
    link_deterministic(con)
    before = con.execute("SELECT persoon_id FROM link_persoon").fetchall()
    _add(con, "vt", "M0", 1, "999", "a9")  # a new delivery adds another person
    link_deterministic(con)
    after = con.execute(
        "SELECT persoon_id FROM link_persoon WHERE bron_id = 'M1'"
    ).fetchall()
    assert before == after
