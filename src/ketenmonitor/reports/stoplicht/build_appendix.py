# SPDX-License-Identifier: EUPL-1.2
"""The appendices: the figures behind every computed light, the definitions of the indicators
and the lights, and (in a concept) the open points for the authors."""

from __future__ import annotations

import re

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.reports.formatting import MISSING, sources_text, unit_label
from ketenmonitor.reports.stoplicht.build_lights import indicator_name, source_text
from ketenmonitor.reports.stoplicht.build_overview import how_decided
from ketenmonitor.reports.stoplicht.document import (
    Block,
    BulletList,
    Cell,
    Column,
    Paragraph,
    Row,
    Section,
    Text,
)
from ketenmonitor.reports.stoplicht.parts import (
    Numbering,
    empty_hint,
    light_cell,
    period_label,
    shown_light_cell,
    text_cell,
)


def _figures_table(report: EvaluatedReport, labels: dict[str, str], numbering: Numbering) -> Block:
    columns = (
        Column(_("Resultaat"), weight=4), Column(_("Onderdeel")), Column(_("Indicator"), weight=4),
        Column(_("Gebied")),
        Column(_("Periode"), weight=2), Column(_("Cijfer"), "number", 1), Column(_("Eenheid")),
        Column(_("Norm"), wide=True), Column(_("Berekend licht"), "light"),
        Column(_("Gekozen licht"), "light"),
        Column(_("Bepaald door")),
    )
    rows = []
    for _o, r, light in report.lichten():
        b = light.berekening
        if b is None:
            continue
        c = b.cijfer
        if c is None:
            figure = Cell(MISSING, None, "number", _("geen cijfer"))
        elif c.onderdrukt or c.waarde is None:
            figure = Cell(c.weergave, None, "number", empty_hint(c))
        else:
            figure = Cell(c.weergave, c.waarde, "number", _("voorlopig") if c.voorlopig else "")
        rows.append(Row((
            text_cell(labels[r.id]), text_cell(light.onderdeel or MISSING), text_cell(indicator_name(b)),
            text_cell(b.gebied_naam or (c.gebied_naam if c else MISSING)),
            text_cell(period_label(b.periode) if b.periode else MISSING), figure,
            text_cell(unit_label(b.eenheid) or _("aantal")), text_cell(b.norm_tekst),
            light_cell(b.status), shown_light_cell(light), text_cell(how_decided(light)),
        )))
    sources = sorted({source_text(lt.berekening) for _o, _r, lt in report.lichten() if lt.berekening})
    return numbering.table(
        _("Cijfers achter de berekende lichten van {periode}").format(periode=report.periode_label),
        columns, rows, source=_("Bron: {bronnen}.").format(bronnen="; ".join(sources)),
        sheet=_("Berekende lichten"), context=((_("Rapportageperiode"), report.periode_label),),
    )


def _definitions_table(report: EvaluatedReport, numbering: Numbering) -> Block:
    columns = (Column(_("Indicator")), Column(_("Definitie"), wide=True), Column(_("Eenheid")),
               Column(_("Teller")), Column(_("Noemer")), Column(_("Bronnen")),
               Column(_("Vergelijkbaarheid met CBS")))
    rows = [Row((
        text_cell(i.titel), text_cell(i.definitie), text_cell(unit_label(i.eenheid) or i.eenheid),
        text_cell(i.teller), text_cell(i.noemer or MISSING), text_cell(sources_text(list(i.bronnen))),
        text_cell(i.cbs_opmerking or MISSING),
    )) for i in report.indicatoren]
    return numbering.table(_("Definities van de gebruikte indicatoren"), columns, rows,
                           source=_("Bron: metadata van de publicatie en het uitvoeringsprogramma."),
                           sheet=_("Definities"))


def _light_definitions_table(report: EvaluatedReport, numbering: Numbering) -> Block:
    rows = [Row((light_cell(d.status), text_cell(d.definitie))) for d in report.lichtdefinities]
    return numbering.table(_("Definities van de lichten"), (Column(_("Licht"), "light"),
                                                             Column(_("Definitie"))),
                           rows, sheet=_("Lichtdefinities"))


def _place(plaats: str, labels: dict[str, str]) -> str:
    """The resultaat a problem is about ('2.1 Titel'), found in its YAML path."""
    match = re.search(r"resultaten\.([^.\[]+)", plaats)
    return labels.get(match.group(1), "") if match else ""


def appendix_sections(report: EvaluatedReport, labels: dict[str, str],
                      numbering: Numbering) -> list[Section]:
    sections = [
        Section(numbering.anchor("bijlage-cijfers"), _("Bijlage A. Cijfers achter de lichten"), (
            Paragraph.of(_(
                "Per berekend licht: het cijfer, de norm, het berekende en het gekozen licht. De "
                "tabel staat ook in het Excel-bestand bij dit rapport.")),
            _figures_table(report, labels, numbering),
        ), role="bijlage-breed", new_page=True),
        Section(numbering.anchor("bijlage-definities"), _("Bijlage B. Definities"), (
            Paragraph.of(_("De definities van de indicatoren achter de lichten, uit de metadata van "
                           "de publicatie, en de definities van de lichten.")),
            _definitions_table(report, numbering),
            _light_definitions_table(report, numbering),
        ), role="bijlage-breed", new_page=True),
    ]
    if report.status == "concept" and report.problemen:
        items: list[Block] = [
            Paragraph.of(_("Deze punten moeten de opstellers oplossen voordat het rapport wordt "
                           "vastgesteld. Een vastgesteld rapport toont deze bijlage niet.")),
            BulletList(tuple(
                (*((Text(f"{where}: ", True),) if where else ()), Text(p.melding),
                 *((Text(f" ({p.plaats})"),) if p.plaats else ()))
                for p, where in ((p, _place(p.plaats, labels)) for p in report.problemen))),
        ]
        sections.append(Section(numbering.anchor("bijlage-open-punten"),
                                _("Bijlage C. Open punten in dit concept"), tuple(items),
                                role="bijlage", new_page=True))
    return sections
