# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the analysis pipeline: partner deliveries → publication, per stage.

Three cases from issue 4: one region-year, Haaglanden 2019–2025 and the national scale (26 VT
regions × 7 years; how that is simulated is explained in ``_pipeline_data.py``). The measured
stages are the analysis environment's: ingest → link → derive → compute → disclose and publish.
Simulating and pseudonymising the deliveries is the partners' work: it is done (and cached in
the work folder) beforehand and reported apart.

Each case is prepared and measured in its own fresh process, so one case's memory does not count
for the next. In the same run the script measures references on the same data: plain DuckDB
loading the same Parquet files (against ingest), BSN-only linkage (against probabilistic
linkage) and the catalogue on Spark in local mode (against DuckDB; also checked to give the
identical publication).

    python benchmarks/pipeline.py [--gevallen regiojaar,haaglanden,landelijk] [--schaal 1.0]
        [--werkmap /tmp/ketenmonitor-pijplijn] [--zonder-spark] [--uitvoer benchmarks/results]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _common import duckdb_ctas, machine_info, now_iso
from _pipeline_data import Case, cases, prepare
from _pipeline_measure import StageClock
from _pipeline_report import markdown

# Stop a case whose processes pass 10 GiB: above the 8 GiB target (so a miss is still measured)
# but well below this shared 24 GiB machine's memory.
ABORT_BYTES = int(float(os.environ.get("PIJPLIJN_AFBREKEN_GIB", "10")) * 2**30)
TIME_LIMIT_SECONDS = 3600
STAGES = ("inlezen", "koppelen", "afleiden", "berekenen", "publiceren")


def _files_by_type(deliveries: Path) -> dict[str, list[Path]]:
    from ketenmonitor.delivery.files import parquet_path_for

    found: dict[str, list[Path]] = {}
    for manifest in sorted(deliveries.glob("*.manifest.json")):
        record_type = json.loads(manifest.read_text(encoding="utf-8"))["record_type"]
        found.setdefault(record_type, []).append(parquet_path_for(manifest))
    return found


def delivered_by_type(deliveries: Path) -> dict[str, int]:
    """Rows per record type according to the manifests (known even when a case is aborted)."""
    counts: dict[str, int] = {}
    for manifest in deliveries.glob("*.manifest.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        counts[data["record_type"]] = counts.get(data["record_type"], 0) + int(data["row_count"])
    return dict(sorted(counts.items()))


def _row_counts(con: Any) -> dict[str, int]:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
    wanted = ["melding", "advies", "politie_incident", "lt_traject", "mda_casus", "betrokkene",
              "afg_melding"]
    return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
            for t in wanted if t in tables}


