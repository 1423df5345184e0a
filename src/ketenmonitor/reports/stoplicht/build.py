# SPDX-License-Identifier: EUPL-1.2
"""Building the document of the stoplichtenrapportage from an evaluated regiovisie, once.

Reading order: title page (metadata), table of contents, introduction with reading guide,
'In één oogopslag', one chapter per ontwikkelopgave, uitvoeringsprogramma, financiën, vervolg,
and the appendices (figures behind the lights, definitions, open points of a concept).
"""

from __future__ import annotations

from datetime import date

from ketenmonitor import __version__
from ketenmonitor.core.i18n import _
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.reports.formatting import MISSING, format_date
from ketenmonitor.reports.stoplicht.build_appendix import appendix_sections
from ketenmonitor.reports.stoplicht.build_chapters import chapter_sections, resultaat_labels
from ketenmonitor.reports.stoplicht.build_overview import (
    introduction_section,
    legend,
    overview_section,
)
from ketenmonitor.reports.stoplicht.build_programme import (
    finance_section,
    programme_section,
    vervolg_section,
)
from ketenmonitor.reports.stoplicht.document import Document
from ketenmonitor.reports.stoplicht.parts import Numbering
from ketenmonitor.reports.stoplicht.series import SeriesReader

STATUS_LABELS = {"concept": _("Concept"), "vastgesteld": _("Vastgesteld")}


def _metadata(report: EvaluatedReport, made_on: date) -> tuple[tuple[str, str], ...]:
    status = STATUS_LABELS[report.status]
    if report.status == "vastgesteld" and report.vastgesteld_op:
        status = _("{status} op {datum}").format(status=status, datum=format_date(report.vastgesteld_op))
    return (
        (_("Regio"), report.regio_naam),
        (_("Regiovisie"), report.titel),
        (_("Looptijd"), report.looptijd),
        (_("Rapportageperiode"), report.periode_label),
        (_("Peildatum van de cijfers"), format_date(report.peildatum) if report.peildatum else MISSING),
        (_("Publicatie"), report.publicatie_id or _("geen (alleen oordelen en activiteiten)")),
        (_("Status"), status),
        (_("Gemaakt op"), format_date(made_on)),
    )


def build_document(report: EvaluatedReport, publication: Publication | None = None,
                   made_on: date | None = None) -> Document:
    """The format-neutral document of ``report``; ``publication`` supplies the chart series."""
    numbering = Numbering()
    reader = SeriesReader(publication)
    labels = resultaat_labels(report)
    sections = [
        introduction_section(report, numbering),
        overview_section(report, labels, numbering),
        *chapter_sections(report, reader, numbering),
        programme_section(report, numbering),
        finance_section(report, numbering),
        vervolg_section(report, numbering),
        *appendix_sections(report, labels, numbering),
    ]
    day = made_on or date.today()
    footer = _(
        "Gemaakt met Ketenmonitor {versie} (open source, EUPL-1.2) op {datum}. {bron} Alle cijfers "
        "zijn geaggregeerd en beveiligd tegen onthulling; het rapport bevat geen gegevens over "
        "personen."
    ).format(
        versie=__version__,
        datum=format_date(day),
        bron=_("Cijfers uit publicatie {id}, peildatum {peildatum}.").format(
            id=report.publicatie_id, peildatum=format_date(report.peildatum))
        if report.publicatie_id else "",
    )
    return Document(
        title=report.rapport_titel,
        subtitle=_("Stoplichtenrapportage {titel}, {regio}, {periode}").format(
            titel=report.titel, regio=report.regio_naam, periode=report.periode_label),
        status=report.status,
        status_label=STATUS_LABELS[report.status],
        metadata=_metadata(report, day),
        sections=tuple(sections),
        legend=legend(report),
        footer=" ".join(footer.split()),
        keywords=(_("stoplichtenrapportage"), _("regiovisie"), _("huiselijk geweld"),
                  _("kindermishandeling"), report.regio_naam, report.periode_label),
    )
