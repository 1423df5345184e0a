# SPDX-License-Identifier: EUPL-1.2
"""Quality and speed benchmark of linkage: tokens against plain identifiers, in one run.

Issue 3 asks that linkage on tokens is about as good as linkage on plain names: token F1 at least
plain-identifier Splink F1 − 0.002 on FEBRL4 and on the synthetic Dutch region, F1 ≥ 0.97 on the
region (about a fifth of its records lack a BSN), and at most 1.2× the plain run's time at 1 M
records. This script prepares each dataset once and runs every method in a fresh process (so that
its peak memory is its own): (1) Splink 5 on plain identifiers, the reference
(:mod:`_linkage_plain`), also with the token linkage's clustering; (2) our token linkage as the
product runs it (``ketenmonitor.linkage.link_probabilistic`` on the tokens and Bloom filters of
``pseudonymise --bloom``); (3) the same without the Bloom filters; (4) BSN only
(``link_deterministic``). Targets and report: :mod:`_linkage_report`.

    python benchmarks/linkage.py [--schalen 10000,100000,1000000] [--uitvoer benchmarks/results]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from _common import machine_info, nl, now_iso
from _linkage_data import ID_TOKEN, Dataset, febrl4_table, prepare, retokenise, synthetic_table
from _linkage_plain import plain_splink
from _linkage_report import _ratio, targets, write
from _linkage_standard import THRESHOLDS, standard_splink
from ketenmonitor.pseudonymise.identity import BLOOM_FIELDS

__all__ = ["LABELS", "METHODS", "evaluate", "main", "run", "targets", "worker"]

METHODS = ("plain_standaard", "plain", "plain_beperkt", "tokens", "tokens_zonder_bloom", "bsn")
LABELS = {
    "plain_standaard": "standaard-Splink op platte namen (sterkste referentie)",
    "plain": "Splink op platte identificatoren, spiegel van het tokenontwerp",
    "plain_beperkt": ("idem, met harde voorwaarden: BSN als must-link, ander BSN of alleen andere "
                      "geboortejaren als cannot-link, behalve als het precies de jaren van het "
                      "paar zelf zijn (bij elk paar, zonder de jaarvoorwaarde van de "
                      "tokenkoppeling)"),
    "tokens": "tokenkoppeling (tokens en Bloomfilters, standaard)",
    "tokens_zonder_bloom": "tokenkoppeling zonder Bloomfilters",
    "bsn": "alleen BSN-token (deterministisch)",
}
WORKER_TIMEOUT = 3 * 3600
DEFINITION = (
    "Paarsgewijs over de clusters: een paar records is een voorspelde koppeling als beide "
    "records hetzelfde persoon-id krijgen, en een ware koppeling als ze in de grondwaarheid "
    "dezelfde persoon zijn. Precisie = juiste paren / voorspelde paren, recall = juiste paren / "
    "ware paren, F1 = harmonisch gemiddelde. Elke methode ontdubbelt alle records van een "
    "dataset samen (zoals de pijplijn alle partners samen koppelt). FEBRL4: bestand A en B "
    "samen; de ware paren zijn de 5.000 paren origineel–duplicaat, dus een koppeling binnen A of "
    "binnen B telt als fout-positief. FEBRL4 heeft geen BSN: het id-nummer (soc_sec_id) heeft "
    "geen controlecijfer, terwijl de pseudonimisering alleen BSN's tokeniseert die de elfproef "
    "doorstaan (en de koppeling daarop mag vertrouwen). Alle methoden koppelen FEBRL4 daarom op "
    "naam, geboortedatum, postcode en huisnummer (de referentie op de platte tekst met "
    "Jaro-Winkler en Damerau-Levenshtein, de tokenkoppeling op tokens en Bloomfilters van "
    "dezelfde velden); alleen 'alleen BSN-token' gebruikt daar het getokeniseerde id-nummer."
)


# --- our linkage on tokens (the warehouse path) -------------------------------------------------

def _warehouse(folder: Path, method: str, with_bloom: bool) -> duckdb.DuckDBPyConnection:
    """A fresh warehouse whose ``betrokkene`` table holds the token file, as ingest loads it."""
    from ketenmonitor.warehouse import connect

    path = folder / f"warehouse_{method}.duckdb"
    path.unlink(missing_ok=True)
    con = connect(path)
    table_columns = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'betrokkene'"
    ).fetchall()}
    file_columns = pq.read_schema(folder / "tokens.parquet").names
    skip = {"partner"} | (set() if with_bloom else set(BLOOM_FIELDS))
    sources = {c: c for c in file_columns if c in table_columns and c not in skip}
    if method == "bsn" and ID_TOKEN in file_columns:  # FEBRL4: its id number stands in for BSN
        sources["bsn_token"] = ID_TOKEN
    targets = ", ".join(f'"{c}"' for c in sources)
    values = ", ".join(f'"{c}"' for c in sources.values())
    con.execute(f"INSERT INTO betrokkene (delivery_id, partner, {targets}) "
                f"SELECT 'benchmark-' || partner, partner, {values} FROM read_parquet(?)",
                [str(folder / "tokens.parquet")])
    return con


def _clusters_from_link_persoon(con: duckdb.DuckDBPyConnection, folder: Path) -> Any:
    return con.execute(
        "SELECT t.unique_id, l.persoon_id AS cluster FROM link_persoon l "
        "JOIN read_parquet(?) t USING (partner, bron_id, volgnummer)",
        [str(folder / "tokens.parquet")]).to_arrow_table()


def warehouse_linkage(folder: Path, method: str, grid_wanted: bool = True
                      ) -> tuple[Any, dict[str, Any], dict[float, Any]]:
    """Our linkage as the pipeline runs it, on a fresh warehouse: ``link_probabilistic`` with its
    default model (so it trains within the measured time; with the Bloom filters except for
    ``tokens_zonder_bloom``), or ``link_deterministic`` for BSN only. With ``grid_wanted`` also
    the clusters at each of :data:`THRESHOLDS` (with the stored model, after the timed run)."""
    from ketenmonitor.linkage import ModelConfig, link_deterministic, link_probabilistic

    bloom = method == "tokens"
    clock = time.perf_counter()
    con = _warehouse(folder, method, with_bloom=bloom)
    loaded = time.perf_counter() - clock
    summary = (link_deterministic(con) if method == "bsn"
               else link_probabilistic(con, ModelConfig(bloom=bloom), retrain=True))
    table = _clusters_from_link_persoon(con, folder)
    laps = {"laden": loaded, "koppelen": time.perf_counter() - clock - loaded}
    kept = {k: v for k, v in vars(summary).items()
            if k != "model" and isinstance(v, str | int | float | bool | None)}
    grid: dict[float, Any] = {}
    if method != "bsn" and grid_wanted:  # the stored model, clustered again at each threshold
        for at in THRESHOLDS:
            link_probabilistic(con, ModelConfig(bloom=bloom, match_threshold=at))
            grid[at] = _clusters_from_link_persoon(con, folder)
    return table, {"stappen_seconden": laps, "samenvatting": kept}, grid


# --- worker process -----------------------------------------------------------------------------

def peak_rss_mib() -> float:
    """Peak resident memory of this process (``VmHWM``). Not ``getrusage``: Linux carries the
    parent's RSS at fork into the child's ``ru_maxrss`` across ``exec``, so a worker started from
    a big parent would report the parent's size."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no procfs (not Linux)


