# SPDX-License-Identifier: EUPL-1.2
"""The opening sections: introduction with the reading guide, and 'In één oogopslag'."""

from __future__ import annotations

from ketenmonitor.core.i18n import _, ngettext
from ketenmonitor.publish.signs import legend as sign_legend
from ketenmonitor.regiovisie.lights import LichtStatus
from ketenmonitor.regiovisie.result import EvaluatedLight, EvaluatedReport, EvaluatedResultaat
from ketenmonitor.reports.formatting import MISSING, format_date
from ketenmonitor.reports.stoplicht.document import (
    Block,
    Cell,
    Column,
    DefinitionList,
    Light,
    Paragraph,
    Row,
    Section,
    Text,
)
from ketenmonitor.reports.stoplicht.parts import (
    Numbering,
    badge,
    light_cell,
    period_key,
    period_label,
    shown_light_cell,
    text_cell,
)


def how_decided(light: EvaluatedLight) -> str:
    """'berekend', 'oordeel' or 'berekend, overschreven' — how the shown colour came about."""
    if light.soort == "oordeel":
        return _("oordeel")
    if light.overschreven:
        return _("berekend, overschreven")
    return _("berekend")


def legend(report: EvaluatedReport) -> tuple[tuple[Light, str], ...]:
    """Every status with the definition this regiovisie publishes for it."""
    return tuple((badge(d.status), d.definitie) for d in report.lichtdefinities)


def _periods(report: EvaluatedReport) -> list[str]:
    found = {v.periode for o in report.opgaven for r in o.resultaten for v in r.verloop}
    found.add(report.periode)
    return sorted(found, key=period_key)


def _status_in(resultaat: EvaluatedResultaat, periode: str, onderdeel: str) -> LichtStatus | None:
    for verloop in resultaat.verloop:
        if verloop.periode != periode:
            continue
        for name, status in verloop.statussen:
            if name == onderdeel:
                return status
        if len(verloop.statussen) == 1:  # not split in that period: the whole resultaat
            return verloop.statussen[0][1]
    return None


def _overview_rows(resultaat: EvaluatedResultaat, label: str, periods: list[str],
                   current: str) -> list[Row]:
    rows = []
    for light in resultaat.lichten:
        cells = [text_cell(label), text_cell(light.onderdeel or MISSING)]
        for periode in periods:
            if periode == current:
                cells.append(shown_light_cell(light))  # an overridden light says so
                continue
            status = _status_in(resultaat, periode, light.onderdeel)
            cells.append(light_cell(status) if status else Cell(MISSING, None, "text", _("geen licht")))
        cells.append(text_cell(how_decided(light)))
        rows.append(Row(tuple(cells)))
    return rows


def _count_sentence(report: EvaluatedReport) -> Paragraph:
    counts = report.telling()
    total = sum(counts.values())
    parts: list[Text | Light] = [Text(ngettext(
        "In {periode} is {n} licht gegeven: ", "In {periode} zijn {n} lichten gegeven: ", total
    ).format(periode=report.periode_label, n=total))]
    shown = [s for s in LichtStatus if counts[s]]
    for index, status in enumerate(shown):
        if index:
            parts.append(Text(", " if index < len(shown) - 1 else _(" en ")))
        parts.append(Text(f"{counts[status]} × "))
        parts.append(badge(status))
    parts.append(Text("."))
    return Paragraph(tuple(parts), "lead")


def overview_section(report: EvaluatedReport, labels: dict[str, str],
                     numbering: Numbering) -> Section:
    """'In één oogopslag': every light of the period, with its course over earlier periods."""
    periods = _periods(report)
    columns = (
        Column(_("Resultaat")),
        Column(_("Onderdeel")),
        *(Column(period_label(p), "light") for p in periods),
        Column(_("Bepaald door")),
    )
    blocks: list[Block] = [_count_sentence(report)]
    blocks.append(Paragraph.of(_(
        "De tabellen tonen per {opgave} het licht van elk resultaat in {periode} en in de "
        "perioden daarvoor. Een resultaat met meer onderdelen heeft een gesplitst licht: één "
        "regel per onderdeel. Een berekend licht volgt uit een cijfer en een norm; een oordeel "
        "is gegeven door een persoon."
    ).format(opgave=report.indeling_enkelvoud.lower(), periode=report.periode_label)))
    for number, opgave in enumerate(report.opgaven, start=1):
        rows = [row for r in opgave.resultaten
                for row in _overview_rows(r, labels[r.id], periods, report.periode)]
        chapter = f"{number}. {opgave.titel}"
        blocks.append(numbering.table(
            _("Lichten {opgave} {titel}").format(opgave=report.indeling_enkelvoud.lower(), titel=chapter),
            columns, rows, sheet=_("Lichten"),
            context=((report.indeling_enkelvoud, chapter),), anchor=f"lichten-{number}",
        ))
    return Section(numbering.anchor("in-een-oogopslag"), _("In één oogopslag"), tuple(blocks),
                   role="overzicht", new_page=True)


def introduction_section(report: EvaluatedReport, numbering: Numbering) -> Section:
    """Introduction, summary of the period and the reading guide with the light definitions."""
    blocks: list[Block] = []
    if report.inleiding:
        blocks.append(Paragraph.of(report.inleiding, "lead"))
    if report.samenvatting:
        blocks.append(Section(numbering.anchor("samenvatting-periode"),
                              _("Samenvatting van {periode}").format(periode=report.periode_label),
                              (Paragraph.of(report.samenvatting),)))
    guide: list[Block] = [
        Paragraph.of(_(
            "Elk resultaat van de regiovisie krijgt per rapportageperiode een licht: groen, oranje "
            "of rood. Een licht staat er altijd met een symbool en een tekst, nooit alleen als "
            "kleur. De lichten betekenen:"
        )),
        DefinitionList(tuple(((light,), (Text(text),)) for light, text in legend(report))),
        Paragraph.of(_(
            "Een berekend licht toont het cijfer, de norm en de periode waaruit het berekend is. "
            "Kiest een persoon een andere kleur, dan staan het berekende en het gekozen licht er "
            "allebei, met de reden. Bij oranje en rood staat een uitleg met de oorzaak, het gevolg "
            "en de geplande bijsturing."
        )),
        Paragraph.of(_("Tekens in tabellen:")),
        DefinitionList((
            *(((Text(sign, True),), (Text(meaning),)) for sign, meaning in sign_legend()),
            ((Text("*", True),), (Text(_("voorlopig cijfer")),)),
            ((Text(MISSING, True),), (Text(_("geen cijfer")),)),
        )),
    ]
    if report.publicatie_id:
        guide.append(Paragraph.of(_(
            "Alle cijfers komen uit publicatie {publicatie} (peildatum {peildatum}): geaggregeerd, "
            "afgerond op 5 en beveiligd tegen onthulling."
        ).format(publicatie=report.publicatie_id,
                 peildatum=format_date(report.peildatum))))
    blocks.append(Section(numbering.anchor("leeswijzer"), _("Leeswijzer"), tuple(guide)))
    return Section(numbering.anchor("inleiding"), _("Inleiding"), tuple(blocks), role="inleiding",
                   new_page=True)
