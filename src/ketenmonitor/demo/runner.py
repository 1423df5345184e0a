# SPDX-License-Identifier: EUPL-1.2
"""Runs every stage on a synthetic region in one process, the way partners and the analysis
environment would run them one after the other: simulate → pseudonymise (per partner and
half-year) → ingest → link and derive → ground-truth comparison → publish → report.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import structlog
import yaml

from ketenmonitor.cbs import import_files
from ketenmonitor.cbs.synthetic import write_synthetic_statline
from ketenmonitor.codes import gemeenten, has_population, synthetic_population
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.signing import verification_key
from ketenmonitor.demo.paths import DemoPaths
from ketenmonitor.derive import derive_all
from ketenmonitor.derive.validation import compare_with_ground_truth
from ketenmonitor.engine import resolve_engine
from ketenmonitor.ingest import IngestReport, ingest_paths
from ketenmonitor.linkage import LinkageSummary
from ketenmonitor.pseudonymise import PseudonymKey, create_key_file, load_key, pseudonymise_tables
from ketenmonitor.publish import read_publication
from ketenmonitor.regiovisie.yaml_io import example_path
from ketenmonitor.reports import render_monitor_report
from ketenmonitor.reports.stoplicht.service import make_stoplicht_report
from ketenmonitor.simulate import SimulationConfig, run_simulation
from ketenmonitor.sources import load_mapping, read_export
from ketenmonitor.warehouse import connect

Progress = Callable[[str, int, int], None]

log = structlog.get_logger(__name__)
STAGES = ("simulatie", "pseudonimisering", "inlezen", "koppelen", "validatie", "publicatie",
          "rapport", "stoplicht")


@dataclass
class StageMeasure:
    seconds: float
    peak_rss_mib: float
    rows: int = 0


@dataclass
class DemoResult:
    paths: DemoPaths
    publication: Path
    report: Path
    ingest: IngestReport
    linkage: LinkageSummary
    validation: pa.Table
    stages: dict[str, StageMeasure] = field(default_factory=dict)
    stoplicht: dict[str, Path] = field(default_factory=dict)  # format -> stoplichtenrapportage

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.stages.values())


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _key(paths: DemoPaths) -> PseudonymKey:
    """Reuse the demo key when it exists (stable tokens across runs), else make one."""
    if paths.key_file.exists():
        return load_key(paths.key_file, data_dirs=[paths.root])
    paths.key_dir.mkdir(parents=True, exist_ok=True)
    return create_key_file(paths.key_file)


def _export_dirs(exports: Path) -> list[tuple[str, Path]]:
    return sorted(
        (partner_dir.name, period_dir)
        for partner_dir in exports.iterdir() if partner_dir.is_dir()
        for period_dir in partner_dir.iterdir() if period_dir.is_dir()
    )


def pseudonymise_exports(exports: Path, out: Path, key: PseudonymKey, region: str,
                         progress: Progress | None = None) -> int:
    """Each partner pseudonymises each half-year export with its own mapping."""
    dirs = _export_dirs(exports)
    rows = 0
    for done, (partner_type, period_dir) in enumerate(dirs, start=1):
        tables = read_export(load_mapping(partner_type), period_dir)
        result = pseudonymise_tables(
            tables, key=key, partner=f"{partner_type}_{region}",
            period=Period.parse(period_dir.name), out_dir=out,
        )
        rows += sum(d.row_count for d in result.deliveries)
        if progress:
            progress("pseudonimisering", done, len(dirs))
    return rows


def run_demo(paths: DemoPaths, config: SimulationConfig,
             progress: Progress | None = None) -> DemoResult:
    """The whole product on a synthetic region. For a region whose gemeenten have no inhabitant
    figures in the package, the run is explicitly synthetic for population too (the simulator's
    stand-in figure), and says so in the log."""
    missing = [g.code for g in gemeenten(config.regio, on=config.peil)
               if not has_population(g.code)]
    if not missing:
        return _run_demo(paths, config, progress)
    log.warning("demo_synthetic_population", regio=config.regio, gemeenten=len(missing))
    with synthetic_population():
        return _run_demo(paths, config, progress)


def _run_demo(paths: DemoPaths, config: SimulationConfig,
              progress: Progress | None = None) -> DemoResult:
    stages: dict[str, StageMeasure] = {}

    @contextmanager
    def stage(name: str) -> Iterator[StageMeasure]:
        if progress:
            progress(name, 0, 1)
        measure = StageMeasure(0.0, 0.0)
        start = time.perf_counter()
        yield measure
        measure.seconds = time.perf_counter() - start
        measure.peak_rss_mib = _peak_rss_mib()
        stages[name] = measure
        if progress:
            progress(name, 1, 1)

    paths.prepare()
    engine = resolve_engine()  # KETENMONITOR_ENGINE: linking and publishing on the same engine
    with stage("simulatie"):
        run_simulation(config, paths.simulation)
    with stage("pseudonimisering") as m:
        m.rows = pseudonymise_exports(paths.exports, paths.deliveries, _key(paths), config.regio,
                                      progress)
    with stage("inlezen") as m:
        ingest = ingest_paths([paths.deliveries], warehouse=paths.warehouse,
                              verification_key=verification_key(_key(paths)))
        m.rows = sum(r.rows_in for r in ingest.results)
    con = connect(paths.warehouse)
    try:
        with stage("koppelen") as m:
            linkage = engine.link(con)
            peildatum = derive_all(con)
            m.rows = linkage.records
        con.execute("CHECKPOINT")
    finally:
        con.close()
    with stage("validatie"):
        validation = compare_with_ground_truth(paths.warehouse, paths.ground_truth, peildatum)
        # Synthetic StatLine exports from the ground truth: the report shows the CBS comparison.
        import_files(write_synthetic_statline(paths.simulation, config.regio, peildatum),
                     paths.warehouse)
    con = connect(paths.warehouse)
    try:
        with stage("publicatie"):
            publication = engine.publish(con, config.regio, paths.publications, validation)
    finally:
        con.close()
    with stage("rapport"):
        report = render_monitor_report(read_publication(publication), paths.report)
    with stage("stoplicht"):
        # The example regiovisie (package data) on the synthetic region: all four formats. It
        # names Haaglanden's gemeenten, so another region gets no stoplichtenrapportage.
        stoplicht: dict[str, Path] = {}
        example = yaml.safe_load(example_path().read_text(encoding="utf-8"))
        if example.get("regio") == config.regio:
            stoplicht = make_stoplicht_report(example_path(), read_publication(publication),
                                              paths.root / "stoplichtenrapportage").paths
        else:
            log.info("demo_without_stoplicht", regio=config.regio, voorbeeld=example.get("regio"))
    return DemoResult(paths, publication, report, ingest, linkage, validation, stages, stoplicht)
