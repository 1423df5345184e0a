# SPDX-License-Identifier: EUPL-1.2
"""One light in a chapter: badge, how it was computed, override, explanation and chart.

A computed light always shows the figure, the norm and the period (and the publication) it came
from; an overridden light shows the computed and the chosen colour with the written reason.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.norms import DrempelNorm
from ketenmonitor.regiovisie.result import Berekening, EvaluatedLight
from ketenmonitor.reports.charts import SeriesPoint
from ketenmonitor.reports.formatting import (
    MISSING,
    format_date,
    format_number,
    format_signed,
    unit_label,
)
from ketenmonitor.reports.stoplicht.charts import norm_label, trend_spec
from ketenmonitor.reports.stoplicht.document import (
    Block,
    Callout,
    CalloutKind,
    Cell,
    Column,
    Figure,
    Paragraph,
    Row,
    Table,
    Text,
)
from ketenmonitor.reports.stoplicht.parts import (
    UNIT_KINDS,
    Numbering,
    badge,
    empty_hint,
    light_cell,
    period_label,
    shown_badge,
    text_cell,
)
from ketenmonitor.reports.stoplicht.series import Serie, SeriesReader


def indicator_name(b: Berekening) -> str:
    if b.categorie and b.categorie != "totaal" and b.categorie_label:
        return f"{b.indicator_titel} ({b.categorie_label})"
    return b.indicator_titel


def figure_text(b: Berekening) -> str:
    """'81,2% (voorlopig)' / '12,3 per 1.000 inwoners' / '.' (suppressed) / '–' (no figure)."""
    if b.cijfer is None:
        return MISSING
    if b.cijfer.onderdrukt:
        return f"{b.cijfer.weergave} ({empty_hint(b.cijfer)})"
    unit = unit_label(b.eenheid)
    number = b.cijfer.weergave.rstrip("*")
    text = f"{number}%" if unit == "%" else f"{number} {unit}".strip()
    return f"{text}* ({_('voorlopig')})" if b.cijfer.voorlopig else text


def source_text(b: Berekening) -> str:
    if b.bron == "uitvoeringsprogramma":
        return _("uitvoeringsprogramma (geregistreerde activiteiten)")
    if b.publicatie_id:
        return _("publicatie {id}, peildatum {peildatum}").format(
            id=b.publicatie_id, peildatum=format_date(b.peildatum))
    return _("geen publicatie opgegeven")


def _calculation_table(light: EvaluatedLight, b: Berekening, caption: str,
                       numbering: Numbering) -> Table:
    rows: list[tuple[str, Cell]] = [
        (_("Indicator"), text_cell(indicator_name(b))),
        (_("Gebied"), text_cell(b.gebied_naam or (b.cijfer.gebied_naam if b.cijfer else MISSING))),
        (_("Periode"), text_cell(period_label(b.periode) if b.periode else MISSING)),
        (_("Cijfer"), text_cell(figure_text(b))),
        (_("Norm"), text_cell(b.norm_tekst)),
    ]
    if b.referentie is not None or b.referentie_label:
        reference = b.referentie.weergave if b.referentie else MISSING
        rows.append((_("Vergeleken met"), text_cell(f"{b.referentie_label}: {reference}")))
    if b.verschil is not None:
        rows.append((_("Verschil (positief = beter)"), text_cell(format_signed(b.verschil))))
    rows.append((_("Berekend licht"), light_cell(b.status)))
    if light.overschreven:
        rows.append((_("Gekozen licht"), light_cell(light.status)))
    if b.kleur is None and b.reden_geen_oordeel:
        rows.append((_("Waarom geen oordeel"), text_cell(b.reden_geen_oordeel)))
    rows.append((_("Bron"), text_cell(source_text(b))))
    return numbering.table(
        caption,
        (Column(_("Onderdeel van de berekening")), Column(_("Waarde"))),
        [Row((text_cell(term), cell)) for term, cell in rows],
    )


def _chart(b: Berekening, reader: SeriesReader, numbering: Numbering, title: str) -> Figure | None:
    """The figure over the periods before, with the norm's boundaries for a threshold norm."""
    if b.bron != "publicatie" or b.cijfer is None:
        return None
    own = reader.series(b.indicator_id, b.cijfer.gebied_code, b.dimensie, b.categorie, b.periode)
    if own is None or sum(c.waarde is not None for c in own.cijfers) < 2:
        return None
    series: list[Serie] = [own]
    if own.niveau != "regio":
        region = reader.region_code(b.indicator_id)
        other = region and reader.series(b.indicator_id, region, b.dimensie, b.categorie, b.periode)
        if other:
            series.append(other)
    kind, decimals = UNIT_KINDS.get(b.eenheid, ("number", 1))
    unit = unit_label(b.eenheid)
    points = [SeriesPoint(period_label(c.periode), s.gebied_naam, c.waarde)
              for s in series for c in s.cijfers]
    lines: list[tuple[str, str, float]] = []
    if isinstance(b.norm, DrempelNorm):
        lines = [("groen", norm_label(_("groen"), format_number(b.norm.groen, decimals)), b.norm.groen),
                 ("oranje", norm_label(_("oranje"), format_number(b.norm.oranje, decimals)),
                  b.norm.oranje)]
    periods = list(dict.fromkeys(c.periode for s in series for c in s.cijfers))
    by_period = {(s.gebied_naam, c.periode): c for s in series for c in s.cijfers}
    rows = []
    for periode in periods:
        cells = [text_cell(period_label(periode))]
        for s in series:
            c = by_period.get((s.gebied_naam, periode))
            if c is None:
                cells.append(Cell(MISSING, None, kind, _("geen cijfer")))
            elif c.onderdrukt:
                cells.append(Cell(c.weergave, None, kind, empty_hint(c)))
            else:
                cells.append(Cell(c.weergave, c.waarde, kind, _("voorlopig") if c.voorlopig else ""))
        rows.append(Row(tuple(cells)))
    unit_text = unit or _("aantal")
    if len(series) == 1:
        columns: tuple[Column, ...] = (Column(_("Periode")), Column(_("Cijfer"), kind, decimals))
        sheet = _("Reeksen")
        context: tuple[tuple[str, str], ...] = (
            (_("Indicator"), title), (_("Gebied"), own.gebied_naam), (_("Eenheid"), unit_text))
        where = own.gebied_naam
    else:
        columns = (Column(_("Periode")), Column(_("Cijfer gemeente"), kind, decimals),
                   Column(_("Cijfer regio"), kind, decimals))
        sheet = _("Reeksen gemeente en regio")
        context = ((_("Indicator"), title), (_("Gemeente"), own.gebied_naam),
                   (_("Regio"), series[1].gebied_naam), (_("Eenheid"), unit_text))
        where = _("{gemeente} en {regio}").format(gemeente=own.gebied_naam,
                                                   regio=series[1].gebied_naam)
    caption = _("{titel}, {gebied}, per periode ({eenheid})").format(
        titel=title, gebied=where, eenheid=unit_text)
    source = _("Bron: {bron}.").format(bron=source_text(b))
    table = numbering.table(caption, columns, rows, source=source, sheet=sheet,
                            context=context)
    described = ", ".join(
        f"{period_label(c.periode)}: {c.weergave}" for c in own.cijfers
    )
    description = _("Lijngrafiek van {titel} voor {gebied}: {waarden}.").format(
        titel=title, gebied=own.gebied_naam, waarden=described)
    if lines:
        description += " " + _("Stippellijnen geven de grenzen van de norm: {grenzen}.").format(
            grenzen="; ".join(label for _k, label, _v in lines))
    spec = trend_spec(points, y_title=unit_text, decimals=decimals, norm_lines=lines)
    return Figure(numbering.anchor("figuur", str(numbering.figures + 1)), numbering.next_figure(),
                  caption, description, spec, table, source)