def _same_tables(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return sorted(a) == sorted(b) and all(a[k].equals(b[k]) for k in a)


def measure(case: Case, deliveries: Path, work: Path, spark: bool,
            clock: StageClock | None = None) -> dict[str, Any]:
    """The timed stages on ``deliveries`` in a fresh warehouse under ``work``, then references."""
    from ketenmonitor.core.settings import Settings
    from ketenmonitor.derive import derive_all
    from ketenmonitor.indicators import compute_all, disclose_all, load_catalogue
    from ketenmonitor.ingest import ingest_paths
    from ketenmonitor.linkage import link_probabilistic
    from ketenmonitor.publish import write_publication
    from ketenmonitor.publish.metadata import deliveries as delivery_metadata
    from ketenmonitor.publish.metadata import linkage as linkage_metadata
    from ketenmonitor.warehouse import connect

    settings = Settings(spark_shuffle_partitions=int(os.environ.get("PIJPLIJN_SPARK_PARTITIES", "8")))
    catalogue = load_catalogue()
    warehouse = work / "warehouse.duckdb"
    clock = clock or StageClock()
    results: dict[str, dict[str, Any]] = {}
    tables: dict[str, dict[str, Any]] = {}
    try:
        with clock.stage("inlezen") as s:
            report = ingest_paths([deliveries], warehouse=warehouse)
            s.rows = sum(r.rows_in for r in report.results)
        con = connect(warehouse)
        try:
            with clock.stage("koppelen") as s:
                summary = link_probabilistic(con)
                s.rows = summary.records
            with clock.stage("afleiden") as s:
                peildatum = derive_all(con)
                s.rows = int(con.execute("SELECT count(*) FROM afg_melding").fetchall()[0][0])
            counts = _row_counts(con)
            with clock.stage("berekenen") as s:
                for regio in case.regions:
                    results[regio] = compute_all(con, regio, peildatum=peildatum,
                                                 catalogue=catalogue)
                s.rows = sum(t.num_rows for r in results.values() for t in r.values())
            with clock.stage("publiceren") as s:
                for regio, computed in results.items():
                    tables[regio] = disclose_all(computed, peildatum, catalogue, settings)
                    metadata = {"region": regio, "peildatum": peildatum.isoformat(),
                                "deliveries": delivery_metadata(con), "linkage": linkage_metadata(con)}
                    write_publication(tables[regio], metadata, work / "publicaties", None, settings)
                s.rows = sum(t.num_rows for r in tables.values() for t in r.values())
            references = _references(case, con, deliveries, work, spark, settings, catalogue,
                                     peildatum, tables, clock)
            con.execute("CHECKPOINT")
        finally:
            con.close()
    finally:
        clock.close()
    linkage = {"records": summary.records, "persons": summary.persons,
               "probabilistic_records": summary.probabilistic_records,
               "estimated_precision": summary.estimated_precision,
               "estimated_recall": summary.estimated_recall,
               "blocking": json.loads(summary.blocking) if summary.blocking else None}
    return {
        "stages": {name: {"seconds": clock.stages[name].seconds, "rows": clock.stages[name].rows,
                          "cpu_seconds": clock.stages[name].cpu_seconds,
                          "peak_rss_mib": clock.stages[name].peak_rss_mib} for name in STAGES},
        "references": references,
        "rows": counts,
        "indicators": len(catalogue),
        "regions_computed": case.regions,
        "peildatum": peildatum.isoformat(),
        "linkage": linkage,
        "warehouse_mib": warehouse.stat().st_size / 2**20,
    }


def _references(case: Case, con: Any, deliveries: Path, work: Path, spark: bool, settings: Any,
                catalogue: Any, peildatum: Any, tables: dict[str, dict[str, Any]],
                clock: StageClock) -> dict[str, Any]:
    from ketenmonitor.engine import resolve_engine
    from ketenmonitor.indicators import disclose_all
    from ketenmonitor.linkage import link_deterministic

    references: dict[str, Any] = {}
    ctas = duckdb_ctas(_files_by_type(deliveries), work / "referentie.duckdb")
    references["inlezen"] = {"label": "DuckDB CREATE TABLE AS read_parquet, geen validatie",
                             "seconds": ctas.seconds, "rows": ctas.rows}
    if spark:
        on_spark = resolve_engine("spark", settings)
        computed: dict[str, dict[str, Any]] = {}
        with clock.stage("berekenen_spark") as s:
            for regio in case.regions:
                computed[regio] = on_spark.compute(con, regio, peildatum=peildatum,
                                                   catalogue=catalogue)
            s.rows = sum(t.num_rows for r in computed.values() for t in r.values())
        same = all(_same_tables(disclose_all(computed[r], peildatum, catalogue, settings), tables[r])
                   for r in case.regions)
        measured = clock.stages["berekenen_spark"]
        references["berekenen"] = {"label": f"PySpark {settings.spark_master}, zelfde catalogus "
                                            "(getranspileerde SQL)",
                                   "seconds": measured.seconds, "rows": measured.rows,
                                   "peak_rss_mib": measured.peak_rss_mib,
                                   "identical_publication": same}
    started = time.perf_counter()
    bsn = link_deterministic(con)  # last: it replaces the probabilistic link tables
    references["koppelen"] = {"label": "koppeling alleen op BSN-token (deterministisch)",
                              "seconds": time.perf_counter() - started, "rows": bsn.records}
    return references


# --- orchestration: every case in fresh processes ---------------------------------------------

def _child(args: list[str]) -> dict[str, Any]:
    """Run this script in a fresh process; its JSON (also an ``aborted`` record) comes back."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, __file__, *args, "--json", str(out)], env=env,
                                  timeout=TIME_LIMIT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            return {"aborted": {"stage": "?", "reason": "tijdslimiet",
                                "seconds": time.perf_counter() - started}, "stages": {}}
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        if not text.strip():
            raise RuntimeError(f"{args[0]} {args[1]} stopte met code {done.returncode}")
        return dict(json.loads(text))
    finally:
        out.unlink(missing_ok=True)


def run_case(case: Case, factor: float, work: Path, spark: bool) -> dict[str, Any]:
    common = ["--schaal", str(factor), "--werkmap", str(work)]
    prepared = _child(["--intern-voorbereiden", case.name, *common])
    measured = _child(["--intern-meten", case.name, *common, *([] if spark else ["--zonder-spark"])])
    delivered = delivered_by_type(work / case.name / "leveringen")
    context = {
        **case.as_dict(),
        "date": now_iso(),
        "load_average": os.getloadavg(),  # other users of the machine slow every stage down
        "preparation": {k: prepared[k] for k in ("simulation_seconds", "pseudonymise_seconds",
                                                 "simulation_cpu_seconds",
                                                 "pseudonymise_cpu_seconds", "delivered_rows")
                        if k in prepared},  # CPU seconds: not in preparations made before
        "delivered_by_type": delivered,
    }
    if "aborted" in measured:
        return {**context, **measured, "passed": {"seconds": False, "memory": False}}
    total = sum(s["seconds"] for s in measured["stages"].values())
    peak = max(s["peak_rss_mib"] for s in measured["stages"].values())
    return {
        **context,
        **measured,
        "total_seconds": total,
        "peak_rss_mib": peak,
        "passed": {"seconds": total <= case.target_seconds,
                   "memory": peak <= case.target_memory_gib * 1024},
    }


def benchmark(names: Sequence[str], factor: float, work: Path, spark: bool,
              earlier: dict[str, Any] | None = None) -> dict[str, Any]:
    """Measure ``names``; cases of ``earlier`` (same scale) that are not measured again are kept."""
    all_cases = cases(factor)
    results = {name: run_case(all_cases[name], factor, work, spark) for name in names}
    kept = {} if not earlier or earlier.get("scale") != factor else {
        name: case for name, case in earlier["cases"].items() if name not in results}
    ordered = {name: (results.get(name) or kept[name]) for name in all_cases
               if name in results or name in kept}
    return {"benchmark": "pipeline", "date": now_iso(), "machine": machine_info(),
            "load_average": os.getloadavg(), "scale": factor, "cases": ordered,
            "passed": all(all(c["passed"].values()) for c in ordered.values())}


def write_results(data: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "pipeline.json", out_dir / "pipeline.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown(data), encoding="utf-8")
    return json_path, md_path


def _internal(args: argparse.Namespace) -> int:
    from ketenmonitor.core.logging import configure_logging

    configure_logging("WARNING")
    case = cases(args.schaal)[args.intern_voorbereiden or args.intern_meten]
    if args.intern_voorbereiden:
        data = prepare(case, args.werkmap)
    else:
        deliveries = args.werkmap / case.name / "leveringen"
        run_dir = Path(tempfile.mkdtemp(prefix=f"meting-{case.name}-", dir=args.werkmap))

        def stop(stage: str, rss: int, seconds: float) -> None:
            done = {name: {"seconds": s.seconds, "rows": s.rows, "peak_rss_mib": s.peak_rss_mib}
                    for name, s in clock.stages.items()}
            args.json.write_text(json.dumps({"aborted": {
                "stage": stage, "rss_mib": rss / 2**20, "seconds_in_stage": seconds,
                "limit_mib": ABORT_BYTES / 2**20}, "stages": done}) + "\n", encoding="utf-8")
            shutil.rmtree(run_dir, ignore_errors=True)
            os._exit(3)  # the JVM and DuckDB threads go with the process

        clock = StageClock(ABORT_BYTES, stop)
        try:
            data = measure(case, deliveries, run_dir, not args.zonder_spark, clock)
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
    args.json.write_text(json.dumps(data, default=str) + "\n", encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van de pijplijn levering → publicatie.")
    parser.add_argument("--gevallen", default="regiojaar,haaglanden,landelijk",
                        help="kommagescheiden: regiojaar, haaglanden, landelijk")
    parser.add_argument("--schaal", type=float, default=1.0, help="factor op de echte omvang")
    parser.add_argument("--werkmap", type=Path,
                        default=Path(tempfile.gettempdir()) / "ketenmonitor-pijplijn",
                        help="map voor leveringen (hergebruikt) en warehouses")
    parser.add_argument("--zonder-spark", action="store_true", help="sla de Spark-vergelijking over")
    parser.add_argument("--aanvullen", action="store_true",
                        help="houd gevallen uit een eerdere pipeline.json die nu niet draaien")
    parser.add_argument("--uitvoer", type=Path, default=Path(__file__).parent / "results",
                        help="map voor pipeline.json en pipeline.md")
    parser.add_argument("--intern-voorbereiden", help=argparse.SUPPRESS)
    parser.add_argument("--intern-meten", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.intern_voorbereiden or args.intern_meten:
        return _internal(args)
    names = [n.strip() for n in args.gevallen.split(",") if n.strip()]
    unknown = sorted(set(names) - set(cases()))
    if unknown:
        parser.error(f"onbekend geval: {', '.join(unknown)}")
    args.werkmap.mkdir(parents=True, exist_ok=True)
    previous = args.uitvoer / "pipeline.json"
    earlier = (json.loads(previous.read_text(encoding="utf-8"))
               if args.aanvullen and previous.exists() else None)
    data = benchmark(names, args.schaal, args.werkmap, not args.zonder_spark, earlier)
    json_path, md_path = write_results(data, args.uitvoer)
    print(markdown(data))
    print(f"Geschreven: {json_path} en {md_path}")
    return 0 if data["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
