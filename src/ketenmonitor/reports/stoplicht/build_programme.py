# SPDX-License-Identifier: EUPL-1.2
"""The uitvoeringsprogramma (activities and output indicators), the finances and 'vervolg'."""

from __future__ import annotations

from decimal import Decimal

from ketenmonitor.core.i18n import _, ngettext
from ketenmonitor.regiovisie.budget import Financien
from ketenmonitor.regiovisie.programme import OutputTabel
from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.reports.charts import _CONFIG as CHART_CONFIG
from ketenmonitor.reports.charts import Bar, bar_spec
from ketenmonitor.reports.formatting import MISSING, format_count, format_date
from ketenmonitor.reports.stoplicht.document import (
    Block,
    BulletList,
    Cell,
    Column,
    Figure,
    Paragraph,
    Row,
    Section,
    Text,
)
from ketenmonitor.reports.stoplicht.parts import (
    Numbering,
    count_cell,
    money_cell,
    money_text,
    percent_cell,
    text_cell,
)

PROGRAMME_SOURCE = _("Bron: uitvoeringsprogramma van de regiovisie (geregistreerde activiteiten).")


def _gemeente_name(code: str) -> str:
    """'GM0637' → 'Zoetermeer' (the code itself when the code list does not know it)."""
    from ketenmonitor.codes import gemeente
    from ketenmonitor.core.errors import KetenmonitorError

    try:
        return gemeente(code).naam
    except (KetenmonitorError, KeyError):
        return code


def _activities_table(report: EvaluatedReport, numbering: Numbering) -> Block:
    columns = (Column(_("Activiteit")), Column(_("Datum"), "date"), Column(_("Soort")),
               Column(_("Sector")), Column(_("Gemeenten")), Column(_("Organisaties")),
               Column(_("Deelnemers"), "count"))
    rows = []
    for a in sorted(report.activiteiten, key=lambda a: (a.datum, a.titel)):
        gemeenten = ", ".join(_gemeente_name(c) for c in a.gemeenten) or _("hele regio")
        rows.append(Row((
            text_cell(a.titel), Cell(format_date(a.datum), a.datum, "date"), text_cell(a.type.label),
            text_cell(a.sector.label), text_cell(gemeenten), text_cell(", ".join(a.organisaties)),
            count_cell(a.deelnemers),
        )))
    return numbering.table(
        _("Activiteiten van het uitvoeringsprogramma in {periode}").format(
            periode=report.periode_label),
        columns, rows, source=PROGRAMME_SOURCE, sheet=_("Activiteiten"),
        context=((_("Periode"), report.periode_label),),
    )


def _output_section(table: OutputTabel, report: EvaluatedReport, numbering: Numbering) -> Section:
    ind = table.indicator
    anchor = numbering.anchor("output", ind.id)
    content: list[Block] = []
    if ind.omschrijving:
        content.append(Paragraph.of(ind.omschrijving))
    rows = [Row((text_cell(r.label), count_cell(r.waarde), count_cell(r.activiteiten)),
                emphasis=r.categorie == "totaal") for r in table.rijen]
    data = numbering.table(
        _("{titel} in {periode}").format(titel=ind.titel, periode=report.periode_label),
        (Column(_("Categorie")), Column(_("Aantal"), "count"),
         Column(_("Activiteiten"), "count")),
        rows, source=PROGRAMME_SOURCE, sheet=_("Output"),
        context=((_("Outputindicator"), ind.titel), (_("Eenheid"), ind.eenheid),
                 (_("Periode"), report.periode_label)),
    )
    parts = [r for r in table.rijen if r.categorie != "totaal"]
    if len(parts) >= 2:
        chart = bar_spec([Bar(r.label, float(r.waarde)) for r in parts], ind.eenheid, 0)
        spec = chart.to_dict(validate=False)
        spec["config"] = {**spec.get("config", {}), **CHART_CONFIG}
        for layer in spec.get("layer", []):  # counts: no ticks at 0,1 0,2 ...
            axis = layer.get("encoding", {}).get("x", {}).get("axis")
            if isinstance(axis, dict):
                axis["tickMinStep"] = 1
        values = "; ".join(f"{r.label}: {format_count(r.waarde)}" for r in parts)
        content.append(Figure(
            numbering.anchor("figuur", ind.id), numbering.next_figure(), data.caption,
            _("Staafdiagram van {titel}: {waarden}.").format(titel=ind.titel, waarden=values),
            spec, data, PROGRAMME_SOURCE))
    else:
        content.append(data)
    if table.zonder_deelnemers:
        content.append(Paragraph.of(ngettext(
            "Bij {n} activiteit is geen aantal deelnemers geregistreerd; het totaal is daardoor "
            "een ondergrens.",
            "Bij {n} activiteiten is geen aantal deelnemers geregistreerd; het totaal is daardoor "
            "een ondergrens.", table.zonder_deelnemers).format(n=table.zonder_deelnemers), "meta"))
    return Section(anchor, ind.titel, tuple(content))


