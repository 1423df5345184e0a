# SPDX-License-Identifier: EUPL-1.2
"""Quality and speed benchmark of linkage: tokens against plain identifiers, in one run.

Issue 3 asks that linkage on tokens is about as good as linkage on plain names: token F1 at least
plain-identifier Splink F1 − 0.002 on FEBRL4 and on the synthetic Dutch region, F1 ≥ 0.97 on the
region (about a fifth of its records lack a BSN), and at most 1.2× the plain run's time at 1 M
records. This script prepares each dataset once and runs every method in a fresh process (so that
its peak memory is its own): (1) Splink 5 on plain identifiers, the reference; (2) our token
linkage (``ketenmonitor.linkage.link_probabilistic`` on tokens only); (3) the same with Bloom
name fields, when the pseudonymisation makes them; (4) BSN only (``link_deterministic``).

    python benchmarks/linkage.py [--schalen 10000,100000,1000000] [--uitvoer benchmarks/results]
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from _common import machine_info, markdown_table, nl, now_iso
from _linkage_data import ID_TOKEN, Dataset, febrl4_table, prepare, synthetic_table

METHODS = ("plain", "plain_beperkt", "tokens", "tokens_bloom", "bsn")
LABELS = {
    "plain": "Splink op platte identificatoren (referentie)",
    "plain_beperkt": "idem, met de clustering van de tokenkoppeling",
    "tokens": "tokenkoppeling",
    "tokens_bloom": "tokenkoppeling met Bloom-naamvelden",
    "bsn": "alleen BSN-token (deterministisch)",
}
F1_MARGIN = 0.002
F1_MINIMUM = 0.97
TIME_RATIO_MAXIMUM = 1.2
TIME_RATIO_AT = 1_000_000
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
    "naam, geboortedatum, postcode en huisnummer; alleen 'alleen BSN-token' gebruikt daar het "
    "getokeniseerde id-nummer."
)


# --- the reference: Splink 5 on plain identifiers -----------------------------------------------

_TUSSENVOEGSELS = ("van", "der", "den", "de", "ter", "ten", "te", "het", "t", "in", "op", "vd",
                   "la", "le", "du", "von", "da", "del", "dos", "el", "al", "uit", "aan", "bij", "d")
_PLAIN_CLEAN = f"""
CREATE TABLE schoon AS
WITH raw AS (
  SELECT unique_id,
    lower(strip_accents(coalesce(voornamen, ''))) AS vn,
    lower(strip_accents(concat_ws(' ', tussenvoegsel, achternaam))) AS an,
    geboortedatum, geslacht, postcode, huisnummer, huisnummer_toevoeging, bsn
  FROM read_parquet(?)
), parts AS (
  SELECT *,
    length(regexp_replace(split_part(trim(vn), ' ', 1), '[^a-z]', '', 'g')) <= 1
      OR regexp_matches(vn, '^\\s*([a-z]\\.\\s*)+$') AS initialen,
    list_filter(string_split(regexp_replace(regexp_replace(an, '[^a-z\\- ]', '', 'g'), '-', ' ',
                                            'g'), ' '),
                lambda x: x <> '' AND NOT list_contains({list(_TUSSENVOEGSELS)}, x)) AS delen
  FROM raw
)
SELECT unique_id,
  CASE WHEN NOT initialen
       THEN nullif(regexp_replace(split_part(trim(vn), ' ', 1), '[^a-z]', '', 'g'), '') END
    AS voornaam,
  nullif(left(regexp_replace(vn, '[^a-z]', '', 'g'), 1), '') AS initiaal,
  delen[1] AS achternaam1,
  CASE WHEN len(delen) > 1 THEN delen[-1] END AS achternaam2,
  CASE WHEN regexp_full_match(geboortedatum, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
       THEN geboortedatum END AS geboortedatum,
  nullif(upper(regexp_replace(postcode, '\\s', '', 'g')), '') AS postcode,
  nullif(regexp_replace(upper(concat(huisnummer, huisnummer_toevoeging)), '[^A-Z0-9]', '', 'g'),
         '') AS huisnummer,
  CASE WHEN regexp_full_match(b9, '[0-9]{{9}}') AND b9 <> '000000000'
        AND ({" + ".join(f"{w} * (ascii(b9[{i + 1}]) - 48)"
                         for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2, -1)))}) % 11 = 0
       THEN b9 END AS bsn,
  CASE WHEN geslacht IN ('M', 'V') THEN geslacht END AS geslacht
