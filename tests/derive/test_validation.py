# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor.derive import derive_all
from ketenmonitor.derive.validation import compare_with_ground_truth
from ketenmonitor.warehouse import connect


def test_ground_truth_reveals_the_price_of_bsn_only_linkage(
    tmp_path: Path,
    scenario_builder: Callable[[duckdb.DuckDBPyConnection], None],
    ground_truth: dict[tuple[str, str, int], str],
    peildatum: date,
) -> None:
    warehouse = tmp_path / "wh.duckdb"
    con = connect(warehouse)
    scenario_builder(con)
    derive_all(con, peildatum)
    con.close()
    truth_dir = tmp_path / "grondwaarheid"
    truth_dir.mkdir()
    rows = [{"partner_type": t, "bron_id": b, "volgnummer": v, "persoon_id": p,
             "huishouden_id": "H" + ("2" if p == "D" else "1")}
            for (t, b, v), p in ground_truth.items()]
    pq.write_table(pa.Table.from_pylist(rows), truth_dir / "betrokkenen.parquet")

    table = compare_with_ground_truth(
        warehouse, truth_dir, peildatum, min_denominator=1
    ).to_pylist()
    by_key = {(r["maat"], r["categorie"], r["periode"]): r for r in table}
    # 7 meldingen in 2020-2021; M6 is "niet ingedeeld" with BSN-only linkage but, in truth, a
    # melding about person A while A's casus C3 is still open: a vervolgmelding (rule EB-2).
    niet = by_key[("eerdere_betrokkenheid", "NIET_INGEDEELD", "totaal")]
    assert niet["pijplijn"] == round(100 / 7, 2) and niet["grondwaarheid"] is None
    na_vb = by_key[("eerdere_betrokkenheid", "VERVOLG_NA_VB", "totaal")]
    assert na_vb["pijplijn"] is None
    assert na_vb["grondwaarheid"] == round(100 / 7, 2)
    een = by_key[("eerdere_betrokkenheid", "HERMELDING_EEN", "totaal")]
    assert een["pijplijn"] == een["grondwaarheid"] == round(100 / 7, 2)
    assert een["verschil_procentpunt"] == 0
    assert set(table[0]) == {"maat", "categorie", "categorie_label", "periode", "pijplijn",
                             "grondwaarheid", "verschil_procentpunt"}