def light_blocks(light: EvaluatedLight, resultaat_label: str, periode_label: str,
                 reader: SeriesReader, numbering: Numbering) -> list[Block]:
    """Everything the chapter shows for one light (or one part of a split light)."""
    heading = light.onderdeel or _("Licht {periode}").format(periode=periode_label)
    blocks: list[Block] = [Paragraph((Text(f"{heading}: ", True), shown_badge(light)), "lichtregel")]
    b = light.berekening
    if light.soort == "oordeel":
        who = f" ({light.beoordeeld_door})" if light.beoordeeld_door else ""
        blocks.append(Paragraph.of(_("Oordeel van een persoon{door}; niet berekend uit een cijfer.")
                                   .format(door=who), "meta"))
    if b is not None:
        indicator_name(b)
        blocks.append(_calculation_table(
            light, b, _("Berekening van het licht: {resultaat}{deel}").format(
                resultaat=resultaat_label, deel=f" – {light.onderdeel}" if light.onderdeel else ""),
            numbering))
    if light.overschrijving is not None and b is not None:
        o = light.overschrijving
        by = ", ".join(x for x in (o.door, format_date(o.datum) if o.datum else "") if x)
        blocks.append(Callout("overschreven", _("Licht overschreven"), (
            Paragraph((Text(_("Berekend: ")), badge(b.status), Text(_(" – gekozen: ")),
                       badge(light.status))),
            Paragraph((Text(_("Reden: "), True), Text(o.reden))),
            *((Paragraph.of(_("Door: {wie}").format(wie=by), "meta"),) if by else ()),
        )))
    if light.uitleg is not None:
        u = light.uitleg
        needs = light.status.kleur is None or light.status.kleur.needs_explanation
        kind: CalloutKind = "let_op" if needs else "uitleg"
        blocks.append(Callout(kind, _("Uitleg bij het licht") + (f": {light.onderdeel}"
                                                                   if light.onderdeel else ""), (
            Paragraph((Text(_("Oorzaak: "), True), Text(u.oorzaak))),
            Paragraph((Text(_("Gevolg: "), True), Text(u.gevolg))),
            Paragraph((Text(_("Bijsturing: "), True), Text(u.bijsturing))),
        )))
    for warning in light.waarschuwingen:
        if b is not None and warning == b.reden_geen_oordeel:
            continue  # already in the calculation table as 'Waarom geen oordeel'
        blocks.append(Paragraph((Text(_("Let op: "), True), Text(warning)), "meta"))
    if b is not None:
        chart = _chart(b, reader, numbering, indicator_name(b))
        if chart is not None:
            blocks.append(chart)
    return blocks