def programme_section(report: EvaluatedReport, numbering: Numbering) -> Section:
    blocks: list[Block] = [Paragraph.of(_(
        "Het uitvoeringsprogramma registreert wat de regio doet: trainingen, e-learnings, "
        "campagnes, bijeenkomsten en lespakketten. Uit deze activiteiten volgen de "
        "outputindicatoren, zoals het aantal getrainde professionals per sector."), "lead")]
    if report.activiteiten:
        total = sum(a.deelnemers or 0 for a in report.activiteiten)
        blocks.append(Paragraph.of(ngettext(
            "In {periode} is {n} activiteit geregistreerd met samen {d} deelnemers.",
            "In {periode} zijn {n} activiteiten geregistreerd met samen {d} deelnemers.",
            len(report.activiteiten)).format(periode=report.periode_label,
                                             n=len(report.activiteiten), d=format_count(total))))
        blocks.append(Section(numbering.anchor("activiteiten"), _("Activiteiten"),
                              (_activities_table(report, numbering),)))
    else:
        blocks.append(Paragraph.of(_("In {periode} zijn geen activiteiten geregistreerd.").format(
            periode=report.periode_label)))
    blocks.extend(_output_section(table, report, numbering) for table in report.output)
    return Section(numbering.anchor("uitvoeringsprogramma"), _("Uitvoeringsprogramma"),
                   tuple(blocks), role="programma", new_page=True)


def _total(cells: list[Cell]) -> Row:
    return Row((text_cell(_("Totaal")), *cells), emphasis=True)


