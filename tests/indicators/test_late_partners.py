# SPDX-License-Identifier: EUPL-1.2
"""Indicators of the gecertificeerde instelling, the Raad voor de Kinderbescherming and the
reclassering (read straight from their record tables), recounted by hand from the fixture rows."""

from __future__ import annotations

from collections import Counter
from datetime import date
from types import ModuleType
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.codes import gemeenten
from ketenmonitor.core.periods import Period

REGION_CODE = "VR_HAAGLANDEN"

# indicator, fixture rows, date column of the period, dimension column
CASES = [
    ("jeugdbescherming_maatregelen_naar_soort", "gi_rows", "datum_start", "soort_maatregel"),
    ("raad_onderzoeken_naar_uitkomst", "rk_rows", "datum_uitkomst", "uitkomst"),
    ("reclassering_trajecten_naar_afloop", "rc_rows", "datum_einde", "afloop"),
]


def _cells(table: pa.Table, gebied: str, periode: str) -> dict[str, dict[str, Any]]:
    return {row["categorie"]: row for row in table.to_pylist()
            if (row["gebied_code"], row["periode"]) == (gebied, periode)}


@pytest.mark.parametrize(("indicator", "rows", "column", "dimension"), CASES)
@pytest.mark.parametrize("period", ["2019-H2", "2020", "2020-H2"])
def test_shares_match_a_hand_count(results: dict[str, pa.Table], synthetic: ModuleType,
                                   indicator: str, rows: str, column: str, dimension: str,
                                   period: str) -> None:
    members = {g.code for g in gemeenten("haaglanden", on=date(2019, 1, 1))}
    counted = [r for r in getattr(synthetic, rows)() if r["gemeente"] in members
               and r[column] is not None and Period.parse(period).contains(r[column])]
    assert counted, "the fixture must have records in this period"
    cells = _cells(results[indicator], REGION_CODE, period)
    assert (cells["totaal"]["teller"], cells["totaal"]["noemer"]) == (len(counted), len(counted))
    for code, n in Counter(r[dimension] for r in counted).items():
        assert (cells[code]["teller"], cells[code]["noemer"]) == (n, len(counted)), code


def test_running_records_are_not_counted(results: dict[str, pa.Table],
                                         synthetic: ModuleType) -> None:
    """An onderzoek without uitkomst or a traject without end is still running: no share."""
    running = [r for r in synthetic.rk_rows() if r["datum_uitkomst"] is None]
    assert running and all(r["uitkomst"] is None for r in running)
    closed = [r for r in synthetic.rk_rows() if r["datum_uitkomst"] is not None]
    total = sum(row["noemer"] or 0 for row in results["raad_onderzoeken_naar_uitkomst"].to_pylist()
                if row["gebied_code"] == REGION_CODE and row["categorie"] == "totaal"
                and len(row["periode"]) == 4)
    members = {g.code for g in gemeenten("haaglanden", on=date(2019, 1, 1))}
    assert total == sum(1 for r in closed if r["gemeente"] in members
                        and r["datum_uitkomst"].year in (2019, 2020))
