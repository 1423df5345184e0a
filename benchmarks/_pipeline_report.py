# SPDX-License-Identifier: EUPL-1.2
"""The Dutch Markdown report of ``pipeline.py`` (from its JSON, so it can be regenerated)."""

from __future__ import annotations

from typing import Any

from _common import markdown_table, nl
from ketenmonitor.linkage.blocking import rule_words

# Record types that are events (a VT bericht is a melding or an advies); betrokkenen are people.
PEOPLE_TYPE = "betrokkene"
STAGE_LABELS = {
    "inlezen": "inlezen (valideren, quarantaine, grootboek)",
    "koppelen": "koppelen (Splink op tokens, huishoudens)",
    "afleiden": "afleiden (casus, paden, hermeldingen)",
    "berekenen": "berekenen (indicatorcatalogus, DuckDB)",
    "publiceren": "onthullingsbeveiliging en publiceren",
}


def _verdict(ok: bool) -> str:
    return "gehaald" if ok else "**niet gehaald**"


def _per_second(seconds: float, rows: int) -> str:
    return nl(rows / seconds, 0) if seconds > 0 and rows else "–"


def events(case: dict[str, Any]) -> int | None:
    """Delivered events: every record type but the betrokkenen (VT meldingen and adviezen, police
    incidents, LT trajects, MDA++ cases and whatever other partner kinds deliver)."""
    delivered = case.get("delivered_by_type")
    return sum(n for t, n in delivered.items() if t != PEOPLE_TYPE) if delivered else None


def _kinds(case: dict[str, Any]) -> str:
    """The delivered event record types with their counts, e.g. 'vt_bericht 7.314'."""
    delivered = case.get("delivered_by_type") or {}
    return ", ".join(f"{t} {nl(n, 0)}" for t, n in sorted(delivered.items()) if t != PEOPLE_TYPE)


def _people(case: dict[str, Any]) -> int | None:
    delivered = case.get("delivered_by_type")
    return delivered.get(PEOPLE_TYPE) if delivered else None


def _when(case: dict[str, Any]) -> str:
    if "date" not in case:
        return ""
    load = ", ".join(nl(x, 1) for x in case["load_average"])
    return f"Gemeten op {case['date']}; belasting van de machine direct na afloop (1/5/15 min): {load}."


def _aborted_text(case: dict[str, Any]) -> str:
    stop = case["aborted"]
    if stop.get("reason") == "tijdslimiet":
        return f"afgebroken na de tijdslimiet van {nl(stop['seconds'], 0)} s"
    done = sum(s["seconds"] for s in case["stages"].values())
    return (f"afgebroken in stap **{stop['stage']}** na {nl(stop['seconds_in_stage'], 0)} s: "
            f"het werkgeheugen passeerde {nl(stop['limit_mib'], 0)} MiB "
            f"({nl(stop['rss_mib'], 0)} MiB); de stappen ervoor duurden {nl(done, 1)} s")


def _summary(data: dict[str, Any]) -> list[str]:
    rows = []
    for case in data["cases"].values():
        if "aborted" in case:
            rows.append([case["label"], nl(events(case), 0), nl(_people(case), 0), "–",
                         f"≤ {nl(case['target_seconds'], 0)}",
                         "**niet gehaald**", "–", f"≤ {nl(case['target_memory_gib'] * 1024, 0)}",
                         _aborted_text(case)])
            continue
        rows.append([
            case["label"], nl(events(case), 0), nl(_people(case), 0),
            nl(case["total_seconds"]), f"≤ {nl(case['target_seconds'], 0)}",
            _verdict(case["passed"]["seconds"]), nl(case["peak_rss_mib"], 0),
            f"≤ {nl(case['target_memory_gib'] * 1024, 0)}", _verdict(case["passed"]["memory"]),
        ])
    return markdown_table(["geval", "gebeurtenissen", "betrokkenen", "seconden", "doel (s)",
                           "tijd", "piekgeheugen (MiB)", "doel (MiB)", "geheugen"], rows,
                          [False, True, True, True, True, False, True, True, False])


def _preparation(prep: dict[str, Any]) -> str:
    """Simulating and pseudonymising: wall time and, when measured, CPU time."""
    def part(label: str, key: str) -> str:
        cpu = prep.get(f"{key}_cpu_seconds")
        return (f"{label} {nl(prep[f'{key}_seconds'])} s"
                + (f" (CPU {nl(cpu)} s)" if cpu is not None else ""))
    return f"{part('simuleren', 'simulation')}, {part('pseudonimiseren', 'pseudonymise')}"


