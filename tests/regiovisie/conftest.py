# SPDX-License-Identifier: EUPL-1.2
"""A small synthetic publication of the demo region for the regiovisie tests.

Written with the real publication writer (so it always has the current format) and holding the
indicators the example regiovisie links to: the region for 2023-2025 (2025 provisional), two
gemeenten for one indicator (Wassenaar suppressed). All figures are invented; ``values`` lets a
test change one cell to see a light flip.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators import PUBLISHED_SCHEMA
from ketenmonitor.publish import read_publication
from ketenmonitor.publish.reader import Publication
from ketenmonitor.publish.writer import write_publication

REGION = ("VR_HAAGLANDEN", "Haaglanden", "regio")
AREAS = {
    "regio": REGION,
    "GM0637": ("GM0637", "Zoetermeer", "gemeente"),
    "GM0629": ("GM0629", "Wassenaar", "gemeente"),
}
YEARS = ("2023", "2024", "2025")
Key = tuple[str, str, str, str, str]  # indicator, area, period, dimension, category

# (indicator, area, dimension, category) -> value per year; None = suppressed.
SERIES: dict[tuple[str, str, str, str], tuple[float | None, ...]] = {
    ("veiligheidsbeoordeling_binnen_5_werkdagen", "regio", "totaal", "totaal"): (62.8, 67.1, 64.7),
    ("hulp_gestart_na_overdracht", "regio", "totaal", "totaal"): (89.3, 89.3, 94.4),
    ("hulp_gestart_na_overdracht", "GM0637", "totaal", "totaal"): (87.5, 88.9, 96.2),
    ("hulp_gestart_na_overdracht", "GM0629", "totaal", "totaal"): (None, None, None),
    ("dagen_tot_start_hulp", "regio", "totaal", "totaal"): (23.5, 22.5, 22.0),
    ("gevolgd_na_12_maanden", "regio", "totaal", "totaal"): (18.3, 17.1, None),
    ("nieuwe_melding_na_afsluiting", "regio", "totaal", "totaal"): (41.9, 38.9, None),
    ("duur_geweld_eerste_melding", "regio", "duur_geweld", "MAX_1_WEEK"): (13.9, 12.2, 14.4),
    ("meldingen_naar_melder", "regio", "melder_groep", "ONDERWIJS"): (4.0, 3.8, 4.7),
    ("verandering_signs_of_safety", "regio", "totaal", "totaal"): (2.8, 2.8, 2.8),
}
LABELS = {"MAX_1_WEEK": "Niet langer dan 1 week", "ONDERWIJS": "Onderwijs", "totaal": "Totaal"}
COUNT_UNITS = {"dagen_tot_start_hulp", "verandering_signs_of_safety"}


def default_values() -> dict[Key, float | None]:
    return {
        (ind, area, year, dim, cat): value
        for (ind, area, dim, cat), values in SERIES.items()
        for year, value in zip(YEARS, values, strict=True)
    }


def _row(key: Key, value: float | None) -> dict[str, Any]:
    ind, area, year, dim, cat = key
    code, name, level = AREAS[area]
    provisional = year == "2025"
    shown = "." if value is None else f"{value:.1f}".replace(".", ",") + ("*" if provisional else "")
    return {
        "indicator_id": ind, "gebied_code": code, "gebied_naam": name, "gebied_niveau": level,
        "periode": year, "periode_type": "jaar", "dimensie": dim, "categorie": cat,
        "categorie_label": LABELS[cat],
        "teller": None if value is None else 500 if ind in COUNT_UNITS else 5 * round(value * 2),
        "noemer": None if value is None else 500 if ind in COUNT_UNITS else 1000,
        "waarde": value, "weergave": shown, "onderdrukt": value is None,
        "onderdrukking": "primair" if value is None else None, "voorlopig": provisional,
    }


def build_publication(root: Path, values: dict[Key, float | None]) -> Publication:
    rows: dict[str, list[dict[str, Any]]] = {}
    for key, value in values.items():
        rows.setdefault(key[0], []).append(_row(key, value))
    tables = {ind: pa.Table.from_pylist(r, schema=PUBLISHED_SCHEMA) for ind, r in rows.items()}
    folder = write_publication(tables, {"region": "haaglanden", "peildatum": "2025-12-31"}, root,
                               settings=Settings(rounding_base=5, suppression_threshold=10))
    return read_publication(folder)


@pytest.fixture(scope="session")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    """The fixture publication with the default figures (tests must not change it)."""
    return build_publication(tmp_path_factory.mktemp("publicaties"), default_values())


@pytest.fixture
def publication_with(tmp_path: Path) -> Callable[[dict[Key, float | None]], Publication]:
    """``publication_with({key: value})``: the default figures with some cells changed."""
    def make(changes: dict[Key, float | None]) -> Publication:
        values = default_values()
        values.update(changes)
        return build_publication(tmp_path / "publicaties", values)

    return make
