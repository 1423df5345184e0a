# SPDX-License-Identifier: EUPL-1.2
"""The section 'Kwaliteit van de koppeling': how records became persons and what that costs.

With BSN-only linkage, records without a BSN token cannot be linked, so a hermelding or an earlier
signal at another partner goes unseen. With probabilistic linkage the report shows how many records
were joined by the model, how many belong to a person seen once, how many could not be compared,
and the error rates the model estimates for itself. For a simulated region
(``tables/_validatie.parquet``) each derived share stands next to the same share computed from the
ground truth, with the difference in percentage points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ketenmonitor.core.i18n import _
from ketenmonitor.core.linkage_fallback import fallback_explanation
from ketenmonitor.reports import charts
from ketenmonitor.reports.exhibits import ExhibitContext
from ketenmonitor.reports.formatting import (
    MISSING,
    dimension_label,
    format_count,
    format_number,
    format_percent,
    format_share,
    format_signed,
    period_label,
)
from ketenmonitor.reports.model import Exhibit, FigureView, TableCell, TableRow, TableView


@dataclass(frozen=True)
class QualityView:
    intro: str
    linkage: Exhibit | None
    validation_intro: str
    validation: list[tuple[str, Exhibit]]  # (heading, exhibit) per measure
    linkage_heading: str = ""


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _probabilistic(method: str) -> bool:
    return method.lower().startswith("probabilistisch")


def _method_label(method: str) -> str:
    if "bsn" in method.lower():
        return _("deterministisch, op het BSN-token")
    if _probabilistic(method):
        return _("probabilistisch, op tokens van BSN, naam, geboortedatum en adres")
    return method or MISSING


def _pipeline_label(method: str) -> str:
    if _probabilistic(method):
        return _("Pijplijn (probabilistische koppeling)")
    return _("Pijplijn (koppeling op BSN-token)")


def _linkage_exhibit(linkage: dict[str, Any], ctx: ExhibitContext) -> Exhibit:
    if _probabilistic(str(linkage.get("method", ""))):
        return _probabilistic_exhibit(linkage, ctx)
    records = _int(linkage.get("records"))
    linked = _int(linkage.get("linked_records"))
    unlinked = _int(linkage.get("unlinked_records"))
    source = _("Bron: koppeling in de analyseomgeving (Ketenmonitor)") + ctx.source_suffix
    rows = [
        TableRow(_("Records van betrokkenen"), [TableCell(format_count(records)),
                                                 TableCell(format_share(records, records))]),
        TableRow(_("Gekoppeld op BSN-token"), [TableCell(format_count(linked)),
                                               TableCell(format_share(linked, records))]),
        TableRow(_("Niet gekoppeld (geen BSN-token)"), [TableCell(format_count(unlinked)),
                                                        TableCell(format_share(unlinked, records))],
                 emphasis=True),
        TableRow(_("Personen na koppeling"), [TableCell(format_count(_int(linkage.get("persons")))),
                                              TableCell(MISSING, _("niet van toepassing"))]),
        TableRow(_("Huishoudens (op adrestoken)"),
                 [TableCell(format_count(_int(linkage.get("households")))),
                  TableCell(MISSING, _("niet van toepassing"))]),
    ]
    caption = _("Koppeling van records tot personen en huishoudens")
    fig_number = ctx.numbering.next_figure()
    fig_caption = _("Records gekoppeld en niet gekoppeld")
    svg = charts.bar_chart(
        [charts.Bar(_("Gekoppeld op BSN-token"), None if linked is None else float(linked)),
         charts.Bar(_("Niet gekoppeld"), None if unlinked is None else float(unlinked), True)],
        chart_id=f"figuur-{fig_number}", title=fig_caption, x_title=_("Aantal records"),
        decimals=0,
        description=_("Staafdiagram met het aantal gekoppelde en niet-gekoppelde records; "
                      "de cijfers staan in de tabel eronder."),
    )
    figure = FigureView(f"figuur-{fig_number}", fig_number, fig_caption, svg, source)
    number = ctx.numbering.next_table()
    table = TableView(f"tabel-{number}", number, caption, _("Onderdeel"),
                      [_("Aantal"), _("Aandeel van de records")], rows, source)
    return Exhibit(table, figure)


def _probabilistic_exhibit(linkage: dict[str, Any], ctx: ExhibitContext) -> Exhibit:
    records = _int(linkage.get("records"))
    probabilistic = _int(linkage.get("probabilistic_records")) or 0
    linked = _int(linkage.get("linked_records"))
    on_bsn = None if linked is None else linked - probabilistic
    single = _int(linkage.get("single_records"))
    unlinked = _int(linkage.get("unlinked_records"))
    source = _("Bron: koppeling in de analyseomgeving (Ketenmonitor)") + ctx.source_suffix
    parts = [
        (_("Gekoppeld op BSN-token"), on_bsn, False),
        (_("Probabilistisch gekoppeld"), probabilistic, False),
        (_("Enkelvoudig (persoon komt één keer voor)"), single, False),
        (_("Niet te koppelen (te weinig gegevens)"), unlinked, True),
    ]
    rows = [TableRow(_("Records van betrokkenen"), [TableCell(format_count(records)),
                                                     TableCell(format_share(records, records))])]
    rows += [TableRow(label, [TableCell(format_count(n)), TableCell(format_share(n, records))],
                      emphasis=emphasis) for label, n, emphasis in parts]
    rows += [
        TableRow(_("Personen na koppeling"), [TableCell(format_count(_int(linkage.get("persons")))),
                                              TableCell(MISSING, _("niet van toepassing"))]),
        TableRow(_("Huishoudens (adres, gebeurtenis en persoon)"),
                 [TableCell(format_count(_int(linkage.get("households")))),
                  TableCell(MISSING, _("niet van toepassing"))]),
    ]
    fig_number = ctx.numbering.next_figure()
    fig_caption = _("Records naar manier van koppelen")
    svg = charts.bar_chart(
        [charts.Bar(label, None if n is None else float(n), emphasis) for label, n, emphasis in parts],
        chart_id=f"figuur-{fig_number}", title=fig_caption, x_title=_("Aantal records"),
        decimals=0,
        description=_("Staafdiagram met het aantal records per manier van koppelen; "
                      "de cijfers staan in de tabel eronder."),
    )
    figure = FigureView(f"figuur-{fig_number}", fig_number, fig_caption, svg, source)
    number = ctx.numbering.next_table()
    table = TableView(f"tabel-{number}", number,
                      _("Koppeling van records tot personen en huishoudens"), _("Onderdeel"),
                      [_("Aantal"), _("Aandeel van de records")], rows, source)
    return Exhibit(table, figure)


def _probabilistic_intro(linkage: dict[str, Any]) -> str:
    records = _int(linkage.get("records"))
    precision = _float(linkage.get("estimated_precision"))
    recall = _float(linkage.get("estimated_recall"))
    threshold = _float(linkage.get("match_threshold"))
    return _(
        "Records zijn tot personen gekoppeld: {methode}. Een model (Fellegi-Sunter, getraind op de "
        "gegevens zelf) weegt per paar records hoe goed BSN, naam, geboortedatum, adres en "
        "geslacht overeenkomen; paren met een matchkans van ten minste {drempel} worden één "
        "persoon. {prob} van de {records} records ({aandeel_prob}) zijn zo gekoppeld zonder "
        "gelijk BSN-token. {enkel} records ({aandeel_enkel}) horen bij een persoon die maar één "
        "keer voorkomt en {ongekoppeld} records ({aandeel_ongekoppeld}) hebben te weinig gegevens "
        "om te vergelijken. Het model schat zelf de precisie op {precisie} (zoveel van de "
        "paren records binnen één persoon horen echt bij elkaar) en de recall op {recall} "
        "(zoveel van de paren die bij elkaar horen, zijn in één persoon terechtgekomen, ook via "
        "andere records){interval}."
    ).format(
        methode=_method_label(str(linkage.get("method", ""))),
        drempel=MISSING if threshold is None else format_percent(100 * threshold, 0),
        prob=format_count(_int(linkage.get("probabilistic_records"))),
        records=format_count(records),
        aandeel_prob=format_share(_int(linkage.get("probabilistic_records")), records),
        enkel=format_count(_int(linkage.get("single_records"))),
        aandeel_enkel=format_share(_int(linkage.get("single_records")), records),
        ongekoppeld=format_count(_int(linkage.get("unlinked_records"))),
        aandeel_ongekoppeld=format_share(_int(linkage.get("unlinked_records")), records),
        precisie=MISSING if precision is None else format_percent(100 * precision, 2),
        recall=MISSING if recall is None else format_percent(100 * recall, 2),
        interval=_recall_interval(linkage),
    )


def _recall_interval(linkage: dict[str, Any]) -> str:
    """The 95 % interval of the recall from the sampled unproposed pairs, when known."""
    low = _float(linkage.get("estimated_recall_low"))
    high = _float(linkage.get("estimated_recall_high"))
    if low is None or high is None:
        return ""
    return _("; door de steekproef van paren die geen blokkeerregel voorstelt, ligt die recall "
             "met 95% zekerheid tussen {laag} en {hoog}").format(
                 laag=format_percent(100 * low, 2), hoog=format_percent(100 * high, 2))


def _measure_exhibit(frame: pd.DataFrame, heading: str, ctx: ExhibitContext,
                     method: str = "") -> Exhibit:
    periods = [str(p) for p in dict.fromkeys(frame["periode"])]
    latest = sorted(periods)[-1]
    source = (
        _("Bron: pijplijn en grondwaarheid van de simulatie (Ketenmonitor)") + ctx.source_suffix
    )
    rows: list[TableRow] = []
    points: list[charts.SeriesPoint] = []
    for row in frame.itertuples(index=False):
        label = str(row.categorie_label or row.categorie)
        periode = str(row.periode)
        rows.append(TableRow(label, [
            TableCell.text_cell(period_label(periode)),
            TableCell(format_percent(_float(row.pijplijn))),
            TableCell(format_percent(_float(row.grondwaarheid))),
            TableCell(format_signed(_float(row.verschil_procentpunt))),
        ]))
        if periode == latest:
            points += [charts.SeriesPoint(label, _pipeline_label(method), _float(row.pijplijn)),
                       charts.SeriesPoint(label, _("Grondwaarheid"), _float(row.grondwaarheid))]
    fig_number = ctx.numbering.next_figure()
    fig_caption = _("{maat}: pijplijn en grondwaarheid, {periode}").format(
        maat=heading, periode=period_label(latest))
    svg = charts.dot_chart(
        points, chart_id=f"figuur-{fig_number}", title=fig_caption, x_title=_("Aandeel (%)"),
        description=_("Puntdiagram per categorie: de pijplijn als rondje, de grondwaarheid als "
                      "vierkantje; de cijfers staan in de tabel eronder."),
    )
    figure = FigureView(f"figuur-{fig_number}", fig_number, fig_caption, svg, source)
    number = ctx.numbering.next_table()
    table = TableView(
        f"tabel-{number}", number,
        _("{maat}: aandeel volgens de pijplijn en volgens de grondwaarheid").format(maat=heading),
        _("Categorie"),
        [_("Periode"), _("Pijplijn (%)"), _("Grondwaarheid (%)"), _("Verschil (procentpunt)")],
        rows, source,
    )
    return Exhibit(table, figure)


def _float(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def build_quality(metadata: dict[str, Any], validation: pd.DataFrame | None,
                  titles: dict[str, str], ctx: ExhibitContext) -> QualityView:
    """The linkage figures and, when present, the validation against ground truth."""
    linkage = metadata.get("linkage") or {}
    method = str(linkage.get("method", ""))
    records = _int(linkage.get("records"))
    unlinked = _int(linkage.get("unlinked_records"))
    intro = _probabilistic_intro(linkage) if _probabilistic(method) else _(
        "Records zijn tot personen gekoppeld: {methode}. {ongekoppeld} van de {records} records "
        "({aandeel}) hebben geen BSN-token en blijven ongekoppeld. Voor die records ziet de "
        "monitor niet of dezelfde persoon eerder of bij een andere partner voorkwam; hermeldingen "
        "en eerdere signalen vallen daardoor lager uit dan ze werkelijk zijn."
    ).format(methode=_method_label(method),
             ongekoppeld=format_count(unlinked), records=format_count(records),
             aandeel=format_share(unlinked, records))
    fallback = fallback_explanation(linkage.get("fallback_reason"),
                                    linkage.get("min_training_pairs"))
    if fallback:
        intro = f"{intro} {fallback}"
    if not linkage:
        intro = _("Deze publicatie bevat geen gegevens over de koppeling van records tot personen.")
    exhibit = _linkage_exhibit(linkage, ctx) if linkage else None
    measures: list[tuple[str, Exhibit]] = []
    validation_intro = _(
        "Voor deze publicatie is geen vergelijking met een grondwaarheid beschikbaar; die bestaat "
        "alleen voor een gesimuleerde regio."
    )
    if validation is not None and len(validation):
        for maat, frame in validation.groupby("maat", sort=False):
            heading = titles.get(str(maat)) or dimension_label(str(maat))
            measures.append((heading, _measure_exhibit(frame, heading, ctx, method)))
        position = int(validation["verschil_procentpunt"].abs().to_numpy().argmax())
        worst = validation.iloc[position]
        price = _("de prijs van de koppeling zonder grondwaarheid") if _probabilistic(method) \
            else _("de prijs van koppelen op alleen het BSN-token")
        validation_intro = _(
            "Deze regio is gesimuleerd, dus de werkelijke personen achter elk record zijn bekend. "
            "Hieronder staat elk afgeleid aandeel naast hetzelfde aandeel berekend met de "
            "grondwaarheid. Het verschil in procentpunten is {prijs}. Het grootste verschil is "
            "{verschil} procentpunt ({categorie}, {periode})."
        ).format(prijs=price,verschil=format_number(abs(float(worst["verschil_procentpunt"]))),
                 categorie=str(worst["categorie_label"] or worst["categorie"]),
                 periode=period_label(str(worst["periode"])))
    heading = _("Probabilistische koppeling op tokens") if _probabilistic(method) \
        else _("Koppeling op het BSN-token")
    return QualityView(intro, exhibit, validation_intro, measures, heading)