def worker(method: str, folder: Path, grid_wanted: bool = True) -> None:
    """Run one method in this (fresh) process; write its clusters and its measurement (time and
    peak memory of the production run; the threshold grid comes after and is not timed)."""
    from ketenmonitor.linkage import ModelConfig

    start = time.perf_counter()
    grid: dict[float, Any] = {}
    if method == "plain_standaard":
        table, details, grid = standard_splink(folder, ModelConfig().match_threshold,
                                               ModelConfig().seed)
    elif method.startswith("plain"):
        table, details = plain_splink(folder, constrained=method == "plain_beperkt")
    else:
        table, details, grid = warehouse_linkage(folder, method, grid_wanted)
    seconds = time.perf_counter() - start
    peak = peak_rss_mib()
    pq.write_table(table, folder / f"clusters_{method}.parquet")
    for at, clusters in (grid if grid_wanted else {}).items():
        pq.write_table(clusters, folder / f"clusters_{method}@{at}.parquet")
    measured = {"seconds": seconds, "peak_rss_mib": peak, "drempels": sorted(grid),
                "belasting_1min": os.getloadavg()[0], **details}
    (folder / f"meting_{method}.json").write_text(json.dumps(measured), encoding="utf-8")


def evaluate(folder: Path, method: str) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of a method's clusters (``clusters_{method}.parquet``;
    ``method`` may carry ``@threshold``) against the ground truth."""
    return _evaluate(folder, method)


def best_threshold(folder: Path, method: str, thresholds: Sequence[float]) -> dict[str, Any]:
    """F1 at each threshold of the grid and the best of them (None without a grid)."""
    if not thresholds:
        return {}
    scores = {at: evaluate(folder, f"{method}@{at}") for at in thresholds}
    from ketenmonitor.linkage import ModelConfig

    production = ModelConfig().match_threshold  # ties go to the threshold nearest production
    best = max(scores, key=lambda at: (scores[at]["f1"], -abs(at - production)))
    return {"f1_per_drempel": {str(at): scores[at]["f1"] for at in thresholds},
            "beste_drempel": best, "f1_beste_drempel": scores[best]["f1"],
            "precisie_beste_drempel": scores[best]["precision"],
            "recall_beste_drempel": scores[best]["recall"]}


def _evaluate(folder: Path, method: str) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of a method's clusters against the ground truth."""
    con = duckdb.connect()
    try:
        row = con.execute(
            """
            WITH j AS (
              SELECT c.cluster, w.persoon FROM read_parquet(?) w
              LEFT JOIN read_parquet(?) c USING (unique_id)
            ), sizes AS (
              SELECT (SELECT sum(n * (n - 1) // 2) FROM
                        (SELECT count(*) AS n FROM j GROUP BY cluster, persoon)) AS tp,
                     (SELECT sum(n * (n - 1) // 2) FROM
                        (SELECT count(*) AS n FROM j GROUP BY cluster)) AS predicted,
                     (SELECT sum(n * (n - 1) // 2) FROM
                        (SELECT count(*) AS n FROM j GROUP BY persoon)) AS truth
            )
            SELECT (SELECT count(*) FROM j), (SELECT count(*) FROM j WHERE cluster IS NULL),
                   (SELECT count(DISTINCT cluster) FROM j), tp, predicted, truth FROM sizes
            """,
            [str(folder / "waarheid.parquet"), str(folder / f"clusters_{method}.parquet")],
        ).fetchall()[0]
    finally:
        con.close()
    records, missing, clusters, tp, predicted, truth = (int(v or 0) for v in row)
    if missing:
        raise RuntimeError(f"{method}: {missing} records zonder cluster")
    precision = tp / predicted if predicted else 1.0
    recall = tp / truth if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"records": records, "clusters": clusters, "true_positive_pairs": tp,
            "predicted_pairs": predicted, "true_pairs": truth, "precision": precision,
            "recall": recall, "f1": f1}