def _stages(case: dict[str, Any]) -> list[str]:
    total = case["total_seconds"]
    rows = []
    for name, stage in case["stages"].items():
        share = 100 * stage["seconds"] / total if total else 0.0
        cpu = stage.get("cpu_seconds")  # not in results from before CPU time was measured
        rows.append([STAGE_LABELS.get(name, name), nl(stage["seconds"], 2),
                     nl(cpu, 2) if cpu is not None else "–", f"{nl(share, 0)} %",
                     nl(stage["rows"], 0) if stage["rows"] else "–",
                     _per_second(stage["seconds"], stage["rows"]), nl(stage["peak_rss_mib"], 0)])
    cpus = [s.get("cpu_seconds") for s in case["stages"].values()]
    cpu_total = nl(sum(c for c in cpus if c is not None), 2) if None not in cpus else "–"
    rows.append(["**totaal**", nl(total, 2), cpu_total, "100 %", "", "",
                 nl(case["peak_rss_mib"], 0)])
    return markdown_table(["stap", "seconden", "CPU-seconden", "aandeel", "rijen", "rijen/s",
                           "piekgeheugen (MiB)"], rows, [False, True, True, True, True, True, True])


def _references(case: dict[str, Any]) -> list[str]:
    rows = []
    for name, ref in case["references"].items():
        ours = case["stages"][name]
        ratio = ours["seconds"] / ref["seconds"] if ref["seconds"] > 0 else None
        note = ""
        if "identical_publication" in ref:
            note = "publicatie identiek" if ref["identical_publication"] else "**publicatie wijkt af**"
        rows.append([STAGE_LABELS[name], nl(ours["seconds"], 2), ref["label"], nl(ref["seconds"], 2),
                     nl(ratio, 2) + "×", note])
    return markdown_table(["ons", "seconden", "referentie (zelfde run, zelfde data)", "seconden",
                           "verhouding ons/ref.", "controle"], rows,
                          [False, True, False, True, True, False])


def _bottleneck(case: dict[str, Any]) -> str:
    name, stage = max(case["stages"].items(), key=lambda item: item[1]["seconds"])
    share = 100 * stage["seconds"] / case["total_seconds"] if case["total_seconds"] else 0.0
    memory = max(case["stages"].items(), key=lambda item: item[1]["peak_rss_mib"])
    return (f"Knelpunt in tijd: **{name}** ({nl(share, 0)} % van de tijd); het meeste geheugen "
            f"vraagt **{memory[0]}** ({nl(memory[1]['peak_rss_mib'], 0)} MiB).")


def _blocking(case: dict[str, Any]) -> list[str]:
    """One sentence on the blocking rules the pair budget narrowed (none in a region)."""
    plan = case["linkage"].get("blocking")
    if not plan:
        return []
    changed = [r for r in plan["rules"] if r["used"] != r["columns"]]
    if not changed:
        return [f"Paarbudget van de koppeling ({nl(plan['budget'], 0)} paren per regel): geen "
                "blokkeerregel verfijnd.", ""]

    parts = [f"{rule_words(r['columns'])} → "
             f"{rule_words(r['used']) if r['used'] else 'niet gebruikt'} "
             f"({nl(r['pairs'] / 1e6, 1)} → {nl(r['used_pairs'] / 1e6, 1)} mln paren)"
             for r in changed]
    return [f"Paarbudget van de koppeling ({nl(plan['budget'], 0)} paren per regel) verfijnde: "
            + "; ".join(parts) + ".", ""]


