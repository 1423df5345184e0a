# SPDX-License-Identifier: EUPL-1.2
"""Onthullingsbeveiliging: ontwerp (a) tegenover ontwerp (b), gemeten met de intervalaanval.

Issue 12 / ADR 0010. Op dezelfde warehouse en dezelfde onafgeronde uitkomsten:

* (a) de huidige onderdrukking: primaire en secundaire onderdrukking, afronden op 5, waarde uit
  de afgeronde aantallen (``compute.disclose_all``);
* (b) de cell key method (``indicators/cellkey.py``): ruis uit een perturbatietabel (maximaal
  ±D, gemiddeld 0, variantie V) per cel uit de recordsleutels, plus onderdrukking van alleen de
  kleinste cellen (waar aantal onder de drempel).

Per ontwerp: cellen, aandeel gepubliceerd, te beschermen doelen, door de aanval teruggerekende
cellen (per maat en klein/groot), gemiddelde absolute fout van de gepubliceerde aantallen (en
waarden) tegenover de waarheid, en CPU- en wandtijd van berekenen, beveiligen en aanvallen. De
aanval op (b) kent het ontwerp: een gepubliceerd aantal P ligt in [P−D, P+D] (``base = 2D+1``
geeft precies die band) en een verborgen cel heeft een waar aantal onder de drempel (label
``primair``).

    python benchmarks/disclosure.py --demo /tmp/demo/warehouse/warehouse.duckdb
    python benchmarks/disclosure.py --zonder-demo --varianten 2:1.0
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine_info, markdown_table, nl, now_iso
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.cellkey import (
    PTable,
    compute_with_cell_keys,
    derive_secret,
    disclose_cell_key,
)
from ketenmonitor.indicators.compute import compute_all, disclose_all, read_peildatum
from ketenmonitor.indicators.periods import reporting_periods
from ketenmonitor.indicators.schema import PRIMAIR

try:  # main moved the attack into indicators/ (with the protection loop)
    from ketenmonitor.indicators.attack import AttackReport, Finding, attack
except ImportError:
    from ketenmonitor.publish.attack import AttackReport, Finding, attack
from ketenmonitor.warehouse import connect_readonly

THRESHOLD = 10
ROUNDING = 5
PROTECTION = 5
# A fixed benchmark key: the same noise in every run, so the figures are reproducible. A region
# uses its own secret key (``cellkey.derive_secret``); this one protects nothing.
BENCH_KEY = b"ketenmonitor-benchmark-disclosure-not-a-secret"
T = TypeVar("T")


def _timed(work: Callable[[], T]) -> tuple[T, dict[str, float]]:
    cpu, wall = time.process_time(), time.perf_counter()
    out = work()
    return out, {"cpu": round(time.process_time() - cpu, 3),
                 "wand": round(time.perf_counter() - wall, 3)}


def _cells(published: Mapping[str, pa.Table]) -> tuple[int, int]:
    rows = sum(t.num_rows for t in published.values())
    hidden = sum(sum(t.column("onderdrukt").to_pylist()) for t in published.values())
    return rows, hidden


def _errors(truth: Mapping[str, pa.Table], published: Mapping[str, pa.Table],
            catalogue: Catalogue) -> dict[str, Any]:
    """Mean and maximum absolute error of published counts and of published shares and rates."""
    count_err: list[int] = []
    value_err: list[float] = []
    for ind, table in published.items():
        defn = catalogue[ind]
        true_t, true_n = truth[ind].column("teller").to_pylist(), truth[ind].column("noemer").to_pylist()
        true_w = truth[ind].column("waarde").to_pylist()
        pub_t, pub_n = table.column("teller").to_pylist(), table.column("noemer").to_pylist()
        pub_w = table.column("waarde").to_pylist()
        for i in range(table.num_rows):
            if pub_t[i] is not None:
                count_err.append(abs(pub_t[i] - true_t[i]))
            if pub_n[i] is not None and not defn.eenheid.is_rate:
                count_err.append(abs(pub_n[i] - true_n[i]))
            if pub_w[i] is not None and true_w[i] is not None and defn.eenheid.factor > 1:
                value_err.append(abs(pub_w[i] - true_w[i]))
    return {
        "aantallen": len(count_err),
        "mae_aantal": round(sum(count_err) / len(count_err), 4) if count_err else None,
        "max_fout_aantal": max(count_err, default=None),
        "exact_aantal": sum(1 for e in count_err if e == 0),
        "waarden": len(value_err),
        "mae_waarde": round(sum(value_err) / len(value_err), 4) if value_err else None,
    }


def _threshold_only(finding: Finding, catalogue: Catalogue) -> bool:
    """A finding the threshold alone explains: a count or complement below the threshold whose
    range still reaches down to the goal and up to ``limit − 1``, i.e. the attacker learnt
    nothing beyond "below the threshold"."""
    limit = THRESHOLD * catalogue[finding.indicator].drempel_factor
    return (finding.waarde < limit
            and finding.ondergrens <= max(0, finding.waarde - PROTECTION)
            and finding.bovengrens >= limit - 1)


def _attack_figures(report: AttackReport, wall: float, catalogue: Catalogue) -> dict[str, Any]:
    kinds = Counter(
        f"{f.maat}_{'1-9' if f.waarde < 10 else '10+'}" for f in report.findings
    )
    return {
        "doelen": report.targets,
        "gevonden": len(report.findings),
        "alleen_door_drempel": sum(1 for f in report.findings if _threshold_only(f, catalogue)),
        "door_propagatie": report.settled,
        "per_soort": dict(sorted(kinds.items())),
        "lps": report.lps,
        "componenten": report.components,
        "weggelaten_relaties": report.dropped_relations,
        "cpu": round(report.seconds, 3),
        "wand": round(wall, 3),
        "per_indicator": report.per_indicator(),
    }


def _run_attack(truth: Mapping[str, pa.Table], shown: Mapping[str, pa.Table],
                catalogue: Catalogue, base: int) -> dict[str, Any]:
    wall = time.perf_counter()
    report = attack(truth, shown, catalogue, threshold=THRESHOLD, base=base,
                    protection=PROTECTION, values_from_rounded=True)
    return _attack_figures(report, time.perf_counter() - wall, catalogue)


def _design_figures(truth: Mapping[str, pa.Table], published: Mapping[str, pa.Table],
                    catalogue: Catalogue) -> dict[str, Any]:
    rows, hidden = _cells(published)
    return {"cellen": rows, "onderdrukt": hidden,
            "aandeel_gepubliceerd": round((rows - hidden) / rows, 4) if rows else None,
            "fout": _errors(truth, published, catalogue)}


def _as_attacker_sees_b(published: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
    """Design (b) suppresses only cells below the threshold: the attacker knows that, which the
    attack model takes from the label ``primair`` (the publication itself shows one reason)."""
    out = {}
    for ind, table in published.items():
        labels = [PRIMAIR if h else None for h in table.column("onderdrukt").to_pylist()]
        idx = table.schema.get_field_index("onderdrukking")
        out[ind] = table.set_column(idx, "onderdrukking", pa.array(labels, pa.string()))
    return out


def measure_warehouse(path: Path, region: str, catalogue: Catalogue,
                      variants: Sequence[tuple[int, float]], with_a: bool = True) -> dict[str, Any]:
    """Both designs on one warehouse (``with_a=False``: only the variants of design b)."""
    con = connect_readonly(path)
    try:
        peildatum = read_peildatum(con)
        periods = reporting_periods(peildatum)
        truth, t_compute = _timed(lambda: compute_all(con, region, periods=periods,
                                                      catalogue=catalogue))
        designs: dict[str, Any] = {}
        if with_a:
            settings = Settings(rounding_base=ROUNDING, suppression_threshold=THRESHOLD)
            pub_a, t_disclose = _timed(lambda: disclose_all(truth, peildatum, catalogue,
                                                            settings))
            designs["a"] = {**_design_figures(truth, pub_a, catalogue),
                            "tijd": {"onthulling": t_disclose},
                            "aanval": _run_attack(truth, pub_a, catalogue, ROUNDING)}
        secret = derive_secret(BENCH_KEY)
        (truth_b, keys), t_keys = _timed(lambda: compute_with_cell_keys(
            con, region, periods, catalogue, secret))
    finally:
        con.close()
    if any(not truth[k].equals(truth_b[k]) for k in truth):
        raise RuntimeError("de query met celsleutels geeft andere aantallen dan compute_all")
    for max_noise, variance in variants:
        ptable = PTable(max_noise, variance)
        (pub_b, _status), t_b = _timed(lambda p=ptable: disclose_cell_key(  # type: ignore[misc]
            truth, keys, peildatum, catalogue, p, THRESHOLD))
        designs[f"b_D{max_noise}_V{variance:g}"] = {
            **_design_figures(truth, pub_b, catalogue),
            "ruis": {"D": max_noise, "V": variance},
            "tijd": {"onthulling": t_b, "berekenen_met_celsleutels": t_keys},
            "aanval": _run_attack(truth, _as_attacker_sees_b(pub_b), catalogue,
                                  2 * max_noise + 1),
        }
    return {"warehouse": str(path), "regio": region, "peildatum": peildatum.isoformat(),
            "indicatoren": len(truth), "tijd_berekenen": t_compute, "ontwerpen": designs}


def _synthetic(work: Path) -> tuple[Path, str]:
    source = REPO / "tests" / "indicators" / "synthetic_warehouse.py"
    spec = importlib.util.spec_from_file_location("synthetic_warehouse", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = work / "synthetisch.duckdb"
    if not path.exists():
        module.build_warehouse(path).close()
    return path, str(module.REGION)


def _label(design: str) -> str:
    if design == "a":
        return "(a) onderdrukking + afronding op 5"
    _b, d, v = design.split("_")
    return f"(b) cell key ±{d[1:]} (V={v[1:].replace('.', ',')}) + kleinste cellen"


def report_markdown(data: dict[str, Any]) -> str:
    lines = ["# Onthullingsbeveiliging: ontwerp (a) tegenover (b)", "",
             f"Gemeten {data['gemeten']} op {data['machine']['cpu']} "
             f"({data['machine']['cores']} kernen); belasting (1 min) vooraf "
             f"{nl(data['belasting_voor'], 2)}, achteraf {nl(data['belasting_na'], 2)}: "
             "de machine wordt gedeeld, CPU-seconden zeggen meer dan wandklok.",
             f"Drempel {THRESHOLD}, beschermingsinterval ±{PROTECTION}, afronding (a) op "
             f"{ROUNDING}. Aanval: `publish/attack.py`, waarde uit gepubliceerde aantallen.", ""]
    for name, wh in data["warehouses"].items():
        designs = wh["ontwerpen"]
        lines += [f"## {name} ({wh['indicatoren']} indicatoren, peildatum {wh['peildatum']})", "",
                  f"Berekenen (onafgerond): {nl(wh['tijd_berekenen']['cpu'])} s CPU, "
                  f"{nl(wh['tijd_berekenen']['wand'])} s wand.", ""]
        rows: list[list[str]] = []

        def row(label: str, get: Callable[[dict[str, Any]], str],
                designs: dict[str, Any] = designs, rows: list[list[str]] = rows) -> None:
            rows.append([label, *(get(d) for d in designs.values())])

        row("cellen in de publicatie", lambda d: nl(d["cellen"], 0))
        row("gepubliceerd", lambda d: f"{nl(d['cellen'] - d['onderdrukt'], 0)} "
            f"({nl(100 * d['aandeel_gepubliceerd'])} %)")
        row("te beschermen doelen", lambda d: nl(d["aanval"]["doelen"], 0))
        row("door de aanval teruggerekend", lambda d: nl(d["aanval"]["gevonden"], 0)
            + f" (propagatie {nl(d['aanval']['door_propagatie'], 0)})")
        row("— waarvan alleen door de drempel (bereik 0–9)",
            lambda d: nl(d["aanval"]["alleen_door_drempel"], 0))
        kinds = sorted({k for d in designs.values() for k in d["aanval"]["per_soort"]})
        for kind in kinds:
            row(f"— {kind.replace('_', ' ')}",
                lambda d, k=kind: nl(d["aanval"]["per_soort"].get(k, 0), 0))
        row("gem. absolute fout aantallen", lambda d: nl(d["fout"]["mae_aantal"], 2)
            + f" (max {d['fout']['max_fout_aantal']})")
        row("aantallen exact gepubliceerd", lambda d: f"{nl(d['fout']['exact_aantal'], 0)} van "
            f"{nl(d['fout']['aantallen'], 0)}")
        row("gem. absolute fout waarde (% / per inwoners)",
            lambda d: nl(d["fout"]["mae_waarde"], 3))
        row("extra: berekenen met celsleutels (CPU / wand)",
            lambda d: "–" if "berekenen_met_celsleutels" not in d["tijd"] else
            f"{nl(d['tijd']['berekenen_met_celsleutels']['cpu'])} / "
            f"{nl(d['tijd']['berekenen_met_celsleutels']['wand'])} s")
        row("beveiligen (CPU / wand)", lambda d: f"{nl(d['tijd']['onthulling']['cpu'])} / "
            f"{nl(d['tijd']['onthulling']['wand'])} s")
        row("aanval (CPU / wand, LP's)", lambda d: f"{nl(d['aanval']['cpu'])} / "
            f"{nl(d['aanval']['wand'])} s, {d['aanval']['lps']}")
        lines += markdown_table(["", *(_label(k) for k in designs)], rows,
                                [False] + [True] * len(designs))
        lines.append("")
    lines += ["Doelen: verborgen aantallen > 0 en kleine complementen (noemer − teller 1–9) van "
              "verborgen cellen. Teruggerekend: het haalbare bereik is nauwer dan "
              f"[max(0, v−{PROTECTION}), v+{PROTECTION}] (v 1–9) of dan de band van een "
              "gepubliceerd aantal (v ≥ 10). In (b) weet de aanvaller dat elke verborgen cel "
              f"onder de {THRESHOLD} ligt.", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, help="warehouse.duckdb van 'ketenmonitor demo'")
    parser.add_argument("--regio", default="haaglanden")
    parser.add_argument("--zonder-demo", action="store_true")
    parser.add_argument("--zonder-synthetisch", action="store_true")
    parser.add_argument("--zonder-a", action="store_true", help="alleen ontwerp (b) meten")
    parser.add_argument("--varianten", default="2:1.0,3:2.0",
                        help="ontwerp (b): D:V, komma-gescheiden (maximale ruis : variantie)")
    parser.add_argument("--indicatoren", help="alleen deze indicatoren (komma-gescheiden)")
    parser.add_argument("--werkmap", type=Path, help="voor de synthetische warehouse")
    parser.add_argument("--uitvoer", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args(argv)
    variants = [(int(d), float(v)) for d, v in (x.split(":") for x in args.varianten.split(","))]
    catalogue = load_catalogue()
    if args.indicatoren:
        wanted = args.indicatoren.split(",")
        catalogue = {k: catalogue[k] for k in wanted}  # type: ignore[assignment]
    load_before = os.getloadavg()[0]
    warehouses: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = args.werkmap or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if not args.zonder_synthetisch:
            path, region = _synthetic(work)
            warehouses["synthetisch"] = measure_warehouse(path, region, catalogue, variants,
                                                           not args.zonder_a)
        if args.demo and not args.zonder_demo:
            warehouses["demo"] = measure_warehouse(args.demo, args.regio, catalogue, variants,
                                                  not args.zonder_a)
    data = {"benchmark": "disclosure", "gemeten": now_iso(), "machine": machine_info(),
            "belasting_voor": load_before, "belasting_na": os.getloadavg()[0],
            "instellingen": {"drempel": THRESHOLD, "afronding": ROUNDING,
                             "beschermingsinterval": PROTECTION,
                             "varianten": [{"D": d, "V": v} for d, v in variants]},
            "warehouses": warehouses}
    args.uitvoer.mkdir(parents=True, exist_ok=True)
    (args.uitvoer / "disclosure.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.uitvoer / "disclosure.md").write_text(report_markdown(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