def pair_completeness(folder: Path) -> dict[str, Any]:
    """Share of the true pairs that at least one prediction blocking rule of the token linkage
    (``splink_model.PREDICTION_BLOCKING``, before any narrowing over the pair budget, which does
    not narrow below a million records) proposes, and the pairs each rule proposes."""
    from ketenmonitor.linkage.blocking import count_pairs, rule_columns, rule_sql
    from ketenmonitor.linkage.splink_model import PREDICTION_BLOCKING

    con = duckdb.connect()
    try:
        present = set(pq.read_schema(folder / "tokens.parquet").names)
        rules = [rule for rule in PREDICTION_BLOCKING if rule_columns(rule) <= present]
        con.execute("CREATE TABLE t AS SELECT * FROM read_parquet(?) x "
                    "JOIN read_parquet(?) y USING (unique_id)",
                    [str(folder / "tokens.parquet"), str(folder / "waarheid.parquet")])
        proposed = " OR ".join(f"({rule_sql(rule, 'a', 'b')}) OR ({rule_sql(rule, 'b', 'a')})"
                               for rule in rules)
        true_pairs, found = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE coalesce({proposed}, false)) FROM t a "
            "JOIN t b ON a.persoon = b.persoon AND a.unique_id < b.unique_id").fetchall()[0]
        pairs = {" + ".join(rule): count_pairs(con, "t", rule) for rule in rules}
    finally:
        con.close()
    return {"ware_paren": int(true_pairs), "voorgesteld": int(found),
            "volledigheid": found / true_pairs if true_pairs else 1.0, "paren_per_regel": pairs}


