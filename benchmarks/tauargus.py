# SPDX-License-Identifier: EUPL-1.2
"""Secundaire onderdrukking: ons ontwerp (a) tegenover τ-ARGUS (``pytauargus``), gemeten met
onze intervalaanval.

Issue 12 / ADR 0010: "meet een onderhouden bibliotheek voordat je zelf schrijft". Op de
synthetische warehouse, voor één jaar (het jaar en zijn halfjaren) en de indicatoren met één
enkelvoudige dimensie waarvan de aantallen één telling zijn (tarieven per inwoners: de noemer
is openbaar; verdelingen: de noemer is het totaal):

* ons: ``compute.disclose_all`` (interval-beschermende secundaire onderdrukking, audit,
  koppeling tussen tabellen en de aanvalslus);
* τ-ARGUS: per indicator en periode één tabel gemeente × categorie met totalen (regio,
  ``totaal``), onze primaire onderdrukking als status ``U`` met beschermingsniveaus (±5 rond
  1–9, de halve afrondingsband daarboven), secundaire onderdrukking met OPT of MOD (HiTaS),
  beide op HiGHS. Het patroon gaat terug naar onze tabel; daarna afronden op 5 en waarden uit
  de afgeronde aantallen zoals in ``disclosure.publishable``.

Daarna op elk resultaat dezelfde aanval (``indicators.attack.attack``), die alle sommen kent,
ook die τ-ARGUS niet ziet (halfjaren ↔ jaar, gedeelde reeksen tussen indicatoren).

    python benchmarks/tauargus.py
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_info, markdown_table, nl, now_iso
from disclosure import (
    PROTECTION,
    ROUNDING,
    THRESHOLD,
    _design_figures,
    _run_attack,
    _synthetic,
    _timed,
)
from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.areas import REGIO
from ketenmonitor.indicators.attack import series_links
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.compute import compute_all, disclose_all, read_peildatum
from ketenmonitor.indicators.disclosure import Protection, _primary, publishable
from ketenmonitor.indicators.model import TOTAAL, Eenheid, IndicatorDefinitie
from ketenmonitor.indicators.periods import provisional_periods, reporting_periods
from ketenmonitor.indicators.schema import SECUNDAIR
from ketenmonitor.indicators.tables import CellTable
from ketenmonitor.warehouse import connect_readonly

METHODS = ("OPT", "MOD")
_RDA = """<SEPARATOR> ";"
<SAFE> "S"
<UNSAFE> "U"
<PROTECT> "P"
gebied "" ""
<RECODEABLE>
<TOTCODE> "T"
cat "" ""
<RECODEABLE>
<TOTCODE> "T"
aantal "" ""
<NUMERIC>
status "" ""
<STATUS>
lpl "" ""
<NUMERIC> <LOWERPL>
upl "" ""
<NUMERIC> <UPPERPL>
"""


def selected(catalogue: Catalogue) -> list[str]:
    """Indicators τ-ARGUS can take as one count table gemeente × categorie: one single-valued
    dimension, and a teller that is the only count (rates: the noemer is public inhabitants;
    distributions: the noemer is the total)."""
    out = []
    for ind, defn in catalogue.items():
        if len(defn.dimensies) != 1 or defn.dimensies[0].meervoudig:
            continue
        if defn.eenheid in (Eenheid.MEDIAAN_DAGEN, Eenheid.GEMIDDELDE):
            continue
        if defn.eenheid.is_rate or defn.noemer_is_totaal:
            out.append(ind)
    return out


def _one_year(results: dict[str, pa.Table], year: int, halves: bool) -> dict[str, pa.Table]:
    out = {}
    for ind, table in results.items():
        periode = table.column("periode")
        keep = pc.equal(periode, str(year))
        if halves:
            keep = pc.or_(keep, pc.starts_with(periode, f"{year}-H"))
        out[ind] = table.filter(keep)
    return out


def _protection_levels(value: int, primary: bool) -> tuple[str, int, int]:
    """Status and protection levels for τ-ARGUS, as ours (``disclosure.Protection``)."""
    if not primary:
        return "S", 0, 0
    if value <= 0:
        # hidden, but nothing to protect (the attack has no goal there). Given as 'M' (already
        # secondary) OPT fails ("FullJJ failed (code 5008): Couldn't load JJ-routines"); as
        # safe, τ-ARGUS assumes the attacker knows the 0, which only makes it protect more.
        return "S", 0, 0
    need = Protection(PROTECTION, ROUNDING // 2).need(value)
    return "U", min(value, need), need


def _tau_table(cells: CellTable, rows: dict[tuple[str, str], int], primary: list[str | None],
               areas: list[str], cats: list[str], region: str) -> list[str]:
    """The ``.tab`` lines of one period; a sum that does not add up (a category left out of
    the split, a person in two gemeenten) gets a residual cell marked safe: τ-ARGUS then
    assumes the attacker knows it, which only makes it protect more."""
    lines = []
    value = {k: cells.teller[i] for k, i in rows.items()}
    for a in [*areas, region]:
        for c in [*cats, TOTAAL]:
            i = rows.get((a, c))
            if i is None:
                continue
            status, lpl, upl = _protection_levels(cells.teller[i], primary[i] is not None)
            code_a = "T" if a == region else f"g{areas.index(a)}"
            code_c = "T" if c == TOTAAL else f"c{cats.index(c)}"
            lines.append(f"{code_a};{code_c};{cells.teller[i]};{status};{lpl};{upl}")
        rest = value.get((a, TOTAAL), 0) - sum(value.get((a, c), 0) for c in cats)
        if rest:
            code_a = "T" if a == region else f"g{areas.index(a)}"
            lines.append(f"{code_a};crest;{rest};S;0;0")
    for c in [*cats, TOTAAL]:
        rest = value.get((region, c), 0) - sum(value.get((a, c), 0) for a in areas)
        if rest:
            code_c = "T" if c == TOTAAL else f"c{cats.index(c)}"
            lines.append(f"grest;{code_c};{rest};S;0;0")
    corner = (value.get((region, TOTAAL), 0) - sum(value.get((a, TOTAAL), 0) for a in areas)
              - sum(value.get((region, c), 0) - sum(value.get((a, c), 0) for a in areas)
                    for c in cats))
    if corner:
        lines.append(f"grest;crest;{corner};S;0;0")
    return lines


def _run_tau(lines: list[str], method: str, work: Path) -> dict[tuple[str, str], str]:
    from pytauargus.engine import run_batch  # optional: only the benchmark needs τ-ARGUS

    (work / "t.tab").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "t.rda").write_text(_RDA, encoding="utf-8")
    suppress = "OPT(1)" if method == "OPT" else "MOD(1,5,1,1,1)"
    (work / "b.arb").write_text(
        '<OPENTABLEDATA> "t.tab"\n<OPENMETADATA> "t.rda"\n'
        '<SPECIFYTABLE> "gebied""cat"|"aantal"||\n<SAFETYRULE>\n<READTABLE> 0\n'
        f'<SUPPRESS> {suppress}\n<WRITETABLE> (1,5,"SO+","uit.tab")\n', encoding="utf-8")
    try:
        # the native solvers write their logs (FullJJ.log, HiTaS.log, cspSCIP.*) to the
        # current directory
        with contextlib.chdir(work):
            run_batch(str(work / "b.arb"))
    except Exception as exc:  # keep the failing input for the report
        Path(tempfile.gettempdir(), "tauargus_fout.tab").write_text("\n".join(lines) + "\n", encoding="utf-8")
        raise RuntimeError(f"τ-ARGUS {method}: {exc}") from exc
    out = {}
    for line in (work / "uit.tab").read_text(encoding="utf-8").splitlines():
        fields = [f.strip('"') for f in line.split(";")]
        out[(fields[0], fields[1])] = fields[5]
    return out


def tau_status(cells: CellTable, defn: IndicatorDefinitie, method: str,
               work: Path) -> tuple[list[str | None], int, int]:
    """Our primary suppression plus τ-ARGUS' secondary suppression, per period; the number
    of cells τ-ARGUS marked secondary, and of residual cells the tables needed."""
    status = _primary(cells, defn, THRESHOLD)
    region = next(cells.gebied[i] for i in range(len(cells)) if cells.niveau[i] == REGIO)
    added = residual = 0
    for periode in sorted(set(cells.periode)):
        rows = {(cells.gebied[i], cells.categorie[i]): i
                for i in range(len(cells)) if cells.periode[i] == periode}
        areas = sorted({a for a, _c in rows if a != region})
        cats = sorted({c for _a, c in rows if c != TOTAAL})
        lines = _tau_table(cells, rows, status, areas, cats, region)
        residual += sum(1 for line in lines if "rest;" in line)
        result = _run_tau(lines, method, work)
        for (a, c), i in rows.items():
            code = ("T" if a == region else f"g{areas.index(a)}",
                    "T" if c == TOTAAL else f"c{cats.index(c)}")
            if result.get(code) == "M" and status[i] is None:
                status[i] = SECUNDAIR
                added += 1
    if defn.noemer_is_totaal:  # a category row shows its total as noemer (disclosure.py)
        for i in range(len(cells)):
            total = cells.index[(cells.gebied[i], cells.periode[i], TOTAAL, TOTAAL)]
            if status[total] is not None and status[i] is None:
                status[i] = SECUNDAIR
    return status, added, residual


def measure(year: int | None, methods: Sequence[str]) -> dict[str, Any]:
    """Both scopes: the year with its half-years (a link τ-ARGUS cannot see), and the year
    alone (only the sums inside one τ-ARGUS table, plus what links the indicators)."""
    catalogue_all = load_catalogue()
    catalogue: Catalogue = {k: catalogue_all[k] for k in selected(catalogue_all)}  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path, region = _synthetic(work)
        con = connect_readonly(path)
        try:
            peildatum = read_peildatum(con)
            all_results = compute_all(con, region, periods=reporting_periods(peildatum),
                                      catalogue=catalogue)
        finally:
            con.close()
        year = year or peildatum.year
        scopes = {
            name: _measure_scope(_one_year(all_results, year, halves), catalogue, peildatum,
                                 methods, work)
            for name, halves in (("jaar_en_halfjaren", True), ("alleen_jaar", False))
        }
    return {"regio": region, "peildatum": peildatum.isoformat(), "jaar": year,
            "indicatoren": sorted(catalogue), "scopes": scopes}


def _tau_design(truth: dict[str, pa.Table], catalogue: Catalogue, provisional: set[str],
                method: str, work: Path) -> tuple[dict[str, pa.Table], int, int, int]:
    tables, added, n, residual = {}, 0, 0, 0
    for ind, table in truth.items():
        cells = CellTable.from_arrow(table)
        status, extra, rest = tau_status(cells, catalogue[ind], method, work)
        n += len(set(cells.periode))
        added += extra
        residual += rest
        tables[ind] = publishable(table, cells, status, catalogue[ind], provisional, ROUNDING)
    return tables, added, n, residual


def _measure_scope(truth: dict[str, pa.Table], catalogue: Catalogue, peildatum: date,
                   methods: Sequence[str], work: Path) -> dict[str, Any]:
    codes = sorted({p for t in truth.values() for p in t.column("periode").to_pylist()})
    provisional = {p.code for p in provisional_periods([Period.parse(c) for c in codes],
                                                       peildatum)}
    designs: dict[str, Any] = {}
    for name, check in (("ons", True), ("ons_zonder_lus", False)):
        settings = Settings(rounding_base=ROUNDING, suppression_threshold=THRESHOLD,
                            protection_check=check)
        pub, t_ours = _timed(lambda s=settings: disclose_all(  # type: ignore[misc]
            truth, peildatum, catalogue, s))
        designs[name] = {**_design_figures(truth, pub, catalogue), "tijd": t_ours,
                         "aanval": _run_attack(truth, pub, catalogue, ROUNDING)}
    for method in methods:
        (pub_t, added, n_tables, residual), t_tau = _timed(
            lambda m=method: _tau_design(truth, catalogue, provisional, m, work))  # type: ignore[misc]
        designs[f"tau_{method}"] = {
            **_design_figures(truth, pub_t, catalogue), "tijd": t_tau,
            "secundair_door_tau": added, "tau_tabellen": n_tables, "restcellen": residual,
            "aanval": _run_attack(truth, pub_t, catalogue, ROUNDING)}
    cells = {ind: CellTable.from_arrow(t) for ind, t in truth.items()}
    shared = [link for link in series_links(cells, catalogue) if len({k[0] for k in link}) > 1]
    return {"cellen": sum(t.num_rows for t in truth.values()),
            "reeksen_tussen_indicatoren": len(shared), "ontwerpen": designs}


_LABELS = {"ons": "ons (a), met aanvalslus", "ons_zonder_lus": "ons (a), zonder aanvalslus"}
_SCOPES = {"jaar_en_halfjaren": "Jaar en halfjaren (τ-ARGUS: elke periode een eigen tabel)",
           "alleen_jaar": "Alleen het jaar (geen koppeling halfjaren ↔ jaar)"}


def _label(design: str) -> str:
    return _LABELS.get(design) or f"τ-ARGUS {design[4:]} (HiGHS)"


def _scope_table(scope: dict[str, Any]) -> list[str]:
    designs = scope["ontwerpen"]
    rows: list[list[str]] = []
    fields: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("cellen", lambda d: nl(d["cellen"], 0)),
        ("gepubliceerd", lambda d: f"{nl(d['cellen'] - d['onderdrukt'], 0)} "
                                   f"({nl(100 * d['aandeel_gepubliceerd'])} %)"),
        ("τ-ARGUS-tabellen / door τ-ARGUS secundair",
         lambda d: "–" if "tau_tabellen" not in d else
         f"{d['tau_tabellen']} / {nl(d['secundair_door_tau'], 0)}"),
        ("te beschermen doelen", lambda d: nl(d["aanval"]["doelen"], 0)),
        ("door de aanval teruggerekend", lambda d: nl(d["aanval"]["gevonden"], 0)),
        ("— per soort", lambda d: ", ".join(f"{k.replace('_', ' ')}: {v}"
                                            for k, v in d["aanval"]["per_soort"].items()) or "–"),
        ("beveiligen (CPU / wand)", lambda d: f"{nl(d['tijd']['cpu'])} / {nl(d['tijd']['wand'])} s"),
        ("aanval (CPU / wand)", lambda d: f"{nl(d['aanval']['cpu'])} / {nl(d['aanval']['wand'])} s"),
    ]
    for label, get in fields:
        rows.append([label, *(get(d) for d in designs.values())])
    return markdown_table(["", *(_label(k) for k in designs)], rows,
                          [False] + [True] * len(designs))


def report_markdown(data: dict[str, Any]) -> str:
    m = data["meting"]
    lines = ["# Secundaire onderdrukking: ons ontwerp (a) tegenover τ-ARGUS", "",
             f"Gemeten {data['gemeten']} op {data['machine']['cpu']} "
             f"({data['machine']['cores']} kernen); belasting (1 min) vooraf "
             f"{nl(data['belasting_voor'], 2)}, achteraf {nl(data['belasting_na'], 2)}: "
             "de machine wordt gedeeld, CPU-seconden zeggen meer dan wandklok.",
             f"`pytauargus` {data['pytauargus']} (PyPI, EUPL-1.2; τ-ARGUS-kern met HiGHS in het "
             "wiel, geen Java of los programma nodig).", "",
             f"Synthetische warehouse, regio {m['regio']}, jaar {m['jaar']}, "
             f"{len(m['indicatoren'])} indicatoren met één enkelvoudige dimensie en één telling: "
             + ", ".join(f"`{i}`" for i in m["indicatoren"]) + ".",
             f"Drempel {THRESHOLD}, beschermingsinterval ±{PROTECTION} (1–9) en ±{ROUNDING // 2} "
             f"(≥ 10), afronding op {ROUNDING}, waarde uit de afgeronde aantallen. "
             "τ-ARGUS krijgt per indicator en periode één tabel gemeente × categorie met totalen, "
             "onze primaire onderdrukking als status `U` met beschermingsniveaus; een verborgen 0 "
             "als veilig (met status `M` faalt OPT: `FullJJ failed (code 5008)`).", ""]
    for name, scope in m["scopes"].items():
        lines += [f"## {_SCOPES.get(name, name)}", "", *_scope_table(scope), "",
                  f"Reeksen die meer indicatoren delen: {scope['reeksen_tussen_indicatoren']}; "
                  "restcellen voor niet-optellende τ-ARGUS-tabellen: "
                  + ", ".join(str(d["restcellen"]) for d in scope["ontwerpen"].values()
                              if "restcellen" in d) + ".", ""]
    lines += ["Wat τ-ARGUS hier niet kan uitdrukken (de aanval wel): halfjaren ↔ jaar (elke "
              "periode is een eigen tabel), dezelfde reeks in meer indicatoren (de teller van de "
              "ene is het totaal van de andere), teller ↔ noemer en kleine complementen van "
              "percentages (bescherming op een verschil van cellen), eerdere publicaties van de "
              "regio. Gemeenten ↔ regio en categorieën ↔ totaal wel (één tweedimensionale tabel "
              "per periode). Een verborgen totaal van een verdeling verbergt daarna zijn "
              "categorieën (de noemer); dat komt er bij τ-ARGUS achteraf bij, zoals in "
              "`disclosure.py`.",
              "Soorten: teller = verborgen categorie, noemer = verborgen totaal (de noemer van de "
              "categorieën), complement = noemer − teller van een verborgen percentage.", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jaar", type=int, help="standaard het jaar van de peildatum")
    parser.add_argument("--methoden", default=",".join(METHODS))
    parser.add_argument("--uitvoer", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args(argv)
    from importlib.metadata import version

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    result = measure(args.jaar, args.methoden.split(","))
    data = {"benchmark": "tauargus", "gemeten": now_iso(), "machine": machine_info(),
            "pytauargus": version("pytauargus"), "belasting_voor": load_before,
            "belasting_na": os.getloadavg()[0],
            "wandtijd_totaal": round(time.perf_counter() - started, 1),
            "instellingen": {"drempel": THRESHOLD, "afronding": ROUNDING,
                             "beschermingsinterval": PROTECTION},
            "meting": result}
    args.uitvoer.mkdir(parents=True, exist_ok=True)
    (args.uitvoer / "tauargus.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.uitvoer / "tauargus.md").write_text(report_markdown(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
