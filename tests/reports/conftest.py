# SPDX-License-Identifier: EUPL-1.2
"""A small synthetic publication (format 1.1, or 1.0) written as files, for the report tests.

Three gemeenten of Haaglanden plus the region, years 2022-2025 (2025 provisional) and two
half-years, six indicators covering every shape the report handles: a rate with a breakdown, two
distributions that add up to 100%, a share and an average with a direction, and suppressed cells
for the smallest gemeente. All figures are invented.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketenmonitor.indicators import PUBLISHED_SCHEMA
from ketenmonitor.indicators.schema import PUBLISHED_SCHEMA_BASE

REGION = ("VR_HAAGLANDEN", "Haaglanden")
GEMEENTEN = (
    ("GM0518", "'s-Gravenhage", 566_000),
    ("GM0503", "Delft", 106_000),
    ("GM1842", "Midden-Delfland", 19_500),
)
YEARS = ("2022", "2023", "2024", "2025")
HALVES = ("2025-H1", "2025-H2")
PROVISIONAL = {"2025", "2025-H2"}
PUBLICATION_ID = "haaglanden-2025-12-31-v1"

SCHEMA = PUBLISHED_SCHEMA  # contract E, the one the writer and reader use
# Format 1.1 statistics of the fixture (ADR 0006), invented like the figures themselves.
BREAK_PERIOD = "2022"
BREAK_TEXT = "Vanaf 2022 registreert Veilig Thuis volgens een nieuw protocol."
TREND_PERIOD = "2024"

INDICATORS: list[dict[str, Any]] = [
    {
        "id": "adviezen_meldingen_per_1000",
        "titel": "Adviezen en meldingen per 1.000 inwoners",
        "definitie": "Aantal adviezen en meldingen bij Veilig Thuis per 1.000 inwoners.",
        "eenheid": "per_1000_inwoners",
        "teller": "adviezen en meldingen",
        "noemer": "inwoners / 1.000",
        "dimensies": [{"naam": "soort", "titel": "Soort bericht", "codelijst": "soort_bericht"}],
        "bronnen": ["vt_bericht"],
        "openbaarmaking": "standaard",
        "cbs_opmerking": "Vergelijkbaar met CBS 84847NED.",
        "richting": "neutraal",
        "thema": "Adviezen en meldingen",
    },
    {
        "id": "melder_organisatie",
        "titel": "Meldingen naar organisatie van de melder",
        "definitie": "Aandeel meldingen per organisatie van de melder.",
        "eenheid": "percentage",
        "teller": "meldingen van deze organisatie",
        "noemer": "alle meldingen",
        "dimensies": [{"naam": "melder_groep", "codelijst": "melder_organisatie"}],
        "bronnen": ["vt_bericht"],
        "openbaarmaking": "standaard",
        "cbs_opmerking": "Indeling als CBS 84849NED.",
        "richting": "neutraal",
        "thema": "Adviezen en meldingen",
    },
    {
        "id": "vb_binnen_5_werkdagen",
        "titel": "Veiligheidsbeoordeling binnen 5 werkdagen",
        "definitie": "Aandeel meldingen met een veiligheidsbeoordeling binnen 5 werkdagen.",
        "eenheid": "percentage",
        "teller": "tijdig beoordeeld",
        "noemer": "meldingen die een casus openen",
        "dimensies": [],
        "bronnen": ["vt_bericht"],
        "openbaarmaking": "standaard",
        "cbs_opmerking": "",
        "richting": "hoger_is_beter",
        "thema": "Vervolg na een melding",
    },
    {
        "id": "dagen_tot_hulp",
        "titel": "Dagen van overdracht tot start van de hulp",
        "definitie": "Gemiddeld aantal dagen van overdracht aan het lokale team tot de start.",
        "eenheid": "mediaan_dagen",
        "teller": "som van dagen",
        "noemer": "gestarte trajecten",
        "dimensies": [],
        "bronnen": ["vt_bericht", "lt_traject"],
        "openbaarmaking": "standaard",
        "cbs_opmerking": "Geen CBS-equivalent.",
        "richting": "lager_is_beter",
        "thema": "Vervolg na een melding",
    },
    {
        "id": "eerdere_betrokkenheid",
        "titel": "Meldingen naar eerdere betrokkenheid",
        "definitie": "Aandeel meldingen naar eerdere betrokkenheid (CBS-definitie).",
        "eenheid": "percentage",
        "teller": "meldingen in de categorie",
        "noemer": "alle meldingen",
        "dimensies": [
            {"naam": "eerdere_betrokkenheid_groep", "titel": "Eerdere betrokkenheid (hoofdgroep)"}
        ],
        "bronnen": ["vt_bericht", "betrokkene"],
        "openbaarmaking": "verhoogde_drempel",
        "cbs_opmerking": "Als CBS 85361NED.",
        "richting": "neutraal",
        "thema": "Hermeldingen",
    },
    {
        "id": "huisverboden_per_10000",
        "titel": "Huisverboden per 10.000 inwoners",
        "definitie": "Aantal opgelegde huisverboden per 10.000 inwoners.",
        "eenheid": "per_10000_inwoners",
        "teller": "huisverboden",
        "noemer": "inwoners / 10.000",
        "dimensies": [],
        "bronnen": ["politie_incident"],
        "openbaarmaking": "standaard",
        "cbs_opmerking": "",
        "richting": "lager_is_beter",
        "thema": "Huisverboden en veiligheid",
    },
]

CATEGORIES = {
    "soort": [("ADVIES", "Advies", 0.55), ("MELDING", "Melding", 0.45)],
    "melder_groep": [
        ("JUSTITIE", "Justitie en veiligheid", 0.65),
        ("ONDERWIJS", "Onderwijs", 0.2),
        ("NIET_BEROEPSMATIG", "Niet beroepsmatig", 0.15),
    ],
    "eerdere_betrokkenheid_groep": [
        ("EERSTE_MELDING", "1e melding", 0.32),
        ("HERMELDING", "Hermelding", 0.38),
        ("VERVOLGMELDING", "Vervolgmelding", 0.30),
    ],
}


def dutch(value: float, decimals: int = 1) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _row(
    ind: str,
    area: tuple[str, str, str],
    periode: str,
    dimensie: str,
    categorie: str,
    label: str,
    teller: int,
    noemer: int,
    waarde: float,
) -> dict[str, Any]:
    code, naam, niveau = area
    rate = ind.endswith(("_1000", "_10000"))
    suppressed = teller < 10
    voorlopig = periode in PROVISIONAL
    return {
        "indicator_id": ind,
        "gebied_code": code,
        "gebied_naam": naam,
        "gebied_niveau": niveau,
        "periode": periode,
        "periode_type": "halfjaar" if "-H" in periode else "jaar",
        "dimensie": dimensie,
        "categorie": categorie,
        "categorie_label": label,
        "teller": None if suppressed else 5 * round(teller / 5),
        "noemer": None if suppressed else (noemer if rate else 5 * round(noemer / 5)),
        "waarde": None if suppressed else waarde,
        "weergave": "." if suppressed else dutch(waarde) + ("*" if voorlopig else ""),
        "onderdrukt": suppressed,
        "onderdrukking": "primair" if suppressed else None,
        "voorlopig": voorlopig,
        **_statistics(periode, dimensie, suppressed, rate, teller, noemer, waarde,
                      median=ind.startswith("dagen")),
    }


def _statistics(periode: str, dimensie: str, suppressed: bool, rate: bool, teller: int,
                noemer: int, waarde: float, median: bool) -> dict[str, Any]:
    """Interval, small-number flag, trend and method break as format 1.1 publishes them.

    Medians get no interval (ADR 0006), as in a real publication.
    """
    if suppressed:
        return {"ondergrens": None, "bovengrens": None, "klein_aantal": False, "trend": None,
                "trend_p": None, "trend_per_jaar": None,
                "methodebreuk": BREAK_TEXT if periode == BREAK_PERIOD else None}
    observations = teller if rate else noemer
    half_width = 1.96 * waarde / max(teller, 1) ** 0.5 if rate else 1.96 * (
        max(waarde * (100 - waarde), 1.0) / max(noemer, 1)) ** 0.5
    trend = periode == TREND_PERIOD and dimensie == "totaal"
    return {
        "ondergrens": None if median else round(max(waarde - half_width, 0.0), 1),
        "bovengrens": None if median else round(waarde + half_width, 1),
        "klein_aantal": observations < 50,
        "trend": "stijgend" if trend else None,
        "trend_p": 0.003 if trend else None,
        "trend_per_jaar": 0.6 if trend else None,
        "methodebreuk": BREAK_TEXT if periode == BREAK_PERIOD else None,
    }


def dimension_names(ind: dict[str, Any]) -> list[str]:
    return [str(d["naam"]) for d in ind["dimensies"]]


def _areas() -> list[tuple[tuple[str, str, str], int]]:
    areas = [((c, n, "gemeente"), inw) for c, n, inw in GEMEENTEN]
    areas.append(((REGION[0], REGION[1], "regio"), sum(i for _, _, i in GEMEENTEN)))
    return areas


def indicator_rows(ind: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    iid = ind["id"]
    for a, (area, inhabitants) in enumerate(_areas()):
        for y, periode in enumerate(YEARS + HALVES):
            step = y if periode in YEARS else 3
            half = 0.5 if "-H" in periode else 1.0
            if iid in ("adviezen_meldingen_per_1000", "huisverboden_per_10000"):
                per = 1000 if iid.endswith("1000") else 10000
                rate = (
                    (9.0 + 0.6 * step + 0.4 * a) if per == 1000 else (1.2 + 0.1 * a - 0.05 * step)
                )
                teller = int(rate * inhabitants / per * half)
                rows.append(
                    _row(
                        iid,
                        area,
                        periode,
                        "totaal",
                        "totaal",
                        "Totaal",
                        teller,
                        inhabitants,
                        round(teller / inhabitants * per, 1),
                    )
                )
                for dim in dimension_names(ind):
                    for code, label, share in CATEGORIES[dim]:
                        part = int(teller * share)
                        rows.append(
                            _row(
                                iid,
                                area,
                                periode,
                                dim,
                                code,
                                label,
                                part,
                                inhabitants,
                                round(part / inhabitants * per, 1),
                            )
                        )
            elif iid in ("melder_organisatie", "eerdere_betrokkenheid"):
                total = int(inhabitants * 0.005 * half) + 20
                rows.append(
                    _row(iid, area, periode, "totaal", "totaal", "Totaal", total, total, 100.0)
                )
                dim = dimension_names(ind)[0]
                for c, (code, label, share) in enumerate(CATEGORIES[dim]):
                    adj = share + (0.01 * step if c == 1 else -0.01 * step if c == 0 else 0)
                    part = int(total * adj)
                    rows.append(
                        _row(
                            iid,
                            area,
                            periode,
                            dim,
                            code,
                            label,
                            part,
                            total,
                            round(100 * part / total, 1),
                        )
                    )
            else:
                total = int(inhabitants * 0.002 * half) + 8
                share = 60.0 + 4 * step - 3 * a if iid == "vb_binnen_5_werkdagen" else 30.0 - step
                part = int(total * share / 100)
                rows.append(
                    _row(
                        iid,
                        area,
                        periode,
                        "totaal",
                        "totaal",
                        "Totaal",
                        part,
                        total,
                        round(share, 1),
                    )
                )
    return rows


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_publication(
    root: Path, *, with_validation: bool = True, version: int = 1, peildatum: str = "2025-12-31",
    format_version: str = "1.1",
) -> Path:
    """Write a publication folder under ``root`` and return it.

    Format 1.1 carries the statistics columns and a formula per indicator; 1.0 has neither.
    """
    old = format_version == "1.0"
    schema = PUBLISHED_SCHEMA_BASE if old else SCHEMA
    indicators = INDICATORS if old else [
        {**ind, "formule": f"{ind['teller']} / {ind['noemer']}"} for ind in INDICATORS
    ]
    pub_id = f"haaglanden-{peildatum}-v{version}"
    directory = root / pub_id
    (directory / "tables").mkdir(parents=True)
    tables: dict[str, dict[str, Any]] = {}
    for ind in INDICATORS:
        rows = [{k: row[k] for k in schema.names} for row in indicator_rows(ind)]
        path = directory / "tables" / f"{ind['id']}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
        tables[ind["id"]] = {
            "file": f"tables/{path.name}",
            "sha256": _sha256(path),
            "rows": len(rows),
        }
    if with_validation:
        validation = [
            {
                "maat": "eerdere_betrokkenheid",
                "categorie": code,
                "categorie_label": label,
                "periode": periode,
                "pijplijn": p,
                "grondwaarheid": g,
                "verschil_procentpunt": p - g,
            }
            for periode in ("2024", "2025")
            for code, label, p, g in (
                ("EERSTE_MELDING", "1e melding", 36.0, 31.5),
                ("HERMELDING", "Hermelding", 33.5, 38.25),
                ("VERVOLGMELDING", "Vervolgmelding", 30.5, 30.25),
            )
        ]
        path = directory / "tables" / "_validatie.parquet"
        pq.write_table(pa.Table.from_pylist(validation), path)
        tables["_validatie"] = {
            "file": "tables/_validatie.parquet",
            "sha256": _sha256(path),
            "rows": len(validation),
        }
    metadata = {
        "format_version": format_version,
        "publication_id": pub_id,
        "region": "haaglanden",
        "region_name": "Haaglanden",
        "peildatum": peildatum,
        "created_at": "2026-01-15T10:00:00+00:00",
        "software_version": "0.1.0",
        "periods": list(YEARS + HALVES),
        "provisional_periods": sorted(PROVISIONAL),
        "indicators": indicators,
        "deliveries": [
            {
                "delivery_id": f"veilig_thuis_vt_bericht_{y}",
                "partner": "veilig_thuis",
                "record_type": "vt_bericht",
                "period": y,
                "checksum": "ab" * 32,
                "rows_loaded": 4210,
            }
            for y in YEARS
        ]
        + [
            {
                "delivery_id": "politie_politie_incident_2025",
                "partner": "politie",
                "record_type": "politie_incident",
                "period": "2025",
                "checksum": "cd" * 32,
                "rows_loaded": 1830,
            }
        ],
        "linkage": {
            "method": "deterministisch_bsn_token",
            "records": 12000,
            "linked_records": 10800,
            "unlinked_records": 1200,
            "persons": 7400,
            "households": 5100,
        },
        "disclosure": {"rounding_base": 5, "threshold": 10},
        "tables": tables,
    }
    (directory / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return directory


@pytest.fixture
def publication_dir(tmp_path: Path) -> Path:
    return write_publication(tmp_path / "publicaties")


@pytest.fixture
def publication_factory(tmp_path: Path) -> Callable[..., Path]:
    def make(**kwargs: Any) -> Path:
        return write_publication(tmp_path / "publicaties", **kwargs)

    return make


@pytest.fixture(scope="module")
def shared_publication(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture publication written once per test module (tests must not change it)."""
    return write_publication(tmp_path_factory.mktemp("publicaties"))


@pytest.fixture(scope="module")
def rendered_report(shared_publication: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture publication rendered once per test module; returns index.html."""
    from ketenmonitor.reports import render_monitor_report

    return render_monitor_report(shared_publication, tmp_path_factory.mktemp("rapport"))


@pytest.fixture(scope="session")
def fixture_questions() -> tuple[Any, ...]:
    """The regiovisie's questions mapped to this fixture's indicator ids (ADR 0024).

    The shipped questions name catalogue ids the fixture does not use; the question about the
    duration of violence keeps an id the fixture lacks, so one answer must admit it has no figures.
    """
    from ketenmonitor.reports.answers import QUESTIONS, Question

    ids = {
        "herkomst": ("adviezen_meldingen_per_1000", "melder_organisatie"),
        "overname": ("dagen_tot_hulp", "vb_binnen_5_werkdagen"),
        "hermeldingen": ("eerdere_betrokkenheid",),
        "eerder-gemeld": ("duur_geweld_eerste_melding",),
        "veiligheid": ("huisverboden_per_10000",),
    }
    return tuple(Question(q.key, q.vraag, ids[q.key]) for q in QUESTIONS)