def run_method(method: str, dataset: Dataset, grid_wanted: bool = True) -> dict[str, Any]:
    """One method on one dataset in a fresh process, then its evaluation."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--werker", method,
         "--gegevens", str(dataset.folder), *(() if grid_wanted else ("--zonder-drempels",))],
        capture_output=True, text=True, timeout=WORKER_TIMEOUT, check=False)
    process_seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-12:]
        return {"status": "mislukt", "label": LABELS[method], "fout": "\n".join(tail),
                "process_seconds": process_seconds}
    measured = json.loads((dataset.folder / f"meting_{method}.json").read_text(encoding="utf-8"))
    return {"status": "gemeten", "label": LABELS[method], **evaluate(dataset.folder, method),
            **best_threshold(dataset.folder, method, measured["drempels"]),
            **measured, "process_seconds": process_seconds}


def unavailable(method: str, dataset: Dataset) -> str | None:
    """Why a method cannot run on this dataset (the package does not offer it yet), or None."""
    if method in ("tokens", "tokens_zonder_bloom"):
        import ketenmonitor.linkage as linkage

        if not hasattr(linkage, "link_probabilistic"):
            return "ketenmonitor.linkage.link_probabilistic bestaat (nog) niet"
    if method == "tokens" and "voornaam_bloom" not in pq.read_schema(
            dataset.folder / "tokens.parquet").names:
        return "de pseudonimisering maakt (nog) geen Bloomfilters"
    return None


# --- the run ------------------------------------------------------------------------------------

def _datasets(schalen: Sequence[int], febrl_links: int | None, seed: int, root: Path) -> Any:
    """Prepared datasets one at a time (the previous one's tables are freed in between)."""
    clock = time.perf_counter()
    table, info = febrl4_table(febrl_links)
    dataset = prepare("febrl4", "FEBRL4", table, info, root / "febrl4", dutch=False)
    yield dataset, time.perf_counter() - clock, table
    del table
    for target in schalen:
        clock = time.perf_counter()
        table, info = synthetic_table(target, seed)
        info["doel_records"] = target
        label = f"synthetische regio, ~{nl(target, 0)} records"
        dataset = prepare(f"synthetisch_{target}", label, table, info,
                          root / f"synthetisch_{target}", dutch=True)
        yield dataset, time.perf_counter() - clock, table
        del table


def key_spread(dataset: Dataset, table: Any, first: dict[str, Any], keys: int) -> dict[str, Any]:
    """The token linkage under ``keys`` secret keys in all (the first run's key and ``keys`` − 1
    fresh ones): F1 at the production threshold per key, and its range. The key decides which
    tokens collide in a 64-bit code and which Bloom bits overlap, and the random samples of
    training see other pairs, so F1 moves a little with the key (issue 16)."""
    runs = [{"sleutel_id": dataset.info["sleutel_id"], "f1": first["f1"],
             "precision": first["precision"], "recall": first["recall"]}]
    for _ in range(keys - 1):
        key_id = retokenise(dataset, table)
        result = run_method("tokens", dataset, grid_wanted=False)
        if result["status"] != "gemeten":
            return {"sleutels": runs, "fout": result.get("fout")}
        runs.append({"sleutel_id": key_id, "f1": result["f1"], "precision": result["precision"],
                     "recall": result["recall"]})
    f1s = [r["f1"] for r in runs]
    return {"sleutels": runs, "f1_min": min(f1s), "f1_max": max(f1s),
            "f1_spreiding": max(f1s) - min(f1s)}


def run(schalen: Sequence[int], febrl_links: int | None, methods: Sequence[str], seed: int,
        out: Path, workdir: Path | None = None, keys: int = 5) -> dict[str, Any]:
    results: dict[str, Any] = {
        "created_at": now_iso(), "machine": machine_info(),
        "config": {"schalen": list(schalen), "febrl4_ware_koppelingen": febrl_links or 5000,
                   "methoden": list(methods), "seed": seed, "sleutels": keys,
                   "drempels": list(THRESHOLDS)},
        "definitie": DEFINITION, "methoden": {m: LABELS[m] for m in methods}, "datasets": {},
    }
    with tempfile.TemporaryDirectory(prefix="ketenmonitor-koppeling-", dir=workdir) as tmp:
        for dataset, prepare_seconds, table in _datasets(schalen, febrl_links, seed, Path(tmp)):
            entry = {**dataset.as_dict(), "prepare_seconds": prepare_seconds, "methods": {},
                     "paarvolledigheid": pair_completeness(dataset.folder)}
            results["datasets"][dataset.name] = entry
            for method in methods:
                reason = unavailable(method, dataset)
                result = ({"status": "niet_beschikbaar", "label": LABELS[method], "fout": reason}
                          if reason else run_method(method, dataset))
                entry["methods"][method] = result
                print(f"{dataset.name:>22} {method:>19}: {_line(result)}", flush=True)
            entry["tijdverhouding_tokens_plat"] = _ratio(entry["methods"], "tokens")
            entry["tijdverhouding_tokens_zonder_bloom_plat"] = _ratio(entry["methods"],
                                                                      "tokens_zonder_bloom")
            entry["tijdverhouding_tokens_plat_beperkt"] = _ratio(entry["methods"], "tokens",
                                                                 "plain_beperkt")
            write(results, out)  # keep what is measured so far
            tokens = entry["methods"].get("tokens", {})
            if keys > 1 and tokens.get("status") == "gemeten":
                entry["sleutelspreiding"] = key_spread(dataset, table, tokens, keys)
                print(f"{dataset.name:>22} sleutelspreiding: {entry['sleutelspreiding']}",
                      flush=True)
                write(results, out)
            del table
    results["doelen"] = targets(results["datasets"])
    results["gehaald"] = all(t["gehaald"] for t in results["doelen"] if t["telt_mee"])
    write(results, out)
    return results


def _line(result: dict[str, Any]) -> str:
    if result["status"] != "gemeten":
        return f"{result['status']}: {result['fout']}"
    return (f"P {result['precision']:.4f} R {result['recall']:.4f} F1 {result['f1']:.4f} "
            f"{result['seconds']:.1f} s {result['peak_rss_mib']:.0f} MiB")



def _numbers(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--schalen", default="10000,100000,1000000",
                        help="aantallen betrokkene-records van de synthetische regio")
    parser.add_argument("--uitvoer", type=Path, default=Path(__file__).parent / "results")
    parser.add_argument("--febrl-koppelingen", type=int, default=None,
                        help="alleen de eerste N originelen van FEBRL4 met hun duplicaat")
    parser.add_argument("--methoden", default=",".join(METHODS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--werkmap", type=Path, default=None, help="map voor tijdelijke bestanden")
    parser.add_argument("--sleutels", type=int, default=5,
                        help="aantal geheime sleutels voor de spreiding van de tokenkoppeling")
    parser.add_argument("--werker", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--zonder-drempels", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--gegevens", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.werker:
        worker(args.werker, args.gegevens, grid_wanted=not args.zonder_drempels)
        return 0
    methods = [m.strip() for m in args.methoden.split(",") if m.strip()]
    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        parser.error(f"onbekende methode(n): {', '.join(unknown)}")
    results = run(_numbers(args.schalen), args.febrl_koppelingen, methods, args.seed,
                  args.uitvoer, args.werkmap, args.sleutels)
    return 0 if results["gehaald"] else 1


if __name__ == "__main__":
    sys.exit(main())
