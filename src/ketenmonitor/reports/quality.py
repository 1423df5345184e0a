# SPDX-License-Identifier: EUPL-1.2
"""The section 'Kwaliteit van de koppeling': what linking on the BSN token alone costs.

Records without a BSN token cannot be linked to a person, so a hermelding or an earlier signal at
another partner goes unseen. The report shows how many records stay unlinked and, for a simulated
region (``tables/_validatie.parquet``), each derived share next to the same share computed from the
ground truth, with the difference in percentage points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ketenmonitor.core.i18n import _
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


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _method_label(method: str) -> str:
    if "bsn" in method.lower():
        return _("deterministisch, op het BSN-token")
    return method or MISSING


def _linkage_exhibit(linkage: dict[str, Any], ctx: ExhibitContext) -> Exhibit:
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


def _measure_exhibit(frame: pd.DataFrame, heading: str, ctx: ExhibitContext) -> Exhibit:
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
            points += [charts.SeriesPoint(label, _("Pijplijn (koppeling op BSN-token)"),
                                          _float(row.pijplijn)),
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
    records = _int(linkage.get("records"))
    unlinked = _int(linkage.get("unlinked_records"))
    intro = _(
        "Records zijn tot personen gekoppeld: {methode}. {ongekoppeld} van de {records} records "
        "({aandeel}) hebben geen BSN-token en blijven ongekoppeld. Voor die records ziet de "
        "monitor niet of dezelfde persoon eerder of bij een andere partner voorkwam; hermeldingen "
        "en eerdere signalen vallen daardoor lager uit dan ze werkelijk zijn."
    ).format(methode=_method_label(str(linkage.get("method", ""))),
             ongekoppeld=format_count(unlinked), records=format_count(records),
             aandeel=format_share(unlinked, records))
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
            measures.append((heading, _measure_exhibit(frame, heading, ctx)))
        position = int(validation["verschil_procentpunt"].abs().to_numpy().argmax())
        worst = validation.iloc[position]
        validation_intro = _(
            "Deze regio is gesimuleerd, dus de werkelijke personen achter elk record zijn bekend. "
            "Hieronder staat elk afgeleid aandeel naast hetzelfde aandeel berekend met de "
            "grondwaarheid. Het verschil in procentpunten is de prijs van koppelen op alleen het "
            "BSN-token. Het grootste verschil is {verschil} procentpunt ({categorie}, {periode})."
        ).format(verschil=format_number(abs(float(worst["verschil_procentpunt"]))),
                 categorie=str(worst["categorie_label"] or worst["categorie"]),
                 periode=period_label(str(worst["periode"])))
    return QualityView(intro, exhibit, validation_intro, measures)