FROM (SELECT *, lpad(ltrim(regexp_replace(coalesce(bsn, ''), '[^0-9]', '', 'g'), '0'), 9, '0')
                AS b9 FROM parts)
"""


def plain_settings() -> Any:
    """Names with Jaro-Winkler levels, DOB with swap and typo levels, address, BSN (elfproef
    checked, as the pseudonymisation does), sex; term frequencies on the exact name levels. The
    same information the tokens carry, compared fuzzily."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    def custom(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label)

    dob_l, dob_r = "geboortedatum_l", "geboortedatum_r"
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.CustomComparison(output_column_name="voornaam", comparison_levels=[
                custom("initiaal_l IS NULL OR initiaal_r IS NULL", "leeg").configure(
                    is_null_level=True),
                cll.ExactMatchLevel("voornaam", term_frequency_adjustments=True),
                cll.JaroWinklerLevel("voornaam", 0.92), cll.JaroWinklerLevel("voornaam", 0.80),
                cll.ExactMatchLevel("initiaal"), cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="achternaam", comparison_levels=[
                cll.NullLevel("achternaam1"),
                cll.ExactMatchLevel("achternaam1", term_frequency_adjustments=True),
                custom("achternaam1_l = achternaam2_r OR achternaam2_l = achternaam1_r "
                       "OR achternaam2_l = achternaam2_r", "ander deel van dubbele naam"),
                cll.JaroWinklerLevel("achternaam1", 0.92),
                cll.JaroWinklerLevel("achternaam1", 0.80), cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="geboortedatum", comparison_levels=[
                cll.NullLevel("geboortedatum"), cll.ExactMatchLevel("geboortedatum"),
                custom(f"substr({dob_l}, 1, 4) = substr({dob_r}, 1, 4) AND substr({dob_l}, 6, 2)"
                       f" = substr({dob_r}, 9, 2) AND substr({dob_l}, 9, 2) = substr({dob_r}, 6, 2)",
                       "dag en maand verwisseld"),
                cll.DamerauLevenshteinLevel("geboortedatum", 1),
                custom(f"substr({dob_l}, 6) = substr({dob_r}, 6)", "zelfde dag en maand"),
                cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="adres", comparison_levels=[
                cll.NullLevel("postcode"),
                custom("postcode_l = postcode_r AND huisnummer_l = huisnummer_r",
                       "postcode en huisnummer"),
                custom("substr(postcode_l, 1, 4) = substr(postcode_r, 1, 4)", "zelfde PC4"),
                cll.ElseLevel()]),
            cl.ExactMatch("bsn"),
            cl.ExactMatch("geslacht"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bsn"), block_on("geboortedatum"), block_on("achternaam1", "initiaal"),
            block_on("postcode", "huisnummer"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _constrained_clusters(con: duckdb.DuckDBPyConnection, predictions: str, threshold: float
                          ) -> Any:
    """The clustering of the token linkage (``ketenmonitor.linkage.clustering``) on the plain
    model's scores: one BSN is one person (must-link); other pairs at or above the threshold merge
    strongest first unless that joins two BSNs or only different birth years (cannot-link)."""
    from ketenmonitor.linkage.clustering import constrained_clusters, groups_from_columns

    con.execute("""CREATE TABLE _grp AS SELECT unique_id AS rid, CASE WHEN bsn IS NULL
      THEN unique_id ELSE min(unique_id) OVER (PARTITION BY bsn) END AS grp FROM schoon""")
    con.execute(f"""CREATE TABLE _pairs AS
      SELECT least(a.grp, b.grp) AS ga, greatest(a.grp, b.grp) AS gb, max(p.match_probability) AS p
      FROM {predictions} p JOIN _grp a ON a.rid = p.unique_id_l JOIN _grp b ON b.rid = p.unique_id_r
      WHERE p.match_probability >= {threshold} AND a.grp <> b.grp GROUP BY ALL""")
    pairs = con.execute("SELECT ga, gb FROM _pairs ORDER BY p DESC, ga, gb").fetchnumpy()
    rows = con.execute("""
      SELECT g.grp, list(DISTINCT s.bsn::BIGINT) FILTER (WHERE s.bsn IS NOT NULL),
             list(DISTINCT substr(s.geboortedatum, 1, 4)::INTEGER)
               FILTER (WHERE s.geboortedatum IS NOT NULL)
      FROM _grp g JOIN schoon s ON s.unique_id = g.rid
      WHERE g.grp IN (SELECT ga FROM _pairs UNION SELECT gb FROM _pairs) GROUP BY g.grp""").fetchall()
    groups = groups_from_columns({"grp": [r[0] for r in rows],
                                  "bsn": [r[1] for r in rows],
                                  "years": [r[2] for r in rows]})
    result = constrained_clusters(groups, np.asarray(pairs["ga"], dtype=np.int64),
                                  np.asarray(pairs["gb"], dtype=np.int64))
    con.register("_roots", pa.table({"grp": pa.array(list(result.root), pa.int64()),
                                     "root": pa.array(list(result.root.values()), pa.int64())}))
    return con.sql("""SELECT g.rid AS unique_id, coalesce(r.root, g.grp)::VARCHAR AS cluster
                      FROM _grp g LEFT JOIN _roots r USING (grp)""").to_arrow_table()


def plain_splink(folder: Path, constrained: bool = False) -> tuple[Any, dict[str, Any]]:
    """Clean, train (λ from deterministic rules, u by random sampling, m by EM on BSN blocks, or
    name blocks when no record has a BSN, and on DOB blocks), predict, cluster (Splink's connected
    components, or with ``constrained`` the token linkage's constrained clustering). Training
    budget (pairs for u and EM, seed) and match threshold are those of the token model
    (``ModelConfig``), so both runs do the same amount of training. Returns (unique_id, cluster)
    and timings."""
    from splink import Linker, block_on
    from splink.backends.duckdb import DuckDBAPI

    from ketenmonitor.linkage import ModelConfig

    budget = ModelConfig()

    laps: dict[str, float] = {}
    clock = time.perf_counter()
    api = DuckDBAPI()
    api.duckdb_con.execute(_PLAIN_CLEAN, [str(folder / "plain.parquet")])
    laps["opschonen"] = time.perf_counter() - clock
    linker = Linker(api.register("schoon"), plain_settings(), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        ["l.bsn = r.bsn",
         "l.geboortedatum = r.geboortedatum AND l.achternaam1 = r.achternaam1"], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=budget.u_max_pairs,
                                                     seed=budget.seed)
    has_bsn = api.duckdb_con.execute("SELECT count(bsn) FROM schoon").fetchall()[0][0] > 0
    for rule in (("bsn",) if has_bsn else ("voornaam", "achternaam1"), ("geboortedatum",)):
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*rule), estimate_without_term_frequencies=True,
            max_pairs=budget.em_max_pairs)
    laps["trainen"] = time.perf_counter() - clock - sum(laps.values())
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    if constrained:
        table = _constrained_clusters(api.duckdb_con, predictions.physical_name,
                                      budget.match_threshold)
    else:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, budget.match_threshold)
        table = clusters.as_duckdbpyrelation().select(
            "unique_id, cluster_id::VARCHAR AS cluster").to_arrow_table()
    laps["voorspellen_en_clusteren"] = time.perf_counter() - clock - sum(laps.values())
    return table, {"stappen_seconden": laps, "drempel": budget.match_threshold,
                   "u_max_pairs": budget.u_max_pairs, "em_max_pairs": budget.em_max_pairs}


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
    skip = {"partner"} | (set() if with_bloom else {"naam_bloom"})
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


def warehouse_linkage(folder: Path, method: str) -> tuple[Any, dict[str, Any]]:
    """Our linkage as the pipeline runs it, on a fresh warehouse: ``link_probabilistic`` with its
    default model (so it trains within the measured time; Bloom name fields only for
    ``tokens_bloom``), or ``link_deterministic`` for BSN only."""
    from ketenmonitor.linkage import ModelConfig, link_deterministic, link_probabilistic

    bloom = method == "tokens_bloom"
    clock = time.perf_counter()
    con = _warehouse(folder, method, with_bloom=bloom)
    loaded = time.perf_counter() - clock
    summary = (link_deterministic(con) if method == "bsn"
               else link_probabilistic(con, ModelConfig(bloom=bloom), retrain=True))
    table = _clusters_from_link_persoon(con, folder)
    laps = {"laden": loaded, "koppelen": time.perf_counter() - clock - loaded}
    kept = {k: v for k, v in vars(summary).items()
            if k != "model" and isinstance(v, str | int | float | bool | None)}
    return table, {"stappen_seconden": laps, "samenvatting": kept}


# --- worker process -----------------------------------------------------------------------------

def peak_rss_mib() -> float:
    """Peak resident memory of this process (``VmHWM``). Not ``getrusage``: Linux carries the
    parent's RSS at fork into the child's ``ru_maxrss`` across ``exec``, so a worker started from
    a big parent would report the parent's size."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no procfs (not Linux)


def worker(method: str, folder: Path) -> None:
    """Run one method in this (fresh) process; write its clusters and its measurement."""
    start = time.perf_counter()
    if method.startswith("plain"):
        table, details = plain_splink(folder, constrained=method == "plain_beperkt")
    else:
        table, details = warehouse_linkage(folder, method)
    seconds = time.perf_counter() - start
    pq.write_table(table, folder / f"clusters_{method}.parquet")
    measured = {"seconds": seconds, "peak_rss_mib": peak_rss_mib(), **details}
    (folder / f"meting_{method}.json").write_text(json.dumps(measured), encoding="utf-8")


def evaluate(folder: Path, method: str) -> dict[str, Any]:
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


def run_method(method: str, dataset: Dataset) -> dict[str, Any]:
    """One method on one dataset in a fresh process, then its evaluation."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--werker", method,
         "--gegevens", str(dataset.folder)],
        capture_output=True, text=True, timeout=WORKER_TIMEOUT, check=False)
    process_seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-12:]
        return {"status": "mislukt", "label": LABELS[method], "fout": "\n".join(tail),
                "process_seconds": process_seconds}
    measured = json.loads((dataset.folder / f"meting_{method}.json").read_text(encoding="utf-8"))
    return {"status": "gemeten", "label": LABELS[method], **evaluate(dataset.folder, method),
            **measured, "process_seconds": process_seconds}


