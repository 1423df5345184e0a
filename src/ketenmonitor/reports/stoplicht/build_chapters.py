# SPDX-License-Identifier: EUPL-1.2
"""The chapters: one per ontwikkelopgave (or actielijn), a section per resultaat inside."""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.result import EvaluatedOpgave, EvaluatedReport, EvaluatedResultaat
from ketenmonitor.reports.formatting import format_date
from ketenmonitor.reports.stoplicht.build_lights import light_blocks
from ketenmonitor.reports.stoplicht.document import (
    Block,
    BulletList,
    Callout,
    Paragraph,
    Section,
    Text,
)
from ketenmonitor.reports.stoplicht.parts import Numbering
from ketenmonitor.reports.stoplicht.series import SeriesReader


def resultaat_labels(report: EvaluatedReport) -> dict[str, str]:
    """'1.2 Titel' for every resultaat id: chapter and position numbers, as in the overview."""
    return {
        r.id: f"{i}.{j} {r.titel}"
        for i, o in enumerate(report.opgaven, start=1)
        for j, r in enumerate(o.resultaten, start=1)
    }


def _resultaat(report: EvaluatedReport, r: EvaluatedResultaat, label: str, reader: SeriesReader,
               numbering: Numbering) -> Section:
    anchor = numbering.anchor("resultaat", label.split(" ", 1)[0])
    blocks: list[Block] = []
    if r.omschrijving:
        blocks.append(Paragraph.of(r.omschrijving, "lead"))
    if r.gesplitst:
        blocks.append(Paragraph.of(_(
            "Dit resultaat heeft een gesplitst licht: elk onderdeel heeft een eigen licht."), "meta"))
    for light in r.lichten:
        blocks.extend(light_blocks(light, label, report.periode_label, reader, numbering))
    if r.toelichting:
        blocks.append(Paragraph((Text(_("Toelichting: "), True), Text(r.toelichting))))
    if r.voorbeelden:
        blocks.append(Paragraph((Text(_("Wat is er gedaan"), True),)))
        blocks.append(BulletList(tuple((Text(v),) for v in r.voorbeelden)))
    activities = [a for a in report.activiteiten if a.id in r.activiteiten]
    if activities:
        blocks.append(Paragraph((Text(_("Activiteiten in {periode}").format(
            periode=report.periode_label), True),)))
        blocks.append(BulletList(tuple(
            (Text(f"{format_date(a.datum)}: {a.titel} ({a.type.label.lower()})"),)
            for a in activities)))
    if r.acties:
        blocks.append(Paragraph((Text(_("Acties en interventies"), True),)))
        blocks.append(BulletList(tuple(
            (Text(a.titel, True),
             *((Text(f" – {a.omschrijving}"),) if a.omschrijving else ()),
             *((Text(" " + _("(trekker: {wie})").format(wie=a.trekker)),) if a.trekker else ()))
            for a in r.acties)))
    return Section(anchor, label, tuple(blocks), role="resultaat")


def _chapter(report: EvaluatedReport, number: int, opgave: EvaluatedOpgave,
             labels: dict[str, str], reader: SeriesReader, numbering: Numbering) -> Section:
    blocks: list[Block] = []
    if opgave.omschrijving:
        blocks.append(Paragraph.of(opgave.omschrijving, "lead"))
    if opgave.samenvatting:
        blocks.append(Section(numbering.anchor("samenvatting", str(number)), _("Samenvatting"),
                              (Paragraph.of(opgave.samenvatting),)))
    for r in opgave.resultaten:
        blocks.append(_resultaat(report, r, labels[r.id], reader, numbering))
    if opgave.praktijkverhalen:
        stories: list[Block] = []
        for story in opgave.praktijkverhalen:
            where = ", ".join(x for x in (story.organisatie, story.gemeente) if x)
            content: list[Block] = [Paragraph.of(story.tekst)]
            if where:
                content.append(Paragraph.of(where, "meta"))
            stories.append(Callout("verhaal", story.titel, tuple(content)))
        blocks.append(Section(numbering.anchor("praktijkverhalen", str(number)),
                              _("Praktijkverhalen"), tuple(stories)))
    if opgave.reflectie is not None:
        ref = opgave.reflectie
        content = [Paragraph.of(ref.tekst)]
        if ref.bron:
            content.append(Paragraph((Text(_("Bron: "), True), Text(ref.bron)), "meta"))
        blocks.append(Section(numbering.anchor("reflectie", str(number)), _("Reflectie"),
                              (Callout("reflectie", ref.titel, tuple(content)),)))
    return Section(numbering.anchor("hoofdstuk", str(number), opgave.id), f"{number}. {opgave.titel}",
                   tuple(blocks), role="hoofdstuk", new_page=True)


def chapter_sections(report: EvaluatedReport, reader: SeriesReader,
                     numbering: Numbering) -> list[Section]:
    labels = resultaat_labels(report)
    return [_chapter(report, n, o, labels, reader, numbering)
            for n, o in enumerate(report.opgaven, start=1)]
