# SPDX-License-Identifier: EUPL-1.2
"""A national-scale synthetic publication for the portal benchmark (format 1.0, all invented).

The simulator models two regions; the portal benchmark needs the scale of all 26 Veilig Thuis
regions: 342 gemeenten (the Dutch count in 2024) plus one region row, every indicator of the
catalogue, every half-year and year from 2019, every category of every dimension. Figures obey
the publication's disclosure guards (counts rounded to 5, cells below 10 suppressed) and the
folder is read back with ``read_publication``, so the portal validates it as any other.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor import __version__
from ketenmonitor.codes import code_list
from ketenmonitor.core.formatting import format_number
from ketenmonitor.indicators import schema as indicator_schema
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.indicators.periods import provisional_periods, reporting_periods
from ketenmonitor.publish import read_publication
from ketenmonitor.publish.metadata import indicator_metadata

# Format 1.0 (written by hand: the region is not in the code lists) has the base column set.
SCHEMA = getattr(indicator_schema, "PUBLISHED_SCHEMA_BASE", indicator_schema.PUBLISHED_SCHEMA)
REGION = "nederland_synthetisch"
REGION_CODE = "VR_SYNTHETISCH"
GEMEENTEN = 342
PEILDATUM = date(2025, 12, 31)
MAX_CATEGORIES = 8


def _areas(rng: random.Random) -> list[tuple[str, str, str, int]]:
    sizes = sorted((int(min(900_000, max(9_000, rng.lognormvariate(10.6, 0.8))))
                    for _ in range(GEMEENTEN)), reverse=True)
    areas = [(f"GM{9000 + i:04d}", f"Gemeente {i:03d}", "gemeente", n)
             for i, n in enumerate(sizes, start=1)]
    return [*areas, (REGION_CODE, "Nederland (synthetisch)", "regio", sum(sizes))]


def _categories(codelijst: str | None) -> list[tuple[str, str]]:
    try:
        found = code_list(codelijst or "")
        items = list(found.labels.items())
    except Exception:  # a computed dimension without its own code list
        items = [("A", "Categorie A"), ("B", "Categorie B"), ("C", "Categorie C")]
    return items[:MAX_CATEGORIES]


def _cell(rate: bool, per: int, inhabitants: int, teller: int, noemer: int, provisional: bool,
          percentage: bool) -> dict[str, Any]:
    teller = 5 * round(teller / 5)
    if teller < 10:
        return {"teller": None, "noemer": None, "waarde": None, "weergave": ".",
                "onderdrukt": True, "onderdrukking": "primair", "voorlopig": provisional}
    if rate:
        waarde = round(teller / inhabitants * per, 1)
        noemer = inhabitants
    else:
        noemer = max(10, 5 * round(noemer / 5))
        waarde = round(100 * teller / noemer, 1) if percentage else round(teller / 5, 1)
    return {"teller": teller, "noemer": noemer, "waarde": waarde,
            "weergave": format_number(waarde) + ("*" if provisional else ""), "onderdrukt": False,
            "onderdrukking": None, "voorlopig": provisional}


def _rows(defn: Any, areas: list[tuple[str, str, str, int]], periods: list[Any],
          provisional: set[str], rng: random.Random) -> list[dict[str, Any]]:
    unit = defn.eenheid.value
    rate = defn.eenheid.is_rate
    per = 10_000 if "10000" in unit else 1_000
    percentage = unit == "percentage"
    rows: list[dict[str, Any]] = []
    for code, naam, niveau, inhabitants in areas:
        level = rng.uniform(0.004, 0.012)
        for period in periods:
            half = 0.5 if period.half else 1.0
            base = {"indicator_id": defn.id, "gebied_code": code, "gebied_naam": naam,
                    "gebied_niveau": niveau, "periode": period.code,
                    "periode_type": "jaar" if period.is_year else "halfjaar"}
            total = int(inhabitants * level * half * (1 + 0.03 * (period.year - 2019)))
            flag = period.code in provisional
            teller = total if not percentage else int(total * rng.uniform(0.2, 0.8))
            rows.append({**base, "dimensie": "totaal", "categorie": "totaal",
                         "categorie_label": "Totaal",
                         **_cell(rate, per, inhabitants, teller, total, flag, percentage)})
            for dim in defn.dimensies:
                cats = _categories(dim.codelijst)
                weights = [rng.random() + 0.1 for _ in cats]
                for (cat, label), weight in zip(cats, weights, strict=True):
                    part = int(teller * weight / sum(weights))
                    rows.append({**base, "dimensie": dim.naam, "categorie": cat,
                                 "categorie_label": label,
                                 **_cell(rate, per, inhabitants, part, teller, flag, percentage)})
    return rows


def write_national_publication(root: Path, seed: int = 7) -> Path:
    """Write the synthetic national publication under ``root``; return its folder."""
    rng = random.Random(seed)
    catalogue = load_catalogue()
    periods = reporting_periods(PEILDATUM)
    provisional = {p.code for p in provisional_periods(periods, PEILDATUM)}
    areas = _areas(rng)
    pub_id = f"{REGION}-{PEILDATUM.isoformat()}-v1"
    folder = root / pub_id
    (folder / "tables").mkdir(parents=True)
    tables: dict[str, dict[str, Any]] = {}
    indicators = []
    for defn in catalogue.values():
        rows = _rows(defn, areas, periods, provisional, rng)
        path = folder / "tables" / f"{defn.id}.parquet"
        rows = [{name: row.get(name) for name in SCHEMA.names} for row in rows]
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), path)
        tables[defn.id] = {"file": f"tables/{path.name}",
                           "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                           "rows": len(rows)}
        indicators.append({k: v for k, v in indicator_metadata(defn).items() if k != "formule"})
    metadata = {
        "format_version": "1.0", "publication_id": pub_id, "region": REGION,
        "region_name": "Nederland (synthetisch)", "peildatum": PEILDATUM.isoformat(),
        "created_at": "2026-01-15T10:00:00+00:00", "software_version": __version__,
        "periods": [p.code for p in periods], "provisional_periods": sorted(provisional),
        "indicators": indicators, "deliveries": [], "linkage": None,
        "disclosure": {"rounding_base": 5, "threshold": 10}, "tables": tables,
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    read_publication(folder)  # refuse to benchmark a publication the portal would refuse
    return folder