def unavailable(method: str, dataset: Dataset) -> str | None:
    """Why a method cannot run on this dataset (the package does not offer it yet), or None."""
    if method in ("tokens", "tokens_bloom"):
        import ketenmonitor.linkage as linkage

        if not hasattr(linkage, "link_probabilistic"):
            return "ketenmonitor.linkage.link_probabilistic bestaat (nog) niet"
    if method == "tokens_bloom" and "naam_bloom" not in pq.read_schema(
            dataset.folder / "tokens.parquet").names:
        return "de pseudonimisering maakt (nog) geen naam_bloom"
    return None


# --- the run ------------------------------------------------------------------------------------

def _datasets(schalen: Sequence[int], febrl_links: int | None, seed: int, root: Path) -> Any:
    """Prepared datasets one at a time (the previous one's tables are freed in between)."""
    clock = time.perf_counter()
    table, info = febrl4_table(febrl_links)
    dataset = prepare("febrl4", "FEBRL4", table, info, root / "febrl4", dutch=False)
    del table
    yield dataset, time.perf_counter() - clock
    for target in schalen:
        clock = time.perf_counter()
        table, info = synthetic_table(target, seed)
        info["doel_records"] = target
        label = f"synthetische regio, ~{nl(target, 0)} records"
        dataset = prepare(f"synthetisch_{target}", label, table, info,
                          root / f"synthetisch_{target}", dutch=True)
        del table
        yield dataset, time.perf_counter() - clock


