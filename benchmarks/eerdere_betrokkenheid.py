# SPDX-License-Identifier: EUPL-1.2
"""Eerdere betrokkenheid on the demo region: pipeline vs ground truth, per category (issue 15).

Runs the demo's stages up to the ground-truth comparison (simulate → pseudonymise → ingest →
link → derive → compare) and prints, for every category over all years from 2019, the share
according to the pipeline, according to the ground truth, and the difference; plus how often the
simulator produced each CBS boundary situation (rules EB-2 … EB-8 of docs/afleidingen.md).
Not a test: a measurement to put before/after figures in a report.

    PYTHONPATH=src python3 benchmarks/eerdere_betrokkenheid.py /tmp/eb-run [--alleen-analyse]

``--alleen-analyse`` skips the run and analyses an earlier one (e.g. made with older code).
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from ketenmonitor.demo.paths import DemoPaths
from ketenmonitor.demo.runner import _key, pseudonymise_exports
from ketenmonitor.derive import derive_all
from ketenmonitor.derive.sources import DeriveSources
from ketenmonitor.derive.validation import _LINKS, compare_with_ground_truth
from ketenmonitor.ingest import ingest_paths
from ketenmonitor.linkage import link_probabilistic
from ketenmonitor.simulate import SimulationConfig, run_simulation
from ketenmonitor.warehouse import connect

_AGREEMENT = """
SELECT t.eerdere_betrokkenheid AS simulator, a.eerdere_betrokkenheid AS afleiding, count(*) AS n
FROM memory.main.afg_melding a
JOIN read_parquet(?) t USING (bericht_id)
WHERE a.soort = 'MELDING' AND year(a.datum_ontvangst) >= 2019
GROUP BY ALL ORDER BY ALL
"""

# How often each boundary situation occurs, on the true persons (temp tables of derive_all).
_SITUATIONS = {
    "EB-2 opent casus, persoon in andere open casus": """
        SELECT count(*) FROM eerdere_betrokkenheid e JOIN melding m USING (partner, bericht_id)
        WHERE m.opent_casus AND e.eerdere_betrokkenheid LIKE 'VERVOLG%'""",
    "EB-3 casus van een betrokkene sluit op de meldingsdag": """
        SELECT count(DISTINCT m.bericht_id) FROM melding m
        JOIN bron_persoon bp ON bp.bron_id = m.bericht_id AND bp.partner = m.partner
         AND bp.direct_betrokken
        JOIN casus_persoon cp ON cp.persoon_id = bp.persoon_id AND cp.casus <> m.casus
        JOIN casus c ON c.partner = cp.partner AND c.casus = cp.casus
        WHERE m.opent_casus AND c.datum_afsluiting = m.datum_ontvangst""",
    "EB-4 melding onder heropend casusnummer": """
        SELECT count(*) FROM melding WHERE opent_casus AND episode > 0""",
    "EB-8 afsluiting alleen bij een latere melding": """
        SELECT count(*) FROM melding WHERE NOT opent_casus AND datum_afsluiting IS NOT NULL""",
}


def _run(paths: DemoPaths) -> None:
    config = SimulationConfig(regio="haaglanden", van=2017, tot=2025, schaal=1.0, seed=42)
    paths.prepare()
    run_simulation(config, paths.simulation)
    pseudonymise_exports(paths.exports, paths.deliveries, _key(paths), config.regio)
    ingest_paths([paths.deliveries], warehouse=paths.warehouse)
    con = connect(paths.warehouse)
    try:
        link_probabilistic(con)
        derive_all(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _analyse(paths: DemoPaths) -> None:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    peildatum = con.execute("SELECT peildatum FROM meta_peildatum").fetchall()[0][0]
    con.close()
    table = compare_with_ground_truth(paths.warehouse, paths.ground_truth, peildatum)
    print(f"{'categorie':<22}{'pijplijn':>10}{'grondwaarheid':>15}{'verschil pp':>13}")
    for row in table.to_pylist():
        if row["maat"] == "eerdere_betrokkenheid" and row["periode"] == "totaal":
            print(f"{row['categorie']:<22}{row['pijplijn'] or 0:>10.2f}"
                  f"{row['grondwaarheid'] or 0:>15.2f}{row['verschil_procentpunt'] or 0:>13.2f}")
    # The derivation on the true persons against the simulator's own CBS classes, per melding.
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{paths.warehouse}' AS wh (READ_ONLY)")
        truth = paths.ground_truth / "betrokkenen.parquet"
        con.execute(_LINKS.format(kind="persoon", column="persoon_id"), [str(truth)])
        con.execute(_LINKS.format(kind="huishouden", column="huishouden_id"), [str(truth)])
        derive_all(con, peildatum, DeriveSources("wh.main.", "gt_link_persoon",
                                                 "gt_link_huishouden"))
        rows = con.execute(_AGREEMENT, [str(paths.ground_truth / "eerdere_betrokkenheid.parquet")]
                           ).fetchall()
        total = sum(n for _s, _a, n in rows)
        same = sum(n for s, a, n in rows if s == a)
        print(f"afleiding op ware personen = simulator: {same} van {total} meldingen "
              f"({100 * same / total:.2f}%)")
        for s, a, n in rows:
            if s != a:
                print(f"  simulator {s:<20} afleiding {a:<20} {n}")
        for name, sql in _SITUATIONS.items():
            try:
                print(f"{name}: {con.execute(sql).fetchall()[0][0]}")
            except duckdb.Error as error:  # the old derivation has no episodes
                print(f"{name}: - ({type(error).__name__})")
    finally:
        con.close()


def main(out: Path, analyse_only: bool) -> None:
    paths = DemoPaths(out / "demo", out / "sleutel")
    if not analyse_only:
        _run(paths)
    _analyse(paths)


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--alleen-analyse" in sys.argv[2:])
