# SPDX-License-Identifier: EUPL-1.2
"""The section 'Over deze cijfers': definitions, deliveries, disclosure rules and versions.

A council member must be able to check what each figure means and where it came from without
asking the analyst: every indicator's definition from the metadata, every delivery the publication
was built from, the disclosure rules and signs, the traffic-light definitions and the versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ketenmonitor import __version__
from ketenmonitor.core.i18n import _
from ketenmonitor.publish.signs import legend
from ketenmonitor.reports.exhibits import ExhibitContext
from ketenmonitor.reports.formatting import (
    MISSING,
    PROVISIONAL,
    format_count,
    format_date,
    period_label,
    source_label,
    sources_text,
    unit_label,
)
from ketenmonitor.reports.model import TableCell, TableRow, TableView
from ketenmonitor.reports.source import IndicatorMeta
from ketenmonitor.reports.statistics import SMALL_NUMBER
from ketenmonitor.reports.trend import ALL_LIGHTS, VERDICT_RULE, TrendLight, richting_label


@dataclass(frozen=True)
class Definition:
    anchor: str
    titel: str
    items: list[tuple[str, str]]


@dataclass(frozen=True)
class AboutView:
    definitions: list[Definition]
    deliveries: TableView | None
    disclosure: list[str]
    signs: list[tuple[str, str]]
    lights: tuple[TrendLight, ...]
    versions: list[tuple[str, str]]


def _disclosure_text(value: str, base: int, threshold: int) -> str:
    """Dutch text for the disclosure rule of an indicator (catalogue codes or free text)."""
    if value == "standaard":
        return _("afronden op {base}, onderdrukken onder {threshold}").format(
            base=base, threshold=threshold
        )
    if value == "verhoogde_drempel":
        return _("afronden op {base}, onderdrukken onder {threshold} (verhoogde drempel)").format(
            base=base, threshold=2 * threshold
        )
    return value


def _definition(meta: IndicatorMeta, anchor: str, base: int, threshold: int) -> Definition:
    dimensions = ", ".join(meta.dimension_title(d) for d in meta.dimensies)
    items = [
        (_("Definitie"), meta.definitie),
        (_("Eenheid"), unit_label(meta.eenheid)),
        (_("Teller"), meta.teller),
        (_("Noemer"), meta.noemer),
        (_("Uitsplitsingen"), dimensions or _("geen")),
        (_("Bronnen"), sources_text(list(meta.bronnen))),
        (_("Openbaarmaking"), _disclosure_text(meta.openbaarmaking, base, threshold)),
        (_("Vergelijkbaarheid met CBS"), meta.cbs_opmerking),
        (_("Richting"), richting_label(meta.richting)),
        (_("Thema"), meta.thema),
    ]
    return Definition(anchor, meta.titel, [(k, v) for k, v in items if v])


def _deliveries(metadata: dict[str, Any], ctx: ExhibitContext) -> TableView | None:
    deliveries = metadata.get("deliveries") or []
    if not deliveries:
        return None
    rows = [
        TableRow(str(d.get("delivery_id", MISSING)), [
            TableCell.text_cell(source_label(str(d.get("partner", "")))
                                if d.get("partner") else MISSING),
            TableCell.text_cell(source_label(str(d.get("record_type", "")))
                                + f" ({d.get('record_type', '')})"),
            TableCell.text_cell(period_label(str(d.get("period", ""))) if d.get("period")
                                else MISSING),
            TableCell(format_count(d.get("rows_loaded"))),
            TableCell.text_cell(str(d.get("checksum", ""))[:16] or MISSING),
        ])
        for d in deliveries
    ]
    number = ctx.numbering.next_table()
    return TableView(
        f"tabel-{number}", number, _("Leveringen waarop deze publicatie rust"), _("Levering"),
        [_("Partner"), _("Soort record"), _("Periode"), _("Rijen geladen"),
         _("Controlegetal (begin)")],
        rows, _("Bron: grootboek van de analyseomgeving") + ctx.source_suffix,
    )


def build_about(metadata: dict[str, Any], indicators: list[IndicatorMeta],
                anchors: dict[str, str], ctx: ExhibitContext) -> AboutView:
    disclosure = metadata.get("disclosure") or {}
    base = int(disclosure.get("rounding_base", 5))
    threshold = int(disclosure.get("threshold", 10))
    rules = [
        _("Aantallen zijn afgerond op veelvouden van {base}. Een totaal kan daardoor afwijken van "
          "de som van de afgeronde delen.").format(base=base),
        _("Aantallen kleiner dan {threshold} worden niet getoond, en percentages en cijfers per "
          "inwoner die erop rusten evenmin (primaire onderdrukking).").format(threshold=threshold),
        _("Waar een onderdrukt cijfer uit een totaal en de andere cellen terug te rekenen zou "
          "zijn, "
          "wordt ook een tweede cel onderdrukt (secundaire onderdrukking)."),
        _("Een cel zonder cijfer zegt waarom: x is geheim (beveiligd tegen onthulling, zonder "
          "te zeggen waarom precies die cel), … is nog niet waarneembaar (de periode of de "
          "volgtermijn van 12 of 18 maanden is op de peildatum nog niet om) en . betekent geen "
          "gegevens (de bron is voor die periode niet aangeleverd of er was niets te tellen). "
          "Is een categorie of gemeente in alle perioden zonder cijfer, dan staat dat onder de "
          "tabel met de reden."),
        _("Cijfers per inwoner gebruiken het inwonertal van de gemeente; er staan geen ranglijsten "
          "op absolute aantallen in dit rapport."),
        _("Intervallen, de markering van kleine aantallen en de trendtoets zijn berekend uit de "
          "gepubliceerde, afgeronde aantallen. Cijfers per inwoners krijgen het exacte "
          "Poisson-interval, percentages het Wilson-interval; medianen en gemiddelden hebben geen "
          "interval."),
        _("De trendtoets (Mann-Kendall) kijkt of de jaarcijfers vanaf de laatste methodebreuk in "
          "één richting gaan; bij p < 0,05 heet een trend significant. Voorlopige jaren tellen "
          "niet mee, en met minder dan vijf jaren is er geen toets. Een methodebreuk staat als "
          "stippellijn in de grafiek en als noot onder de tabel."),
        VERDICT_RULE,
    ]
    provisional = [period_label(str(p)) for p in metadata.get("provisional_periods") or []]
    signs = [
        *legend(),
        (PROVISIONAL, _("voorlopig cijfer")
         + (": " + ", ".join(provisional) if provisional else "")),
        (MISSING, _("geen cijfer beschikbaar voor deze periode of dit gebied")),
        (SMALL_NUMBER, _("klein aantal: het cijfer rust op minder dan 50 waarnemingen; lees het "
                         "met het 95%-interval")),
        ("(6,9\u20137,7)", _("95%-betrouwbaarheidsinterval achter een cijfer per inwoners of een "
                              "percentage; een onderdrukt cijfer heeft ook geen interval")),
    ]
    versions = [
        (_("Publicatie"), str(metadata.get("publication_id", MISSING))),
        (_("Publicatieformaat"), str(metadata.get("format_version", MISSING))),
        (_("Peildatum"), format_date(metadata.get("peildatum"))),
        (_("Publicatie gemaakt op"), format_date(metadata.get("created_at"))),
        (_("Softwareversie van de publicatie"), str(metadata.get("software_version", MISSING))),
        (_("Softwareversie van dit rapport"), __version__),
    ]
    definitions = [_definition(m, anchors[m.id], base, threshold) for m in indicators]
    return AboutView(definitions, _deliveries(metadata, ctx), rules, signs, ALL_LIGHTS, versions)
