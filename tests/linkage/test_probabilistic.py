# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from ketenmonitor.core.linkage_fallback import (
    NO_QUASI_IDENTIFIERS,
    TOO_FEW_TRAINING_PAIRS,
    fallback_explanation,
)
from ketenmonitor.linkage import ModelConfig, link_deterministic, link_probabilistic
from ketenmonitor.linkage.probabilistic import MIN_TRAINING_PAIRS
from ketenmonitor.warehouse import connect

RUN_1 = datetime(2025, 1, 10, 9, 0)
RUN_2 = datetime(2025, 7, 10, 9, 0)


def test_links_the_region_far_better_than_bsn_only(region: Any) -> None:
    con = region.warehouse()
    bsn_only = link_deterministic(con)
    _p, bsn_recall, bsn_f1 = region.scores(con)
    summary = link_probabilistic(con, run_at=RUN_1)
    precision, recall, f1 = region.scores(con)
    assert con.execute("SELECT count(*) FROM _eval").fetchall()[0][0] == summary.records
    missing_bsn = 1 - con.execute("SELECT avg((bsn_token IS NOT NULL)::INT) FROM betrokkene"
                                  ).fetchall()[0][0]
    assert missing_bsn > 0.15  # the situation of issue 3: a fifth without BSN
    assert f1 >= 0.97 and precision >= 0.98 and recall >= 0.97
    assert recall > bsn_recall + 0.2 and f1 > bsn_f1
    assert bsn_only.records == summary.records


def test_summary_adds_up_and_reports_the_model(region: Any) -> None:
    con = region.warehouse()
    s = link_probabilistic(con, run_at=RUN_1)
    assert s.method == "probabilistisch"
    assert s.records == s.linked_records + s.single_records + s.unlinked_records
    assert 0 < s.probabilistic_records < s.linked_records
    assert s.match_threshold == ModelConfig().match_threshold
    assert s.estimated_precision is not None and 0.98 < s.estimated_precision <= 1
    assert s.estimated_recall is not None and 0.9 < s.estimated_recall <= 1
    # The recall counts the expected true pairs no blocking rule proposes (issue 16).
    assert s.recall_method == "steekproef_niet_voorgestelde_paren"
    assert s.estimated_unproposed_matches is not None and s.estimated_unproposed_matches >= 0
    model = json.loads(s.model or "{}")
    assert [c["output_column_name"] for c in model["comparisons"]][:3] == [
        "bsn", "voornaam", "achternaam"]
    methods = dict(con.execute("SELECT methode, count(*) FROM link_persoon GROUP BY ALL").fetchall())
    assert methods.get("probabilistisch") == s.probabilistic_records
    assert methods.get("enkelvoudig") == s.single_records
    row = con.execute("SELECT method, records, single_records, estimated_recall, model "
                      "FROM link_samenvatting").fetchall()
    assert row == [(s.method, s.records, s.single_records, s.estimated_recall, s.model)]
    # Derivations read the same tables as before: one row per betrokkene in both link tables.
    for table in ("link_persoon", "link_huishouden"):
        assert con.execute(f"SELECT count(*), count(DISTINCT (partner, bron_id, volgnummer)) "
                           f"FROM {table}").fetchall() == [(s.records, s.records)]


def test_households_follow_events_persons_and_addresses(region: Any) -> None:
    con = region.warehouse()
    link_probabilistic(con, run_at=RUN_1)
    # Everyone in one event is in one household (also an ex-partner living elsewhere) ...
    split_events = con.execute("""SELECT count(*) FROM (SELECT partner, bron_id FROM link_huishouden
        GROUP BY ALL HAVING count(DISTINCT huishouden_id) > 1)""").fetchall()[0][0]
    assert split_events == 0
    # ... and a person keeps one household, also after moving.
    split_persons = con.execute("""SELECT count(*) FROM (SELECT p.persoon_id FROM link_persoon p
        JOIN link_huishouden h USING (partner, bron_id, volgnummer)
        GROUP BY ALL HAVING count(DISTINCT h.huishouden_id) > 1)""").fetchall()[0][0]
    assert split_persons == 0
    truth = con.execute(f"""SELECT count(DISTINCT h.huishouden_id), count(DISTINCT g.huishouden_id)
        FROM link_huishouden h JOIN read_parquet('{region.truth}') g
          ON g.bron_id = h.bron_id AND g.volgnummer = h.volgnummer
         AND h.partner = g.partner_type || '_{region.helper.REGION}'""").fetchall()[0]
    assert abs(truth[0] - truth[1]) <= 0.02 * truth[1]


def test_rerun_gives_the_same_ids_and_reuses_the_model(region: Any) -> None:
    con = region.warehouse()
    link_probabilistic(con, run_at=RUN_1)
    first = con.execute("SELECT * FROM link_persoon ORDER BY ALL").fetchall()
    households = con.execute("SELECT * FROM link_huishouden ORDER BY ALL").fetchall()
    trained_at = con.execute("SELECT trained_at FROM link_model").fetchall()
    link_probabilistic(con, run_at=RUN_2)
    assert con.execute("SELECT * FROM link_persoon ORDER BY ALL").fetchall() == first
    assert con.execute("SELECT * FROM link_huishouden ORDER BY ALL").fetchall() == households
    assert con.execute("SELECT trained_at FROM link_model").fetchall() == trained_at
    link_probabilistic(con, run_at=RUN_2, retrain=True)
    assert con.execute("SELECT trained_at FROM link_model").fetchall() != trained_at


