# SPDX-License-Identifier: EUPL-1.2
"""Table-driven check of the CBS *eerdere betrokkenheid* rules on hand-written VT histories.

All histories of ``case_histories.yaml`` are loaded into ONE in-memory warehouse (their numbers
and persons prefixed with the case id, so they cannot meet) and derived once, which keeps the
test fast however many histories are added.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from ketenmonitor.codes import code_list
from ketenmonitor.derive import derive_all
from ketenmonitor.linkage import link_deterministic
from ketenmonitor.warehouse import connect

HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "case_histories.yaml").read_text("utf-8"))
DOCS = HERE.parents[1] / "docs" / "afleidingen.md"
PEILDATUM = date(2022, 12, 31)
HANDLING = {"vb": "datum_veiligheidsbeoordeling", "mon_start": "datum_monitoring_start",
            "mon_einde": "datum_monitoring_einde", "afsluiting": "datum_afsluiting"}
DELIVERIES = {"d1": "2022-H1", "d2": "2022-H2"}


def _token(text: str | None) -> bytes | None:
    return hashlib.sha256(text.encode()).digest() if text else None


def _add_persons(con: duckdb.DuckDBPyConnection, bericht_id: str, delivery: str,
                 persons: list[tuple[str, str | None, str]]) -> None:
    for n, (rol, bsn, adres) in enumerate(persons, start=1):
        con.execute(
            "INSERT INTO betrokkene (delivery_id, partner, bron_id, volgnummer, rol, bsn_token,"
            " adres_token) VALUES (?, 'vt', ?, ?, ?, ?, ?)",
            [delivery, bericht_id, n, rol, _token(bsn), _token(adres)],
        )


def _person(spec: str, case: str) -> tuple[str, str | None, str]:
    rol, _sep, name = spec.rpartition(":")
    rol = rol or "SLACHTOFFER"
    return (rol, None if name == "?" else f"{case}-{name}", f"{case}-adres")


def _load(con: duckdb.DuckDBPyConnection) -> None:
    for delivery, period in DELIVERIES.items():
        con.execute("INSERT INTO ledger VALUES (?, 'vt', 'veilig_thuis', 'x', ?, 'c', '1.0', 'f',"
                    " 0, 0, 0, 'geladen', NULL, now())", [delivery, period])
    for case in CASES:
        cid = case["case"]
        for m in case["meldingen"]:
            cols: dict[str, Any] = {
                "bericht_id": f"{cid}-{m['id']}", "soort": m.get("soort", "MELDING"),
                "datum_ontvangst": m["datum"], "gemeente": "GM0503",
                "melder_organisatie": "JV_POLITIE", "melder_rol": "JUSTITIE_POLITIE",
                "aard": ["PARTNERGEWELD"],
                "casus_id": None if m["casus"] is None else f"{cid}-{m['casus']}",
            }
            cols.update({column: m[key] for key, column in HANDLING.items() if key in m})
            names = ", ".join(["delivery_id", "partner", *cols])
            marks = ", ".join(["?"] * (len(cols) + 2))
            con.execute(f"INSERT INTO vt_bericht ({names}) VALUES ({marks})",
                        [m.get("levering", "d1"), "vt", *cols.values()])
            _add_persons(con, cols["bericht_id"], m.get("levering", "d1"),
                         [_person(p, cid) for p in m["personen"]])
    link_deterministic(con)


@pytest.fixture(scope="module")
def classes() -> Iterator[dict[str, str | None]]:
    con = connect(":memory:")
    try:
        _load(con)
        derive_all(con, PEILDATUM)
        rows = con.execute("SELECT bericht_id, eerdere_betrokkenheid FROM afg_melding").fetchall()
        yield dict(rows)
    finally:
        con.close()


def _doc_rules() -> set[str]:
    return set(re.findall(r"\*\*(EB-\d+)\*\*", DOCS.read_text("utf-8")))


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_case_history(case: dict[str, Any], classes: dict[str, str | None]) -> None:
    got = {m: classes[f"{case['case']}-{m}"] for m in case["verwacht"]}
    assert got == case["verwacht"], f"{case['case']} ({case['rule']}): {case['titel']}"


def test_enough_histories_with_valid_classes_and_rules() -> None:
    assert len(CASES) >= 30
    assert len({c["case"] for c in CASES}) == len(CASES)
    valid = set(code_list("eerdere_betrokkenheid").codes)
    for case in CASES:
        assert case["rule"] in _doc_rules(), case["case"]
        assert case["verwacht"] and set(case["verwacht"].values()) <= valid, case["case"]


def test_every_documented_rule_is_exercised() -> None:
    documented = _doc_rules()
    assert documented, "docs/afleidingen.md names no EB rule"
    assert documented == {c["rule"] for c in CASES}
