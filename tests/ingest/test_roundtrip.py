# SPDX-License-Identifier: EUPL-1.2
"""A pseudonymised export ingests cleanly, and no plain identifier reaches the warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.ingest import IngestStatus, ingest_paths
from ketenmonitor.pseudonymise import PseudonymKey, pseudonymise_tables


@dataclass(frozen=True)
class Source:
    record_type: str
    file: Path
    table: Any


NAMES = ("Wilhelmina", "Baarsma", "Theodorus", "Oudshoorn")
BSNS = ("111222333", "123456782")


def test_pseudonymised_export_loads_without_quarantine_or_identifiers(tmp_path: Path) -> None:
    berichten = pa.table({
        "bericht_id": ["VT-10", "VT-11"], "soort": ["MELDING", "ADVIES"],
        "datum_ontvangst": ["2024-01-03", "2024-05-20"], "gemeente": ["GM0629", "GM1783"],
        "melder_organisatie": ["ONDERWIJS", "ONDERWIJS"], "melder_rol": ["ONDERWIJS"] * 2,
        "aard": ["KINDERMISHANDELING", "PARTNERGEWELD|KINDERMISHANDELING"],
    })
    betrokkenen = pa.table({
        "bron_id": ["VT-10", "VT-10", "VT-11"], "volgnummer": ["1", "2", "1"],
        "rol": ["SLACHTOFFER", "PLEGER", "SLACHTOFFER"],
        "bsn": [BSNS[0], BSNS[1], None], "voornamen": [NAMES[0], NAMES[2], NAMES[0]],
        "tussenvoegsel": [None, None, None], "achternaam": [NAMES[1], NAMES[3], NAMES[1]],
        "geboortedatum": ["1979-08-17", "1977-01-02", "1979-08-17"],
        "postcode": ["2242 pq", "2242PQ", "2671 zz"], "huisnummer": ["8", "8", "103"],
        "huisnummer_toevoeging": [None, None, "b"], "geslacht": ["V", "M", "V"],
    })
    key = PseudonymKey(secret=bytes(range(100, 132)))
    out = tmp_path / "leveringen"
    pseudonymise_tables(
        [Source("vt_bericht", Path("b.csv"), berichten),
         Source("betrokkene", Path("p.csv"), betrokkenen)],
        key=key, partner="vt_haaglanden", period=Period.parse("2024-H1"), out_dir=out)
    warehouse = tmp_path / "wh.duckdb"
    report = ingest_paths([out], warehouse=warehouse, today=date(2025, 1, 1))
    assert [r.status for r in report.results] == [IngestStatus.GELADEN, IngestStatus.GELADEN]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*), count(bsn_token), count(DISTINCT adres_token), "
                           "list(leeftijdsklasse ORDER BY bron_id, volgnummer) FROM betrokkene"
                           ).fetchall() == [(3, 2, 2, ["25-44", "45-64", "25-44"])]
    data = warehouse.read_bytes()
    for value in (*NAMES, *BSNS, "1979-08-17", "2242PQ", "2242 pq", key.secret.hex()):
        assert value.encode() not in data
    assert key.secret not in data
