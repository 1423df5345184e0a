# SPDX-License-Identifier: EUPL-1.2
"""A tiny hand-made warehouse whose every derived value is known in advance."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date

import duckdb
import pytest

from ketenmonitor.linkage import link_deterministic
from ketenmonitor.warehouse import connect


def token(text: str | None) -> bytes | None:
    return hashlib.sha256(text.encode()).digest() if text else None


def add_bericht(con: duckdb.DuckDBPyConnection, bericht_id: str, soort: str, ontvangst: date,
                casus: str | None, persons: list[tuple[str, str | None, str | None]],
                **handling: object) -> None:
    cols = {"bericht_id": bericht_id, "soort": soort, "datum_ontvangst": ontvangst,
            "gemeente": "GM0503", "melder_organisatie": "JV_POLITIE",
            "melder_rol": "JUSTITIE_POLITIE", "aard": ["PARTNERGEWELD"],
            "duur_geweld": "JAAR_TOT_5JAAR", "casus_id": casus, **handling}
    names = ", ".join(["delivery_id", "partner", *cols])
    marks = ", ".join(["?"] * (len(cols) + 2))
    con.execute(f"INSERT INTO vt_bericht ({names}) VALUES ({marks})", ["d1", "vt", *cols.values()])
    add_persons(con, "vt", bericht_id, persons)


def add_persons(con: duckdb.DuckDBPyConnection, partner: str, bron_id: str,
                persons: list[tuple[str, str | None, str | None]]) -> None:
    for n, (rol, bsn, adres) in enumerate(persons, start=1):
        con.execute(
            "INSERT INTO betrokkene (delivery_id, partner, bron_id, volgnummer, rol, bsn_token,"
            " adres_token) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ["d1", partner, bron_id, n, rol, token(bsn), token(adres)],
        )


def build_scenario(con: duckdb.DuckDBPyConnection) -> None:
    """Persons A, B, D with BSN; one record of A without BSN (only ground truth knows)."""
    for delivery, partner_type in (("d1", "veilig_thuis"), ("d2", "lokaal_team"), ("d3", "politie"),
                                   ("d4", "mda")):
        con.execute(
            "INSERT INTO ledger VALUES (?, ?, ?, 'x', '2021-H2', 'c', '1.0', 'f', 0, 0, 0,"
            " 'geladen', NULL, now())", [delivery, partner_type.split("_")[0], partner_type])
    a, b = ("SLACHTOFFER", "A", "adres1"), ("PLEGER", "B", "adres1")
    add_bericht(con, "M1", "MELDING", date(2020, 1, 10), "C1", [a, b],
                datum_veiligheidsbeoordeling=date(2020, 1, 14),
                uitkomst_veiligheidsbeoordeling="OVERDRACHT",
                overdracht_organisatie="LOKAAL_TEAM", datum_overdracht=date(2020, 1, 20),
                datum_monitoring_start=date(2020, 1, 25), datum_monitoring_einde=date(2020, 2, 20),
                datum_afsluiting=date(2020, 3, 1), acute_onveiligheid=False,
                structurele_onveiligheid=True, datum_onderzoek_start=date(2020, 1, 15),
                datum_onderzoek_einde=date(2020, 2, 20), uitkomst_onderzoek="BEVESTIGD",
                aanvullende_informatie=["EERGERELATEERD"])
    add_bericht(con, "M2", "MELDING", date(2020, 1, 12), "C1", [a])
    add_bericht(con, "M3", "MELDING", date(2020, 2, 1), "C1", [b])
    add_bericht(con, "M4", "MELDING", date(2021, 5, 1), "C2", [a, b],
                datum_veiligheidsbeoordeling=date(2021, 5, 20), datum_afsluiting=date(2021, 5, 20),
                datum_onderzoek_start=date(2021, 5, 21))
    add_bericht(con, "M5", "MELDING", date(2021, 6, 1), "C3", [a],
                datum_veiligheidsbeoordeling=date(2021, 6, 2))
    add_bericht(con, "M6", "MELDING", date(2021, 7, 1), "C4", [("SLACHTOFFER", None, None)])
    add_bericht(con, "M7", "MELDING", date(2021, 8, 2), "C5", [("KIND", "D", "adres2")])
    add_bericht(con, "ADV1", "ADVIES", date(2020, 6, 1), None, [("SLACHTOFFER", "D", "adres2")])
    con.execute(
        "INSERT INTO lt_traject (delivery_id, partner, traject_id, gemeente, datum_aanmelding,"
        " datum_start, datum_einde, verwijzer, sos_intake, sos_afsluiting) VALUES"
        " ('d2', 'lt', 'T1', 'GM0503', DATE '2020-02-01', DATE '2020-02-05',"
        "  DATE '2021-02-01', 'VEILIG_THUIS', 3, 7)"
    )
    add_persons(con, "lt", "T1", [a])
    con.execute(
        "INSERT INTO politie_incident (delivery_id, partner, incident_id, datum, gemeente,"
        " huisverbod, zorgmelding_vt) VALUES ('d3', 'pol', 'P1', DATE '2021-03-01', 'GM0503',"
        " true, false)"
    )
    add_persons(con, "pol", "P1", [("SLACHTOFFER", "A", None)])
    con.execute(
        "INSERT INTO mda_casus (delivery_id, partner, mda_id, gemeente, datum_aanmelding,"
        " datum_start, datum_einde, uitkomst) VALUES ('d4', 'mda', 'D1', 'GM0503',"
        " DATE '2021-08-10', DATE '2021-08-24', DATE '2021-11-30', 'VEILIGHEID_BEREIKT'),"
        " ('d4', 'mda', 'D2', 'GM0503', DATE '2021-09-01', NULL, NULL, NULL)"
    )
    add_persons(con, "mda", "D1", [("SLACHTOFFER", "A", "adres1")])
    add_persons(con, "mda", "D2", [("SLACHTOFFER", "E", "adres3")])
    link_deterministic(con)


# True ids per (partner_type, bron_id, volgnummer); the BSN-less victim of M6 is person A.
GROUND_TRUTH = {
    ("veilig_thuis", "M1", 1): "A", ("veilig_thuis", "M1", 2): "B", ("veilig_thuis", "M2", 1): "A",
    ("veilig_thuis", "M3", 1): "B", ("veilig_thuis", "M4", 1): "A", ("veilig_thuis", "M4", 2): "B",
    ("veilig_thuis", "M5", 1): "A", ("veilig_thuis", "M6", 1): "A", ("veilig_thuis", "M7", 1): "D",
    ("veilig_thuis", "ADV1", 1): "D", ("lokaal_team", "T1", 1): "A", ("politie", "P1", 1): "A",
    ("mda", "D1", 1): "A", ("mda", "D2", 1): "E",
}


PEILDATUM = date(2021, 12, 31)


@pytest.fixture()
def peildatum() -> date:
    return PEILDATUM


@pytest.fixture()
def scenario_builder() -> Callable[[duckdb.DuckDBPyConnection], None]:
    return build_scenario


@pytest.fixture()
def ground_truth() -> dict[tuple[str, str, int], str]:
    return GROUND_TRUTH


@pytest.fixture()
def scenario() -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(":memory:")
    build_scenario(con)
    yield con
    con.close()
