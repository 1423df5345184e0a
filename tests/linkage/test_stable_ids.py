# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import hashlib
from datetime import datetime

import duckdb

from ketenmonitor.linkage.stable_ids import assign_stable_ids

T1, T2, T3 = datetime(2024, 1, 1), datetime(2024, 7, 1), datetime(2025, 1, 1)
Record = tuple[str, int]  # (bron_id, volgnummer); partner is always 'vt'


def _run(con: duckdb.DuckDBPyConnection, clusters: dict[Record, int], at: datetime
         ) -> dict[Record, str]:
    con.execute("CREATE OR REPLACE TABLE clusters (partner VARCHAR, bron_id VARCHAR, "
                "volgnummer INTEGER, cluster BIGINT)")
    con.executemany("INSERT INTO clusters VALUES ('vt', ?, ?, ?)",
                    [[b, n, c] for (b, n), c in clusters.items()])
    out = assign_stable_ids(con, "clusters", "register", "persoon_id", "P", at)
    rows = con.execute(f"SELECT bron_id, volgnummer, persoon_id FROM {out}").fetchall()
    return {(b, n): i for b, n, i in rows}


def _fresh(key: str) -> str:
    return "P" + hashlib.sha256(key.encode()).hexdigest()[:16]


def test_first_run_ids_come_from_the_smallest_record_key() -> None:
    ids = _run(duckdb.connect(), {("M2", 1): 7, ("M1", 1): 7, ("M3", 1): 9}, T1)
    assert ids[("M1", 1)] == ids[("M2", 1)] == _fresh("vt|M1|1")
    assert ids[("M3", 1)] == _fresh("vt|M3|1")


def test_same_input_same_ids_whatever_the_run_local_numbers() -> None:
    con = duckdb.connect()
    first = _run(con, {("M1", 1): 1, ("M2", 1): 1, ("M3", 1): 2}, T1)
    again = _run(con, {("M1", 1): 50, ("M2", 1): 50, ("M3", 1): 60}, T2)
    assert first == again


def test_new_records_join_existing_persons_and_merges_keep_the_oldest_id() -> None:
    con = duckdb.connect()
    first = _run(con, {("M5", 1): 1}, T1)  # person A, seen first
    second = _run(con, {("M5", 1): 1, ("M1", 1): 2}, T2)  # person B: smaller key, seen later
    assert second[("M5", 1)] == first[("M5", 1)]
    person_b = second[("M1", 1)]
    # A third delivery shows A and B are one person, with a new record: A's id (oldest) wins.
    third = _run(con, {("M5", 1): 3, ("M1", 1): 3, ("M9", 1): 3}, T3)
    assert set(third.values()) == {first[("M5", 1)]} and person_b != first[("M5", 1)]


def test_a_split_keeps_the_id_for_the_larger_part() -> None:
    con = duckdb.connect()
    first = _run(con, {("M1", 1): 1, ("M2", 1): 1, ("M3", 1): 1}, T1)
    old = first[("M1", 1)]
    split = _run(con, {("M1", 1): 1, ("M2", 1): 2, ("M3", 1): 2}, T2)
    assert split[("M2", 1)] == split[("M3", 1)] == old  # two records under the old id
    assert split[("M1", 1)] != old
    # M1 is the smallest key of its new cluster, but its hash is the id still in use: salted.
    assert split[("M1", 1)] != _fresh("vt|M1|1") or old != _fresh("vt|M1|1")
    assert split[("M1", 1)].startswith("P") and len(split[("M1", 1)]) == 17


def test_register_remembers_records_that_were_left_out() -> None:
    con = duckdb.connect()
    first = _run(con, {("M1", 1): 1, ("M2", 1): 1}, T1)
    _run(con, {("M2", 1): 1}, T2)  # M1 not delivered this time
    back = _run(con, {("M1", 1): 4}, T3)  # M1 re-delivered alone
    assert back[("M1", 1)] == first[("M1", 1)]
