# SPDX-License-Identifier: EUPL-1.2
"""The document built from the evaluated regiovisie: every light, figure, norm and text is in it."""

from __future__ import annotations

from dataclasses import replace

from ketenmonitor.regiovisie.lights import LichtStatus
from ketenmonitor.regiovisie.result import EvaluatedReport, Probleem
from ketenmonitor.reports.stoplicht import build_document
from ketenmonitor.reports.stoplicht.document import (
    BulletList,
    Callout,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)
from ketenmonitor.reports.stoplicht.spreadsheet import collect_sheets


def _section(document: Document, title_start: str) -> Section:
    for block in document.walk():
        if isinstance(block, Section) and block.title.startswith(title_start):
            return block
    raise AssertionError(f"geen sectie {title_start!r}")


def _texts(section: Section) -> str:
    parts: list[str] = []

    def visit(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            if isinstance(b, Paragraph):
                parts.append(" ".join(getattr(p, "text", "") for p in b.parts))
            elif isinstance(b, BulletList):
                parts.extend(" ".join(getattr(p, "text", "") for p in item) for item in b.items)
            elif isinstance(b, Table):
                parts.extend(c.text for r in b.rows for c in r.cells)
            elif isinstance(b, Section | Callout):
                parts.append(b.title)
                visit(b.blocks)

    visit(section.blocks)
    return "\n".join(parts)


def test_reading_order_and_title_page(document: Document) -> None:
    titles = [s.title for s in document.sections]
    assert titles[:2] == ["Inleiding", "In één oogopslag"]
    assert titles[2:5] == ["1. Preventie en vroegsignalering", "2. Advies en melding", "3. Monitoring"]
    assert titles[5:8] == ["Uitvoeringsprogramma", "Financiën", "Vervolg"]
    assert titles[8].startswith("Bijlage A") and titles[9].startswith("Bijlage B")
    assert len(titles) == 10  # no open points: no appendix C
    meta = dict(document.metadata)
    assert meta["Regio"] == "Haaglanden" and meta["Rapportageperiode"] == "2025"
    assert meta["Publicatie"] == "haaglanden-2025-12-31-v1"
    assert meta["Peildatum van de cijfers"] == "31 december 2025"
    assert document.status == "concept" and meta["Status"] == "Concept"


def test_overview_has_every_light_with_its_course(document: Document, report: EvaluatedReport) -> None:
    overview = _section(document, "In één oogopslag")
    tables = [b for b in overview.blocks if isinstance(b, Table)]
    assert len(tables) == len(report.opgaven)
    rows = [r for t in tables for r in t.rows]
    assert len(rows) == len(report.lichten()) == 8
    assert [c.title for c in tables[0].columns] == ["Resultaat", "Onderdeel", "2024", "2025",
                                                      "Bepaald door"]
    split = [r for r in rows if r.cells[0].text.startswith("2.2")]
    assert [r.cells[1].text for r in split] == ["Huisverboden", "Snellere start van de hulp"]
    p2 = next(r for r in rows if r.cells[0].text.startswith("1.2"))
    assert [c.text for c in p2.cells[2:4]] == ["Rood", "Groen"]  # progress over the periods
    lead = overview.blocks[0]
    assert isinstance(lead, Paragraph) and lead.plain.startswith("In 2025 zijn 8 lichten gegeven")


def test_every_light_has_icon_label_and_colour(document: Document) -> None:
    lights = document.lights()
    assert len(lights) > 30
    for light in lights:
        assert light.label and light.icoon and light.kleur in ("groen", "oranje", "rood", "grijs")
    labels = {lt.label for lt in lights}
    # an overridden light says so in its badge, with the computed light beside it (issue 15)
    assert labels == {"Groen", "Oranje", "Rood", "Geen oordeel mogelijk",
                      "Rood (overschreven; berekend: Oranje)"}


def test_computed_light_shows_figure_norm_period_and_source(document: Document) -> None:
    text = _texts(_section(document, "2.1 Veiligheidsbeoordeling"))
    assert "Veiligheidsbeoordeling binnen 5 werkdagen" in text
    assert "63,0%* (voorlopig)" in text
    assert "groen bij 80,0 of hoger; oranje bij 70,0 tot 80,0; rood onder 70,0" in text
    assert "publicatie haaglanden-2025-12-31-v1, peildatum 31 december 2025" in text
    assert "Oorzaak:" in text and "Te weinig medewerkers bij Veilig Thuis." in text


def test_override_shows_both_lights_and_the_reason(document: Document) -> None:
    section = _section(document, "2.3 Delft")
    table = next(b for b in section.blocks if isinstance(b, Table))
    rows = {r.cells[0].text: r.cells[1] for r in table.rows}
    assert rows["Berekend licht"].text == "Oranje" and rows["Gekozen licht"].text == "Rood"
    callout = next(b for b in section.blocks if isinstance(b, Callout) and b.kind == "overschreven")
    text = " ".join(p.plain for p in callout.blocks if isinstance(p, Paragraph))
    assert "Berekend: Oranje – gekozen: Rood" in text
    assert "Het cijfer is voorlopig en de wachtlijst groeit" in text
    assert "Beleidsadviseur Delft, 20 januari 2026" in text


def test_suppressed_figure_gives_no_judgement_with_the_reason(document: Document) -> None:
    text = _texts(_section(document, "2.4 Huisverboden in Midden-Delfland"))
    assert "Geen oordeel mogelijk" in text and "x (geheim)" in text
    assert "geheim (x)" in text and "een kleur zou een gok zijn" in text
    assert "te weinig waarnemingen" not in text


def test_split_light_has_a_light_per_part(document: Document) -> None:
    section = _section(document, "2.2 Minder huisverboden")
    headed = [b for b in section.blocks if isinstance(b, Paragraph) and b.parts[0].text in
              ("Huisverboden: ", "Snellere start van de hulp: ")]
    assert len(headed) == 2
    assert {getattr(p.parts[1], "label", "") for p in headed} == {
        LichtStatus.ORANJE.label, LichtStatus.GROEN.label}


def test_charts_carry_their_data_table(document: Document) -> None:
    figures = [b for b in document.walk() if isinstance(b, Figure)]
    assert len(figures) >= 5
    for figure in figures:
        values = figure.spec.get("datasets", None)
        assert figure.description and figure.table.rows
        assert figure.spec["config"]["font"].startswith("Liberation Sans")
        assert values is None or values  # inline data only, never a URL
        assert "url" not in str(figure.spec.get("data", ""))
    delft = next(f for f in figures if "Delft" in f.caption)
    assert [c.title for c in delft.table.columns] == ["Periode", "Cijfer gemeente", "Cijfer regio"]
    threshold = next(f for f in figures if f.caption.startswith("Veiligheidsbeoordeling") and
                     "Haaglanden," in f.caption)
    assert "grens groen: 80,0" in threshold.description


def test_numbers_are_unique_and_sheets_consistent(document: Document) -> None:
    tables = document.tables()
    assert [t.number for t in tables] == list(range(1, len(tables) + 1))
    ids = [t.id for t in tables]
    assert len(ids) == len(set(ids))
    sheets = collect_sheets(document)
    names = [s.name for s in sheets]
    for expected in ("Lichten", "Reeksen", "Activiteiten", "Output", "Bronnen",
                     "Bijdragen gemeenten", "Begroting", "Berekende lichten", "Definities"):
        assert expected in names


def test_finances_and_contributions(document: Document, report: EvaluatedReport) -> None:
    assert report.financien is not None
    text = _texts(_section(document, "Financiën"))
    assert "€ 500.000,00" in text  # DU VO 2025
    contribution = report.financien.bijdragen[0]
    assert len(contribution.rijen) == 9  # every gemeente of Haaglanden
    assert f"€ {contribution.tarief:.4f}".replace(".", ",") in text
    total = f"{contribution.totaal:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert f"€ {total}" in text


def test_vervolg(document: Document) -> None:
    text = _texts(_section(document, "Vervolg"))
    assert "Formatie Veilig Thuis" in text and "Bereik kleine scholen" in text
    assert "herijkt in: 2025" in text


def test_open_points_only_in_a_concept(report: EvaluatedReport) -> None:
    problem = Probleem("rapportages[1].resultaten.m1.lichten[0]", "Dit licht is rood, maar er is "
                       "geen uitleg (oorzaak, gevolg, bijsturing).")
    concept = build_document(replace(report, problemen=(problem,)))
    appendix = concept.sections[-1]
    assert appendix.title == "Bijlage C. Open punten in dit concept"
    text = _texts(appendix)
    assert "2.1 Veiligheidsbeoordeling binnen de termijn:" in text and "Dit licht is rood" in text
    final = build_document(replace(report, problemen=(problem,), status="vastgesteld"))
    assert final.sections[-1].title.startswith("Bijlage B")
    assert dict(final.metadata)["Status"] == "Vastgesteld"
