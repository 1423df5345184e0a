# SPDX-License-Identifier: EUPL-1.2
"""The two sentences that answer a regiovisie question, written from the published figures.

Every number in a sentence comes from a published cell, so the sentence follows the publication's
disclosure control: a hidden cell is named as hidden (with its reason), never estimated, a
provisional figure says so, and a difference whose 95% intervals overlap is called possibly
chance (issue 15). Plain Dutch (B1); the words that remain jargon link to the glossary.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _, ngettext
from ketenmonitor.publish.signs import GEEN_GEGEVENS, NOG_NIET_WAARNEEMBAAR, ONTHULLING
from ketenmonitor.reports.data import Area, Cell, IndicatorTable
from ketenmonitor.reports.exhibits import chart_title
from ketenmonitor.reports.formatting import PROVISIONAL, format_number, period_label, unit_label
from ketenmonitor.reports.indicator import Indicator
from ketenmonitor.reports.source import IndicatorMeta


def value_text(cell: Cell, meta: IndicatorMeta, decimals: int) -> str:
    """'10,2 per 1.000 inwoners', '45,0%', '12 dagen (mediaan)' (without the provisional '*')."""
    shown = cell.weergave.rstrip(PROVISIONAL)
    if meta.eenheid == "percentage":
        return f"{shown}%"
    if meta.eenheid == "mediaan_dagen":
        return _("{waarde} dagen (mediaan)").format(waarde=shown)
    label = unit_label(meta.eenheid)
    return f"{shown} {label}".strip()


def reason_text(cell: Cell) -> str:
    """Why there is no figure, in words a raadslid understands."""
    texts = {
        ONTHULLING: _("geheim, om de betrokken personen te beschermen"),
        NOG_NIET_WAARNEEMBAAR: _("nog niet bekend, want de periode of de volgtermijn is nog "
                                 "niet om"),
        GEEN_GEGEVENS: _("er zijn geen gegevens aangeleverd"),
    }
    return texts.get(cell.reden or "", _("dit cijfer staat niet in de publicatie"))


def overlap(a: Cell, b: Cell) -> bool | None:
    """Do the 95% intervals of ``a`` and ``b`` overlap? None when one of them has none."""
    first, second = a.interval, b.interval
    if first is None or second is None:
        return None
    return first[0] <= second[1] and second[0] <= first[1]


def _margin(cell: Cell, decimals: int) -> str:
    found = cell.interval
    if found is None:
        return ""
    return _("marge {laag} tot {hoog}").format(laag=format_number(found[0], decimals),
                                               hoog=format_number(found[1], decimals))


def _remarks(cell: Cell, decimals: int) -> str:
    parts = [_("voorlopig cijfer")] if cell.voorlopig else []
    margin = _margin(cell, decimals)
    if margin:
        parts.append(margin)
    return f" ({'; '.join(parts)})" if parts else ""


def latest_period(table: IndicatorTable) -> str:
    periods = table.trend_periods()
    return periods[-1] if periods else ""


def level_sentence(indicator: Indicator, area: Area) -> str:
    """'Adviezen en meldingen in regio Haaglanden, 2025: 10,2 per 1.000 inwoners (...).'"""
    meta, table = indicator.meta, indicator.table
    periode = latest_period(table)
    cell = table.cell(area.code, periode)
    head = _("{onderwerp} in {gebied}, {periode}").format(
        onderwerp=chart_title(meta), gebied=area.phrase, periode=period_label(periode))
    if cell.waarde is None:
        return _("{kop}: geen cijfer ({reden}).").format(kop=head, reden=reason_text(cell))
    return _("{kop}: {waarde}{opmerkingen}.").format(
        kop=head, waarde=value_text(cell, meta, table.decimals),
        opmerkingen=_remarks(cell, table.decimals))


def spread_sentence(indicator: Indicator, gemeenten: list[Area]) -> str:
    """How far the gemeenten lie apart, and how many have no figure to show."""
    meta, table = indicator.meta, indicator.table
    periode = latest_period(table)
    cells = [(g, table.cell(g.code, periode)) for g in gemeenten]
    shown = sorted(((g, c) for g, c in cells if c.waarde is not None),
                   key=lambda gc: gc[1].waarde or 0.0)
    hidden = len(cells) - len(shown)
    if len(shown) < 2:
        text = _("Per gemeente zijn te weinig cijfers te tonen om gemeenten te vergelijken")
    else:
        (low_g, low), (high_g, high) = shown[0], shown[-1]
        text = _("Per gemeente loopt dit uiteen van {laag} in {gemeente_laag} tot {hoog} in "
                 "{gemeente_hoog}").format(
            laag=value_text(low, meta, table.decimals), gemeente_laag=low_g.naam,
            hoog=value_text(high, meta, table.decimals), gemeente_hoog=high_g.naam)
        if overlap(low, high):
            text += _("; de marges overlappen, dus ook dat verschil kan toeval zijn")
    if hidden:
        text += "; " + ngettext("van {n} gemeente is geen cijfer te tonen",
                                "van {n} gemeenten is geen cijfer te tonen", hidden).format(n=hidden)
    return text + "."


def region_comparison(indicator: Indicator, area: Area, region: Area) -> str:
    """The gemeente against the region, with 'possibly chance' when the intervals overlap."""
    meta, table = indicator.meta, indicator.table
    periode = latest_period(table)
    own, reg = table.cell(area.code, periode), table.cell(region.code, periode)
    if reg.waarde is None:
        return _("Van de regio is geen cijfer te tonen ({reden}).").format(reden=reason_text(reg))
    value = value_text(reg, meta, table.decimals)
    if own.waarde is None:
        return _("In de hele regio is dit {waarde}.").format(waarde=value)
    if overlap(own, reg) is False:
        word = _("hoger") if own.waarde > reg.waarde else _("lager")
        return _("Dat is {woord} dan in de hele regio ({waarde}); de marges overlappen niet, "
                 "dus het verschil is waarschijnlijk echt.").format(woord=word, waarde=value)
    if overlap(own, reg):
        return _("In de hele regio is dit {waarde}; de marges overlappen, dus het verschil kan "
                 "toeval zijn.").format(waarde=value)
    return _("In de hele regio is dit {waarde}.").format(waarde=value)


def _groups(indicator: Indicator, area: Area, periode: str) -> tuple[str, list[tuple[str, Cell]]]:
    table = indicator.table
    dimensions = table.dimensions()
    if not dimensions:
        return "", []
    dimensie = dimensions[0]
    return dimensie, [(label, table.cell(area.code, periode, dimensie, code))
                      for code, label in table.categories(dimensie)]


def group_sentence(indicator: Indicator, area: Area) -> str:
    """'... : de grootste groep is Justitie (65,0%), de kleinste Onderwijs (15,0%).'"""
    meta, table = indicator.meta, indicator.table
    periode = latest_period(table)
    _dimensie, groups = _groups(indicator, area, periode)
    head = _("{onderwerp} in {gebied}, {periode}").format(
        onderwerp=chart_title(meta), gebied=area.phrase, periode=period_label(periode))
    shown = sorted(((label, c) for label, c in groups if c.waarde is not None),
                   key=lambda lc: -(lc[1].waarde or 0.0))
    if not shown:
        first = groups[0][1] if groups else Cell.missing()
        return _("{kop}: geen cijfers per groep ({reden}).").format(kop=head,
                                                                   reden=reason_text(first))
    (top, top_cell), (bottom, bottom_cell) = shown[0], shown[-1]
    text = _("{kop}: de grootste groep is {groep} ({waarde})").format(
        kop=head, groep=top, waarde=value_text(top_cell, meta, table.decimals))
    if len(shown) > 1:
        text += _(", de kleinste {groep} ({waarde})").format(
            groep=bottom, waarde=value_text(bottom_cell, meta, table.decimals))
    hidden = len(groups) - len(shown)
    if hidden:
        text += "; " + ngettext("van {n} groep is het cijfer niet te tonen",
                                "van {n} groepen is het cijfer niet te tonen", hidden).format(n=hidden)
    if table.provisional(periode):
        text += " " + _("(voorlopig cijfer)")
    return text + "."


def group_comparison(indicator: Indicator, area: Area, region: Area) -> str:
    """The largest group now against the first period (region) or against the region (gemeente)."""
    meta, table = indicator.meta, indicator.table
    periods = table.trend_periods()
    periode = latest_period(table)
    dimensie, groups = _groups(indicator, area, periode)
    shown = sorted(((label, c) for label, c in groups if c.waarde is not None),
                   key=lambda lc: -(lc[1].waarde or 0.0))
    if not shown:
        return _("Zonder cijfers per groep valt hier niets te vergelijken.")
    label, cell = shown[0]
    code = next(c for c, lab in table.categories(dimensie) if lab == label)
    if area.niveau == "regio":
        if len(periods) < 2:
            return _("Er is nog geen eerder jaar om mee te vergelijken.")
        before = table.cell(area.code, periods[0], dimensie, code)
        when = period_label(periods[0])
    else:
        before = table.cell(region.code, periode, dimensie, code)
        when = ""
    if before.waarde is None:
        return _("Een vergelijkbaar cijfer voor {groep} is er niet ({reden}).").format(
            groep=label, reden=reason_text(before))
    value = value_text(before, meta, table.decimals)
    text = (_("In {periode} was het aandeel {groep} {waarde}").format(
        periode=when, groep=label, waarde=value) if when else
        _("In de hele regio is het aandeel {groep} {waarde}").format(groep=label, waarde=value))
    together = overlap(cell, before)
    if together:
        text += _("; de marges overlappen, dus het verschil kan toeval zijn")
    elif together is False:
        text += _("; de marges overlappen niet, dus het verschil is waarschijnlijk echt")
    return text + "."