def markdown(data: dict[str, Any]) -> str:
    machine = data["machine"]
    load = ", ".join(nl(x, 1) for x in data["load_average"])
    lines = [
        "# Benchmark pijplijn: leveringen → publicatie", "",
        f"Gemeten op {data['date']} — {machine['usable_cores']} kernen ({machine['cpu']}), "
        f"{nl(machine['memory_gib'])} GiB, Python {machine['python']}, DuckDB {machine['duckdb']}, "
        f"commit `{(machine['git_commit'] or 'onbekend')[:12]}`"
        f"{' (met niet-vastgelegde wijzigingen)' if machine.get('git_dirty') else ''}. "
        f"Belasting van de machine bij het einde (load average 1/5/15 min): {load}; "
        "per geval staat de belasting erbij.", "",
        f"Schaal {nl(data['scale'], 2)} × de echte omvang. Gemeten zijn de stappen van de "
        "analyseomgeving, vanaf de leveringen (Parquet + manifest) tot en met de geschreven "
        "publicatie; elk geval in een eigen, vers proces. Piekgeheugen is het hoogste gemeten "
        "werkgeheugen (RSS, elke 0,1 s) van het proces en zijn kindprocessen tijdens de stap. "
        "CPU-seconden zijn de processortijd van het proces (alle threads, zonder Spark-JVM): op "
        "een gedeelde machine groeit de wandkloktijd met de belasting, de CPU-tijd veel minder.",
        "",
        "## Overzicht", "", *_summary(data), "",
    ]
    for case in data["cases"].values():
        prep = case["preparation"]
        if "aborted" in case:
            done = sum(s["seconds"] for s in case["stages"].values())
            lines += [f"## {case['label']}", "", _aborted_text(case) + ".", "",
                      f"Knelpunten: de stap **{case['aborted']['stage']}** vraagt meer dan "
                      f"{nl(case['aborted'].get('limit_mib'), 0)} MiB, en de voltooide stappen "
                      f"kostten samen al {nl(100 * done / case['target_seconds'], 0)} % van het "
                      f"tijdsdoel van {nl(case['target_seconds'], 0)} s.", ""]
            if case["stages"]:
                done = [[STAGE_LABELS.get(n, n), nl(s["seconds"], 2), nl(s["rows"], 0),
                         nl(s["peak_rss_mib"], 0)] for n, s in case["stages"].items()]
                lines += [*markdown_table(["voltooide stap", "seconden", "rijen",
                                           "piekgeheugen (MiB)"], done,
                                          [False, True, True, True]), ""]
            lines += [_when(case), "",
                      f"{nl(prep['delivered_rows'], 0)} geleverde rijen "
                      f"({nl(events(case), 0)} gebeurtenissen, {nl(_people(case), 0)} betrokkenen). "
                      "Voorbereiding: simuleren "
                      f"{nl(prep['simulation_seconds'])} s, pseudonimiseren "
                      f"{nl(prep['pseudonymise_seconds'])} s.", ""]
            continue
        lines += [
            f"## {case['label']}", "", _when(case), "",
            f"{nl(prep['delivered_rows'], 0)} geleverde rijen ({nl(events(case), 0)} "
            f"gebeurtenissen van alle partners: {_kinds(case)}; {nl(_people(case), 0)} "
            f"betrokkenen), "
            f"{case['indicators']} indicatoren, berekend voor "
            f"{', '.join(case['regions_computed'])}; peildatum {case['peildatum']}. Koppeling: "
            f"{nl(case['linkage']['records'], 0)} records → {nl(case['linkage']['persons'], 0)} "
            f"personen. Warehouse {nl(case['warehouse_mib'], 0)} MiB.", "",
            *_blocking(case),
            *_stages(case), "", _bottleneck(case), "",
            "Referenties:", "", *_references(case), "",
            f"Voorbereiding (werk van de partners, niet in de tijd hierboven): {_preparation(prep)}.",
            "",
        ]
    lines += [
        "## Toelichting", "",
        "- **Landelijk** is gesimuleerd als 26 synthetische regio's van gemiddelde Nederlandse "
        "omvang (17,9 mln / 26 ≈ 688.000 inwoners): 13 onafhankelijke simulaties (eigen seed) van "
        "Haaglanden en 13 van Hollands Midden, elk geleverd door eigen partners "
        "(`vt_haaglanden_03`, …). `codes/` kent alleen deze twee regio's, dus de 26 regio's "
        "gebruiken de gemeentecodes van hun moederregio en de indicatoren worden voor twee "
        "regiocodes over de gegevens van alle 26 berekend. Omvang en vorm van de gegevens zijn "
        "landelijk; het aantal gemeenten niet.",
        "- De koppeling ontdubbelt alle betrokkenen van alle partners in één model (zoals de "
        "software dat doet), dus landelijk over alle 26 regio's tegelijk. Blokkeerregels die "
        "kwadratisch groeien (geboortedatum alleen, klank van de achternaam + geboortejaar) worden "
        "boven het paarbudget van de koppeling verfijnd (ADR 0003); per geval staat erbij welke.",
        "- Gemaakt met `python benchmarks/pipeline.py`; de ruwe cijfers staan in `pipeline.json`. "
        "Andere processen op de machine vertragen elke stap: de belasting staat per geval "
        "vermeld.", "",
    ]
    return "\n".join(lines)