def _measured(methods: dict[str, Any], *names: str) -> bool:
    return all(methods.get(n, {}).get("status") == "gemeten" for n in names)


def _ratio(methods: dict[str, Any], numerator: str, reference: str = "plain") -> float | None:
    if _measured(methods, numerator, reference) and methods[reference]["seconds"] > 0:
        return float(methods[numerator]["seconds"] / methods[reference]["seconds"])
    return None


def _target(doel: str, dataset: str, gemeten: float | None, norm: float, at_least: bool,
            counts: bool = True) -> dict[str, Any]:
    met = gemeten is not None and (gemeten >= norm - 1e-12 if at_least else gemeten <= norm)
    return {"doel": doel, "dataset": dataset, "gemeten": gemeten, "norm": norm, "gehaald": met,
            "telt_mee": counts}


def targets(datasets: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with what was measured (None when a method did not run), plus
    one for information: tokens against plain identifiers with the same clustering."""
    found: list[dict[str, Any]] = []
    for name, data in datasets.items():
        methods = data["methods"]
        for reference, doel, counts in (
                ("plain", "F1 tokens ≥ F1 platte Splink − 0,002", True),
                ("plain_beperkt", "ter informatie: F1 tokens ≥ F1 plat met dezelfde clustering "
                                  "− 0,002", False)):
            if reference in methods:
                difference = (methods["tokens"]["f1"] - methods[reference]["f1"]
                              if _measured(methods, "tokens", reference) else None)
                found.append(_target(doel, name, difference, -F1_MARGIN, True, counts))
        if name.startswith("synthetisch"):
            f1 = methods["tokens"]["f1"] if _measured(methods, "tokens") else None
            found.append(_target("F1 tokens ≥ 0,97 op de synthetische regio", name, f1,
                                 F1_MINIMUM, True))
            if data["info"].get("doel_records") == TIME_RATIO_AT:
                found.append(_target("tijd tokens ≤ 1,2 × tijd platte Splink bij 1 mln records",
                                     name, _ratio(methods, "tokens"), TIME_RATIO_MAXIMUM, False))
    return found


def run(schalen: Sequence[int], febrl_links: int | None, methods: Sequence[str], seed: int,
        out: Path, workdir: Path | None = None) -> dict[str, Any]:
    results: dict[str, Any] = {
        "created_at": now_iso(), "machine": machine_info(),
        "config": {"schalen": list(schalen), "febrl4_ware_koppelingen": febrl_links or 5000,
                   "methoden": list(methods), "seed": seed},
        "definitie": DEFINITION, "methoden": {m: LABELS[m] for m in methods}, "datasets": {},
    }
    with tempfile.TemporaryDirectory(prefix="ketenmonitor-koppeling-", dir=workdir) as tmp:
        for dataset, prepare_seconds in _datasets(schalen, febrl_links, seed, Path(tmp)):
            entry = {**dataset.as_dict(), "prepare_seconds": prepare_seconds, "methods": {}}
            results["datasets"][dataset.name] = entry
            for method in methods:
                reason = unavailable(method, dataset)
                result = ({"status": "niet_beschikbaar", "label": LABELS[method], "fout": reason}
                          if reason else run_method(method, dataset))
                entry["methods"][method] = result
                print(f"{dataset.name:>22} {method:>13}: {_line(result)}", flush=True)
            entry["tijdverhouding_tokens_plat"] = _ratio(entry["methods"], "tokens")
            entry["tijdverhouding_tokens_bloom_plat"] = _ratio(entry["methods"], "tokens_bloom")
            entry["tijdverhouding_tokens_plat_beperkt"] = _ratio(entry["methods"], "tokens",
                                                                 "plain_beperkt")
            write(results, out)  # keep what is measured so far
    results["doelen"] = targets(results["datasets"])
    results["gehaald"] = all(t["gehaald"] for t in results["doelen"] if t["telt_mee"])
    write(results, out)
    return results


def _line(result: dict[str, Any]) -> str:
    if result["status"] != "gemeten":
        return f"{result['status']}: {result['fout']}"
    return (f"P {result['precision']:.4f} R {result['recall']:.4f} F1 {result['f1']:.4f} "
            f"{result['seconds']:.1f} s {result['peak_rss_mib']:.0f} MiB")


# --- output -------------------------------------------------------------------------------------

def _cell(result: dict[str, Any], key: str, decimals: int) -> str:
    return nl(result[key], decimals) if result.get("status") == "gemeten" else "–"


def markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [
        "# Koppeling op tokens tegenover platte identificatoren",
        "",
        f"Gemeten {results['created_at']} op {machine['usable_cores']} kernen ({machine['cpu']}),"
        f" {nl(machine['memory_gib'])} GiB, Python {machine['python']}, DuckDB "
        f"{machine['duckdb']}, commit `{(machine['git_commit'] or '?')[:10]}`"
        f"{' (met lokale wijzigingen)' if machine['git_dirty'] else ''}. Elke methode draait in "
        "een eigen proces; seconden = wandklok van laden tot clusters (zonder Python opstarten), "
        "piekgeheugen = maximale RSS van dat proces (VmHWM).",
        "",
        f"**Definitie.** {results['definitie']}",
        "",
    ]
    for data in results["datasets"].values():
        info = data["info"]
        facts = [f"{nl(data['records'], 0)} records", f"{nl(data['persons'], 0)} personen",
                 f"{nl(data['true_pairs'], 0)} ware paren"]
        if "schaal" in info:
            facts.append(f"schaal {nl(info['schaal'], 4)}")
        facts += [f"{nl(info['zonder_bsn_procent'], 1)} % zonder BSN",
                  f"{nl(info['zonder_bsn_token_procent'], 1)} % zonder bruikbaar BSN-token",
                  f"tokens maken {nl(data['token_seconds'], 1)} s"]
        lines += [f"## {data['label']}", "", "; ".join(facts) + ".", ""]
        rows = [[result["label"], _cell(result, "precision", 4), _cell(result, "recall", 4),
                 _cell(result, "f1", 4), _cell(result, "seconds", 1),
                 _cell(result, "peak_rss_mib", 0), _cell(result, "clusters", 0)]
                for result in data["methods"].values()]
        lines += markdown_table(["methode", "precisie", "recall", "F1", "seconden",
                                 "piekgeheugen (MiB)", "personen (clusters)"], rows,
                                [False, True, True, True, True, True, True])
        notes = [f"- {r['label']}: {r['status'].replace('_', ' ')} — "
                 f"{r['fout'].strip().splitlines()[-1]}"
                 for r in data["methods"].values() if r["status"] != "gemeten"]
        notes += [f"- {data['methods'][m]['label']}: `link_probabilistic` viel terug op de "
                  f"deterministische koppeling (methode '{method}'): te weinig BSN-paren om het "
                  "model te trainen." for m in ("tokens", "tokens_bloom")
                  if (method := data["methods"].get(m, {}).get("samenvatting", {}).get("method"))
                  not in (None, "probabilistisch")]
        for key, text in (("tijdverhouding_tokens_plat", "platte Splink"),
                          ("tijdverhouding_tokens_plat_beperkt", "plat met dezelfde clustering")):
            if data.get(key) is not None:
                notes.append(f"- Tijd tokenkoppeling / tijd {text}: {nl(data[key], 2)}×.")
        lines += ["", *notes, ""] if notes else [""]
    lines += ["## Doelen uit issue 3", ""]
    rows = [[t["doel"], t["dataset"], "–" if t["gemeten"] is None else nl(t["gemeten"], 4),
             nl(t["norm"], 3), ("ja" if t["gehaald"] else "nee") + ("" if t["telt_mee"] else " *")]
            for t in results.get("doelen", [])]
    lines += markdown_table(["doel", "dataset", "gemeten", "norm", "gehaald"], rows,
                            [False, False, True, True, False])
    lines += ["", "\\* telt niet mee voor het oordeel: dezelfde vergelijking, maar tegen platte "
              "identificatoren met de clustering van de tokenkoppeling (BSN als must-link, "
              "ander BSN of ander geboortejaar als cannot-link), om het effect van de tokens "
              "los van de clustering te zien.",
              "", "Eindoordeel: " + ("alle doelen gehaald." if results.get("gehaald")
                                    else "niet alle doelen gehaald.")]
    return "\n".join(lines) + "\n"


def write(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "linkage.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    (out / "linkage.md").write_text(markdown(results), encoding="utf-8")


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
    parser.add_argument("--werker", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--gegevens", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.werker:
        worker(args.werker, args.gegevens)
        return 0
    methods = [m.strip() for m in args.methoden.split(",") if m.strip()]
    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        parser.error(f"onbekende methode(n): {', '.join(unknown)}")
    results = run(_numbers(args.schalen), args.febrl_koppelingen, methods, args.seed,
                  args.uitvoer, args.werkmap)
    return 0 if results["gehaald"] else 1


if __name__ == "__main__":
    sys.exit(main())