def finance_section(report: EvaluatedReport, numbering: Numbering) -> Section:
    f: Financien | None = report.financien
    if f is None:
        return Section(numbering.anchor("financien"), _("Financiën"), (Paragraph.of(_(
            "Voor deze rapportageperiode is geen begroting vastgelegd.")),), role="financien",
            new_page=True)
    year = str(f.jaar)
    source = _("Bron: begroting van de regiovisie; bijdragen berekend uit het aantal inwoners "
               "(CBS) en het tarief.")
    blocks: list[Block] = [Paragraph.of(_(
        "De financiën van {jaar}: de bronnen, de bijdrage per gemeente en de begrotingsposten "
        "met wat er is uitgegeven.").format(jaar=year), "lead")]
    rows = [Row((text_cell(b.titel), text_cell(b.soort.label), money_cell(b.bedrag))) for b in f.bronnen]
    rows.append(_total([text_cell(""), money_cell(f.totaal_bronnen)]))
    blocks.append(Section(numbering.anchor("bronnen"), _("Financieringsbronnen"), (numbering.table(
        _("Financieringsbronnen in {jaar}").format(jaar=year),
        (Column(_("Bron")), Column(_("Soort")), Column(_("Bedrag"), "money", 2)), rows,
        source=source, sheet=_("Bronnen"), context=((_("Jaar"), year),)),)))
    for t in f.bijdragen:
        rows = [Row((text_cell(r.gemeente_naam), count_cell(r.inwoners), money_cell(r.tarief, 4),
                     money_cell(r.bedrag))) for r in t.rijen]
        rows.append(_total([count_cell(t.inwoners), text_cell(""), money_cell(t.totaal)]))
        intro = Paragraph.of(_(
            "{bron}: {tarief} per inwoner in {jaar}, over het aantal inwoners op {peildatum}. "
            "Bedragen zijn per gemeente afgerond op hele centen.").format(
                bron=t.bron_titel, tarief=money_text(t.tarief, 4), jaar=t.jaar,
                peildatum=format_date(t.inwoners_peildatum)))
        blocks.append(Section(numbering.anchor("bijdragen", t.bron_id), _("Bijdrage per gemeente"), (
            intro,
            numbering.table(
                _("{bron}: bijdrage per gemeente in {jaar}").format(bron=t.bron_titel, jaar=t.jaar),
                (Column(_("Gemeente")), Column(_("Inwoners"), "count"),
                 Column(_("Tarief per inwoner"), "money", 4), Column(_("Bijdrage"), "money", 2)),
                rows, source=source, sheet=_("Bijdragen gemeenten"),
                context=((_("Bron"), t.bron_titel), (_("Jaar"), year))),
        )))
    rows = [Row((text_cell(p.titel), text_cell(p.opgave_titel or MISSING), money_cell(p.begroot),
                 money_cell(p.gerealiseerd), money_cell(p.verschil), percent_cell(p.realisatie_procent)))
            for p in f.posten]
    spent = (Decimal(100) * f.totaal_gerealiseerd / f.totaal_begroot) if f.totaal_begroot else None
    rows.append(_total([text_cell(""), money_cell(f.totaal_begroot), money_cell(f.totaal_gerealiseerd),
                        money_cell(f.totaal_begroot - f.totaal_gerealiseerd), percent_cell(spent)]))
    blocks.append(Section(numbering.anchor("begroting"), _("Begroting en realisatie"), (
        Paragraph.of(_("Verschil = begroot min gerealiseerd; een positief verschil is nog niet "
                       "uitgegeven.")),
        numbering.table(
            _("Begrotingsposten en realisatie in {jaar}").format(jaar=year),
            (Column(_("Post")), Column(report.indeling_enkelvoud), Column(_("Begroot"), "money", 2),
             Column(_("Gerealiseerd"), "money", 2), Column(_("Verschil"), "money", 2),
             Column(_("Gerealiseerd (%)"), "percent", 1)),
            rows, source=source, sheet=_("Begroting"), context=((_("Jaar"), year),)),
    )))
    return Section(numbering.anchor("financien"), _("Financiën"), tuple(blocks), role="financien",
                   new_page=True)


def vervolg_section(report: EvaluatedReport, numbering: Numbering) -> Section:
    v = report.vervolg
    blocks: list[Block] = []
    if v.tekst:
        blocks.append(Paragraph.of(v.tekst))
    if v.aandachtspunten:
        blocks.append(Paragraph((Text(_("Aandachtspunten"), True),)))
        blocks.append(BulletList(tuple((Text(p),) for p in v.aandachtspunten)))
    if report.herijkingen:
        blocks.append(Paragraph.of(_(
            "De regiovisie wordt op inhoud en financiën herijkt in: {jaren}.").format(
                jaren=", ".join(str(y) for y in report.herijkingen))))
    if not blocks:
        blocks.append(Paragraph.of(_("Voor deze periode is geen vervolg beschreven.")))
    return Section(numbering.anchor("vervolg"), _("Vervolg"), tuple(blocks), role="vervolg",
                   new_page=True)
