# SPDX-License-Identifier: EUPL-1.2
"""Ground truth files next to the exports (contract B) and the run description."""

from __future__ import annotations

import json

import pyarrow.compute as pc
import pyarrow.parquet as pq

from ketenmonitor.simulate import SimulationResult
from ketenmonitor.simulate.names import elfproef


def test_ground_truth_files_have_the_contract_columns(written: SimulationResult) -> None:
    truth = written.truth
    betrokkenen = pq.read_table(truth / "betrokkenen.parquet")
    assert betrokkenen.column_names == ["partner_type", "bron_id", "volgnummer", "persoon_id",
                                        "huishouden_id"]
    personen = pq.read_table(truth / "personen.parquet")
    assert personen.column_names == ["persoon_id", "huishouden_id", "bsn", "voornamen",
                                     "tussenvoegsel", "achternaam", "geboortedatum", "geslacht",
                                     "postcode", "huisnummer"]
    assert str(personen.schema.field("geboortedatum").type) == "date32[day]"
    identiteiten = pq.read_table(truth / "identiteiten.parquet")
    assert {"bsn", "voornamen", "achternaam", "geboortedatum", "postcode",
            "huisnummer"} <= set(identiteiten.column_names)
    eb = pq.read_table(truth / "eerdere_betrokkenheid.parquet")
    assert eb.column_names == ["bericht_id", "casus_id", "eerdere_betrokkenheid", "groep"]


def test_every_betrokkene_record_has_a_true_person(written: SimulationResult) -> None:
    betrokkenen = pq.read_table(written.truth / "betrokkenen.parquet")
    personen = pq.read_table(written.truth / "personen.parquet")
    total = sum(c["betrokkene"] for c in written.summary["aantallen"].values())
    assert betrokkenen.num_rows == total
    keys = {(p, b, v) for p, b, v in zip(betrokkenen.column("partner_type").to_pylist(),
                                         betrokkenen.column("bron_id").to_pylist(),
                                         betrokkenen.column("volgnummer").to_pylist(),
                                         strict=True)}
    assert len(keys) == total  # (partner, bron_id, volgnummer) identifies a record
    assert set(betrokkenen.column("persoon_id").to_pylist()) == set(
        personen.column("persoon_id").to_pylist())
    assert all(elfproef(b) for b in personen.column("bsn").to_pylist())
    assert personen.column("persoon_id").to_pylist() == sorted(
        set(personen.column("persoon_id").to_pylist()))


def test_identity_variants_cover_what_the_exports_show(written: SimulationResult) -> None:
    identiteiten = pq.read_table(written.truth / "identiteiten.parquet")
    personen = pq.read_table(written.truth / "personen.parquet")
    written_bsns = set(identiteiten.column("bsn").drop_null().to_pylist())
    true_bsns = set(personen.column("bsn").to_pylist())
    assert len(written_bsns - true_bsns) > 0  # a few typos exist as variants
    assert len(written_bsns & true_bsns) > 0.9 * len(written_bsns)
    assert pc.any(pc.match_substring(identiteiten.column("voornamen"), ".")).as_py()


def test_run_description(written: SimulationResult) -> None:
    summary = json.loads((written.out / "simulatie.json").read_text("utf-8"))
    assert summary["config"] == {"regio": "haaglanden", "van": 2017, "tot": 2025, "schaal": 0.02,
                                 "seed": 5, "peildatum": "2025-12-31", "registratiefouten": 0.0}
    assert summary["peildatum"] == "2025-12-31"
    assert set(summary["aantallen"]) == {"veilig_thuis", "politie", "lokaal_team", "mda",
                                         "vrouwenopvang", "raad_kinderbescherming",
                                         "jeugdbescherming", "reclassering"}
    shares = summary["grondwaarheid"]["eerdere_betrokkenheid"]
    assert set(shares) == {"EERSTE_MELDING", "HERMELDING", "VERVOLGMELDING", "NIET_INGEDEELD"}
    assert 10 < summary["grondwaarheid"]["betrokkenen_zonder_bsn_procent"] < 30
