# SPDX-License-Identifier: EUPL-1.2
"""Synthetic publications for the portal tests, written by the real publication writer.

Three gemeenten of Haaglanden and the region, six catalogue indicators covering every shape the
portal shows (two rates, two distributions with breakdowns, a share, a median), years 2022–2025
and their half-years, suppressed cells for the smallest gemeente. The writer completes the
metadata from the catalogue, so the fixture follows the publication format as it evolves. All
figures are invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from ketenmonitor.cbs.publication import BENCHMARK_SCHEMA
from ketenmonitor.codes import code_list
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators import PUBLISHED_SCHEMA
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.publish import write_publication

REGION = ("VR_HAAGLANDEN", "Haaglanden")
GEMEENTEN = (("GM0518", "'s-Gravenhage", 566_000), ("GM0503", "Delft", 106_000),
             ("GM1842", "Midden-Delfland", 19_500))
PERIODS = ("2022", "2023", "2024", "2025", "2024-H1", "2024-H2", "2025-H1", "2025-H2")
PROVISIONAL = {"2025", "2025-H2"}
PEILDATUM = date(2025, 12, 31)
INDICATORS = ("meldingen_per_1000", "meldingen_naar_melder", "veiligheidsbeoordeling_binnen_5_werkdagen",
              "dagen_tot_start_hulp", "eerdere_betrokkenheid", "huisverboden_per_10000")
RATE = "meldingen_per_1000"
SUPPRESSED = "huisverboden_per_10000"  # Midden-Delfland has suppressed cells here
DISTRIBUTION = "meldingen_naar_melder"
SHARE = "veiligheidsbeoordeling_binnen_5_werkdagen"


def _nl(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _cell(teller: int, noemer: int, waarde: float, rate: bool, voorlopig: bool) -> dict[str, Any]:
    teller = 5 * round(teller / 5)
    if teller < 10:
        return {"teller": None, "noemer": None, "waarde": None, "weergave": ".",
                "onderdrukt": True, "onderdrukking": "primair", "voorlopig": voorlopig}
    return {"teller": teller, "noemer": noemer if rate else max(10, 5 * round(noemer / 5)),
            "waarde": waarde, "weergave": _nl(waarde) + ("*" if voorlopig else ""),
            "onderdrukt": False, "onderdrukking": None, "voorlopig": voorlopig}


def _categories(codelijst: str | None) -> list[tuple[str, str]]:
    return list(code_list(codelijst).labels.items())[:4] if codelijst else [("A", "A")]


def indicator_rows(indicator_id: str) -> list[dict[str, Any]]:
    defn = load_catalogue()[indicator_id]
    rate = defn.eenheid.is_rate
    per = 10_000 if "10000" in defn.eenheid.value else 1_000
    areas = [((c, n, "gemeente"), i) for c, n, i in GEMEENTEN]
    areas.append(((*REGION, "regio"), sum(i for *_x, i in GEMEENTEN)))
    rows: list[dict[str, Any]] = []
    for a, ((code, naam, niveau), inhabitants) in enumerate(areas):
        for p, periode in enumerate(PERIODS):
            half = 0.5 if "-H" in periode else 1.0
            step = int(periode[:4]) - 2022
            base = {"indicator_id": indicator_id, "gebied_code": code, "gebied_naam": naam,
                    "gebied_niveau": niveau, "periode": periode,
                    "periode_type": "halfjaar" if "-H" in periode else "jaar"}
            flag = periode in PROVISIONAL
            if rate:
                level = (9.0 + 0.6 * step + 0.4 * a) if per == 1000 else (1.2 + 0.1 * a - 0.05 * step)
                teller = int(level * inhabitants / per * half)
                total = _cell(teller, inhabitants, round(5 * round(teller / 5) / inhabitants * per, 1),
                              True, flag)
            elif indicator_id == SHARE:
                count = int(inhabitants * 0.002 * half) + 8
                share = 60.0 + 4 * step - 3 * a
                total = _cell(int(count * share / 100), count, round(share, 1), False, flag)
            elif defn.dimensies:
                count = int(inhabitants * 0.005 * half) + 20
                total = _cell(count, count, 100.0, False, flag)
            else:
                count = int(inhabitants * 0.002 * half) + 8
                total = _cell(int(count * (0.3 - 0.01 * step)), count, 12.0 + step + p % 2,
                              False, flag)
            rows.append({**base, "dimensie": "totaal", "categorie": "totaal",
                         "categorie_label": "Totaal", **total})
            for dim in defn.dimensies:
                cats = _categories(dim.codelijst)
                for c, (cat, label) in enumerate(cats):
                    teller = total["teller"] or 0
                    part = int(teller * (c + 1) / sum(range(1, len(cats) + 1)))
                    rows.append({**base, "dimensie": dim.naam, "categorie": cat,
                                 "categorie_label": label,
                                 **_cell(part, teller or 10, round(100 * part / max(teller, 1), 1),
                                         False, flag)})
    return [{name: row.get(name) for name in PUBLISHED_SCHEMA.names} for row in rows]


def benchmark_rows(nl_2024: str = "12,3") -> pa.Table:
    """Nederland's figures for the rate indicator (CBS comparison, publication format 1.1)."""
    rows = [
        {"indicator_id": RATE, "gebied_code": "NL01", "gebied_naam": "Nederland",
         "gebied_niveau": "nederland", "periode": periode, "periode_type": "jaar",
         "dimensie": "totaal", "categorie": "totaal", "categorie_label": "Totaal",
         "eenheid": "per_1000_inwoners", "teller": teller, "noemer": 17_900_000, "waarde": waarde,
         "weergave": weergave, "onderdrukt": False, "voorlopig": periode == "2025",
         "bron": "CBS 84847NED: Meldingen"}
        for periode, teller, waarde, weergave in (
            ("2023", 212_000, 11.8, "11,8"), ("2024", 220_170, 12.3, nl_2024),
            ("2025", 230_000, 12.8, "12,8*"))
    ]
    return pa.Table.from_pylist([{n: r.get(n) for n in BENCHMARK_SCHEMA.names} for r in rows],
                                schema=BENCHMARK_SCHEMA)


def write(root: Path, with_benchmark: bool = False) -> Path:
    """Write the next version of the fixture publication under ``root``; return its folder."""
    tables = {i: pa.Table.from_pylist(indicator_rows(i), schema=PUBLISHED_SCHEMA)
              for i in INDICATORS}
    return write_publication(
        tables, {"region": "haaglanden", "peildatum": PEILDATUM.isoformat()}, root,
        settings=Settings(rounding_base=5, suppression_threshold=10),
        benchmark=benchmark_rows() if with_benchmark else None,
    )
