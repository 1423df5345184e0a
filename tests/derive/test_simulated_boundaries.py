# SPDX-License-Identifier: EUPL-1.2
"""The derivation on the simulator's true persons reproduces the simulator's CBS classes.

The ground-truth comparison of the demo runs the same derivation twice (linkage vs true
persons), so it cannot see a derivation error. This test closes that gap: it loads a small
simulated region's Veilig Thuis exports with the true person ids and checks, melding by melding,
that the derived *eerdere betrokkenheid* equals the class the simulator recorded — including the
boundary situations the simulator now produces (EB-2, EB-3, EB-4, EB-8 in docs/afleidingen.md).
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.derive import derive_all
from ketenmonitor.ingest.loader import LOAD_CASTS
from ketenmonitor.simulate import SimulationConfig, run_simulation
from ketenmonitor.sources import load_mapping, read_export
from ketenmonitor.warehouse import connect

CONFIG = SimulationConfig(van=2019, tot=2023, schaal=0.03, seed=5)


def _insert(con: duckdb.DuckDBPyConnection, record_type: str, table: object) -> None:
    fields = {f.name: f.type for f in RECORD_TYPES[record_type].fields}
    con.register("_bron", table)
    present = [c for c in con.execute("SELECT * FROM _bron LIMIT 0").fetchdf().columns
               if c in fields]
    casts = ", ".join(f"{LOAD_CASTS[fields[c]].format(c=c)} AS {c}" for c in present)
    con.execute(f"INSERT INTO {record_type} BY NAME SELECT 'd' AS delivery_id, 'vt' AS partner, "
                f"{casts} FROM _bron")
    con.unregister("_bron")


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    out = tmp_path_factory.mktemp("sim")
    run_simulation(CONFIG, out)
    con = connect(":memory:")
    mapping = load_mapping("veilig_thuis")
    for period in sorted((out / "exports" / "veilig_thuis").iterdir()):
        for source in read_export(mapping, period):
            _insert(con, source.record_type, source.table)
    truth = out / "grondwaarheid"
    for kind, column in (("persoon", "persoon_id"), ("huishouden", "huishouden_id")):
        con.execute(f"""CREATE OR REPLACE TABLE link_{kind} AS
            SELECT 'vt' AS partner, bron_id, volgnummer, {column}, 'grondwaarheid' AS methode
            FROM read_parquet(?) WHERE partner_type = 'veilig_thuis'""",
                    [str(truth / "betrokkenen.parquet")])
    derive_all(con, CONFIG.peil)
    con.execute("CREATE TABLE simulator AS SELECT bericht_id, eerdere_betrokkenheid FROM "
                "read_parquet(?)", [str(truth / "eerdere_betrokkenheid.parquet")])
    yield con
    con.close()


def test_every_melding_gets_the_simulators_class(derived: duckdb.DuckDBPyConnection) -> None:
    rows = derived.execute("""
        SELECT s.eerdere_betrokkenheid, a.eerdere_betrokkenheid, count(*)
        FROM afg_melding a JOIN simulator s USING (bericht_id)
        WHERE a.soort = 'MELDING' GROUP BY ALL""").fetchall()
    total = sum(n for _s, _a, n in rows)
    wrong = {(s, a): n for s, a, n in rows if s != a}
    assert total > 1000
    assert wrong == {}


def test_the_boundary_situations_occur(derived: duckdb.DuckDBPyConnection) -> None:
    def count(sql: str) -> int:
        return int(derived.execute(sql).fetchall()[0][0])

    assert count("SELECT count(*) FROM melding WHERE opent_casus AND episode > 0") > 0  # EB-4
    assert count("SELECT count(*) FROM melding WHERE NOT opent_casus "
                 "AND datum_afsluiting IS NOT NULL") > 0  # EB-8
    assert count("SELECT count(*) FROM afg_melding WHERE opent_casus "
                 "AND eerdere_betrokkenheid LIKE 'VERVOLG%'") > 0  # EB-2
    assert count("""SELECT count(*) FROM melding m
        JOIN bron_persoon bp ON bp.bron_id = m.bericht_id AND bp.direct_betrokken
        JOIN casus_persoon cp ON cp.persoon_id = bp.persoon_id AND cp.casus <> m.casus
        JOIN casus c ON c.casus = cp.casus
        WHERE m.opent_casus AND c.datum_afsluiting = m.datum_ontvangst""") > 0  # EB-3