def test_a_new_half_year_joins_existing_persons_without_renumbering(region: Any) -> None:
    con = connect(":memory:")
    region.helper.add_token_columns(con)
    tokens = region.tokens
    first_half = tokens.filter([d.split("-")[1] < "2021"
                                for d in tokens.column("delivery_id").to_pylist()])
    region.helper.load_betrokkenen(con, first_half)
    link_probabilistic(con, run_at=RUN_1)
    before = dict(((p, b, n), i) for p, b, n, i in con.execute(
        "SELECT partner, bron_id, volgnummer, persoon_id FROM link_persoon").fetchall())
    con.execute("DELETE FROM betrokkene")
    region.helper.load_betrokkenen(con, tokens)
    link_probabilistic(con, run_at=RUN_2)
    after = con.execute("SELECT partner, bron_id, volgnummer, persoon_id FROM link_persoon"
                        ).fetchall()
    assert len(after) > len(before)
    old_ids_per_new: dict[str, set[str]] = {}
    for p, b, n, i in after:
        if (p, b, n) in before:
            old_ids_per_new.setdefault(i, set()).add(before[(p, b, n)])
    kept = sum(1 for new, old in old_ids_per_new.items() if old == {new})
    # A person only changes id when the new data merges it with another known person.
    assert all(new in old for new, old in old_ids_per_new.items())
    assert kept >= 0.99 * len(old_ids_per_new)
    new_persons = {i for p, b, n, i in after if (p, b, n) not in before} - set(before.values())
    assert new_persons and all(i.startswith("P") for i in new_persons)


def test_without_quasi_identifier_tokens_it_falls_back_to_bsn(region: Any) -> None:
    con = region.warehouse()
    con.execute("UPDATE betrokkene SET voornaam_token = NULL, initiaal_token = NULL, "
                "achternaam_token = NULL, geboortedatum_token = NULL")
    summary = link_probabilistic(con, run_at=RUN_1)
    assert summary.method == "bsn_token" and summary.match_threshold is None
    assert summary.fallback_reason == NO_QUASI_IDENTIFIERS


@pytest.mark.parametrize("threshold", [0.5, 0.99])
def test_threshold_is_a_setting(region: Any, threshold: float) -> None:
    con = region.warehouse()
    summary = link_probabilistic(con, ModelConfig(match_threshold=threshold), run_at=RUN_1)
    assert summary.match_threshold == threshold
    assert region.scores(con)[2] >= 0.97


@pytest.mark.slow
def test_bloom_filters_add_dice_levels_when_delivered(region: Any) -> None:
    con = connect(":memory:")
    region.helper.load_betrokkenen(con, region.helper.tokenised_betrokkenen(region.exports,
                                                                           bloom=True))
    summary = link_probabilistic(con, run_at=RUN_1)
    model = json.loads(summary.model or "{}")
    labels = [lv["label_for_charts"] for c in model["comparisons"] for lv in c["comparison_levels"]]
    assert "voornaam lijkt sterk (Dice >= 0.75)" in labels and "postcode lijkt (Dice >= 0.6)" in labels
    assert region.scores(con)[2] >= 0.97
    without = link_probabilistic(con, ModelConfig(bloom=False), run_at=RUN_2)
    assert "_bloom" not in (without.model or "")


def test_too_few_pairs_to_train_falls_back_to_bsn(region: Any) -> None:
    con = connect(":memory:")
    region.helper.load_betrokkenen(con, region.tokens.slice(0, 40))
    summary = link_probabilistic(con, run_at=RUN_1)
    assert summary.method == "bsn_token" and summary.records == 40
    # a visible decision: recorded with its threshold in the summary table
    assert (summary.fallback_reason, summary.min_training_pairs) == (TOO_FEW_TRAINING_PAIRS,
                                                                     MIN_TRAINING_PAIRS)
    assert con.execute("SELECT fallback_reason, min_training_pairs FROM link_samenvatting"
                       ).fetchall() == [(TOO_FEW_TRAINING_PAIRS, MIN_TRAINING_PAIRS)]
    text = fallback_explanation(summary.fallback_reason, summary.min_training_pairs)
    assert text is not None and f"minder dan {MIN_TRAINING_PAIRS} paren" in text
    assert not con.execute("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_name = 'link_model'").fetchall()[0][0]


def test_trains_without_bsn_when_no_source_has_one(region: Any) -> None:
    con = region.warehouse()
    con.execute("UPDATE betrokkene SET bsn_token = NULL")
    summary = link_probabilistic(con, run_at=RUN_1)
    precision, recall, f1 = region.scores(con)
    assert summary.method != "bsn_token"
    assert f1 >= 0.95 and precision >= 0.95, (precision, recall, f1)
