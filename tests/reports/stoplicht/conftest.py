# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the stoplichtenrapportage: a small invented regiovisie evaluated on the report
tests' synthetic publication, its document, the four formats rendered once per module, a
gemeente Word template made with python-docx, and a publication for the example regiovisie.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from docx import Document as new_word_document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators import PUBLISHED_SCHEMA
from ketenmonitor.publish import read_publication
from ketenmonitor.publish.reader import Publication
from ketenmonitor.publish.writer import write_publication
from ketenmonitor.regiovisie import Regiovisie, evaluate
from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.regiovisie.yaml_io import example_path, load_regiovisie, parse_regiovisie
from ketenmonitor.reports.stoplicht import build_document, render_stoplicht_report
from ketenmonitor.reports.stoplicht.document import Document

FIXTURE = Path(__file__).parent / "regiovisie_fixture.yaml"
MADE_ON = date(2026, 1, 31)
TEMPLATE_FONT = "Gemeente Sans"
TEMPLATE_RED = "7F0000"


@pytest.fixture(scope="session")
def regiovisie_file() -> Path:
    return FIXTURE


@pytest.fixture(scope="session")
def make_example_publication() -> Callable[[Path], Publication]:
    return example_publication


@pytest.fixture(scope="module")
def regiovisie() -> Regiovisie:
    # Linked to the report tests' publication, whose indicator ids are not the catalogue's.
    return parse_regiovisie(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE), catalogue=False)


@pytest.fixture(scope="module")
def publication(shared_publication: Path) -> Publication:
    return read_publication(shared_publication)


@pytest.fixture(scope="module")
def report(regiovisie: Regiovisie, publication: Publication) -> EvaluatedReport:
    return evaluate(regiovisie, "2025", publication)


@pytest.fixture(scope="module")
def document(report: EvaluatedReport, publication: Publication) -> Document:
    return build_document(report, publication, MADE_ON)


@pytest.fixture(scope="module")
def render(report: EvaluatedReport, publication: Publication,
           tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``render('pdf')`` → the fixture report in that format, rendered once per test module."""
    done: dict[str, Path] = {}

    def make(fmt: str) -> Path:
        if fmt not in done:
            done.update(render_stoplicht_report(report, tmp_path_factory.mktemp(fmt),
                                                publication=publication, formats=(fmt,),
                                                made_on=MADE_ON))
        return done[fmt]

    return make


def _shade(parent: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    parent.append(shading)


def make_template(path: Path, *, with_orange: bool = True) -> Path:
    """A synthetic gemeente house-style template: own heading font, a table style 'Tabel
    stoplicht' and light character styles (without 'Licht oranje' when asked), plus a footer."""
    word = new_word_document()
    for level in (1, 2, 3, 4):
        style = word.styles[f"Heading {level}"]
        style.font.name = TEMPLATE_FONT
        style.font.color.rgb = RGBColor(0x00, 0x52, 0x9B)
    table_style = word.styles.add_style("Tabel stoplicht", WD_STYLE_TYPE.TABLE)
    table_style.base_style = word.styles["Table Grid"]
    table_style.font.size = Pt(9)
    names = {"groen": "Licht groen", "rood": "Licht rood", "grijs": "Licht geen oordeel"}
    if with_orange:
        names["oranje"] = "Licht oranje"
    fills = {"groen": "005A00", "oranje": "8A3C00", "rood": TEMPLATE_RED, "grijs": "444444"}
    for kleur, name in names.items():
        style = word.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(style.element.get_or_add_rPr(), fills[kleur])
    word.sections[0].footer.paragraphs[0].text = "Gemeente Voorbeeldstad – huisstijl"
    word.add_paragraph("Voorbeeldtekst die niet in het rapport mag komen.")
    word.save(str(path))
    return path


@pytest.fixture
def template_marks() -> tuple[str, str]:
    """What the template's styles look like: heading font and fill of 'Licht rood'."""
    return TEMPLATE_FONT, TEMPLATE_RED


@pytest.fixture
def word_template(tmp_path: Path) -> Callable[..., Path]:
    def make(**kwargs: Any) -> Path:
        name = "huisstijl.docx" if kwargs.get("with_orange", True) else "huisstijl-zonder-oranje.docx"
        return make_template(tmp_path / name, **kwargs)

    return make


# -- a publication for the example regiovisie that ships with the package ------------------------

YEARS = ("2022", "2023", "2024", "2025")


def _value(key: str, eenheid: str, year_index: int) -> float:
    """An invented, deterministic figure in a plausible range for the unit."""
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    if eenheid == "percentage":
        return round(40 + seed % 50 + 1.5 * year_index, 1)
    if eenheid in ("mediaan_dagen", "gemiddelde"):
        return round(10 + seed % 30 - year_index, 1)
    return round(2 + seed % 20 + 0.5 * year_index, 1)


def example_publication(root: Path) -> Publication:
    """Every cell the example regiovisie links to, for 2022-2025 (2025 provisional), written
    with the real publication writer; gemeente links get the region as well."""
    from ketenmonitor.indicators import load_catalogue

    catalogue = load_catalogue()
    rv = load_regiovisie(example_path())
    wanted: set[tuple[str, str, str, str]] = set()
    for _o, resultaat in rv.iter_resultaten():
        for k in resultaat.indicatoren:
            if k.indicator is None:
                continue
            wanted.add((k.indicator, k.gebied, k.dimensie, k.categorie))
            wanted.add((k.indicator, "regio", k.dimensie, k.categorie))
    names = {"regio": ("VR_HAAGLANDEN", "Haaglanden", "regio")}
    from ketenmonitor.codes import gemeenten

    names.update({g.code: (g.code, g.naam, "gemeente") for g in gemeenten("haaglanden")})
    rows: dict[str, list[dict[str, Any]]] = {}
    for indicator, gebied, dimensie, categorie in sorted(wanted):
        eenheid = str(catalogue[indicator].eenheid)
        code, naam, niveau = names[gebied]
        for i, year in enumerate(YEARS):
            value = _value(f"{indicator}{gebied}{categorie}", eenheid, i)
            provisional = year == "2025"
            rows.setdefault(indicator, []).append({
                "indicator_id": indicator, "gebied_code": code, "gebied_naam": naam,
                "gebied_niveau": niveau, "periode": year, "periode_type": "jaar",
                "dimensie": dimensie, "categorie": categorie,
                "categorie_label": categorie.replace("_", " ").capitalize(),
                "teller": 500, "noemer": 1000, "waarde": value,
                "weergave": f"{value:.1f}".replace(".", ",") + ("*" if provisional else ""),
                "onderdrukt": False, "onderdrukking": None, "voorlopig": provisional,
            })
    tables = {}
    for indicator, found in rows.items():
        columns = {name: [r.get(name) for r in found] for name in PUBLISHED_SCHEMA.names}
        tables[indicator] = pa.table(columns, schema=PUBLISHED_SCHEMA)
    folder = write_publication(tables, {"region": "haaglanden", "peildatum": "2025-12-31"}, root,
                               settings=Settings(rounding_base=5, suppression_threshold=10))
    return read_publication(folder)
