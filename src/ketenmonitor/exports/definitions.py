# SPDX-License-Identifier: EUPL-1.2
"""The 'Definities' of an exported table: what the figures mean, where they come from, when.

Every export carries its own explanation — publication, peildatum, the indicator definition,
sources, the disclosure rules and the meaning of every column — so a spreadsheet passed on by
e-mail still says what it holds.
"""

from __future__ import annotations

from typing import Any

from ketenmonitor.cbs.provenance import synthetic_note, synthetic_tables
from ketenmonitor.core.formatting import format_date
from ketenmonitor.core.i18n import _
from ketenmonitor.publish import Publication
from ketenmonitor.publish.schema import BENCHMARK_TABLE, VALIDATION_TABLE


def column_descriptions() -> dict[str, str]:
    return {
        "indicator_id": _("Id van de indicator."),
        "gebied_code": _("CBS-gemeentecode (GM....), regiocode (VR_...) of NL01 voor Nederland."),
        "gebied_naam": _("Naam van het gebied."),
        "gebied_niveau": _("gemeente, regio, vt_regio (Veilig Thuis-regio volgens CBS) of "
                           "nederland."),
        "periode": _("Halfjaar (2024-H1) of jaar (2024)."),
        "periode_type": _("halfjaar of jaar."),
        "dimensie": _("totaal, of de naam van de uitsplitsing."),
        "categorie": _("totaal, of de code van de categorie in de codelijst."),
        "categorie_label": _("Omschrijving van de categorie."),
        "teller": _("Teller, afgerond op een veelvoud van 5; een teken (x, … of .) als de cel "
                    "geen cijfer heeft."),
        "noemer": _("Noemer: een afgerond aantal, of het aantal inwoners; een teken (x, … of .) "
                    "als de cel geen cijfer heeft."),
        "waarde": _("Het cijfer in de eenheid van de indicator; een teken (x, … of .) als de cel "
                    "geen cijfer heeft."),
        "weergave": _("Het cijfer zoals gepubliceerd: x geheim, … nog niet waarneembaar, . geen "
                      "gegevens, * voorlopig."),
        "reden_geen_cijfer": _("Waarom de cel geen cijfer heeft: onthulling (x, geheim), "
                               "nog_niet_waarneembaar (…, periode of volgtermijn nog niet om) of "
                               "geen_gegevens (., bron niet aangeleverd of niets te tellen)."),
        "onderdrukt": _("ja als de cel onderdrukt is wegens onthullingsrisico."),
        "onderdrukking": _("onthulling als de cel onderdrukt is; de reden (te klein of anders "
                           "terug te rekenen) blijft intern, want die zou het aantal verraden."),
        "voorlopig": _("ja als de periode voorlopige cijfers heeft."),
        "eenheid": _("Eenheid van de indicator (per_1000_inwoners, percentage, ...)."),
        "bron": _("CBS-tabel en onderwerp, en de bron van het inwonertal."),
        "maat": _("Wat vergeleken wordt."),
        "pijplijn": _("Aandeel (%) volgens de pijplijn."),
        "grondwaarheid": _("Aandeel (%) volgens de grondwaarheid van de simulatie."),
        "verschil_procentpunt": _("pijplijn - grondwaarheid, in procentpunten."),
    }


def _publication_rows(pub: Publication) -> list[tuple[str, str]]:
    meta = pub.metadata
    provisional = ", ".join(pub.provisional_periods) or _("geen")
    disclosure = meta["disclosure"]
    return [
        (_("Publicatie"), pub.publication_id),
        (_("Regio"), f"{pub.region_name} ({pub.region})"),
        (_("Peildatum"), format_date(pub.peildatum)),
        (_("Gemaakt op"), str(meta["created_at"])),
        (_("Softwareversie"), str(meta["software_version"])),
        (_("Publicatieformaat"), pub.format_version),
        (_("Voorlopige perioden"), provisional),
        (_("Onthullingscontrole"), _(
            "Aantallen zijn afgerond op een veelvoud van {base}; cellen met een teller (bij "
            "aandelen ook een noemer) onder {threshold} zijn onderdrukt, en zo nodig ook andere "
            "cellen waaruit ze terug te rekenen zouden zijn. Een onderdrukte cel toont 'x', nooit "
            "een cijfer. Een totaal kan afwijken van de som van de afgeronde delen."
        ).format(base=disclosure["rounding_base"], threshold=disclosure["threshold"])),
        (_("Tekens"), _("x = geheim (beveiligd tegen onthulling); … = nog niet waarneembaar "
                        "(periode of volgtermijn nog niet om); . = geen gegevens (bron niet "
                        "aangeleverd of niets te tellen); * = voorlopig cijfer; leeg = geen "
                        "cijfer.")),
    ]


def _indicator_rows(ind: dict[str, Any]) -> list[tuple[str, str]]:
    dims = ", ".join(str(d.get("titel") or d.get("naam")) for d in ind.get("dimensies", []))
    return [
        (_("Indicator"), f"{ind['titel']} ({ind['id']})"),
        (_("Definitie"), str(ind["definitie"])),
        (_("Eenheid"), str(ind["eenheid"])),
        (_("Teller"), str(ind["teller"])),
        (_("Noemer"), str(ind["noemer"])),
        (_("Uitsplitsingen"), dims or _("geen")),
        (_("Bronnen"), ", ".join(ind.get("bronnen", []))),
        (_("Vergelijkbaarheid met CBS"), str(ind.get("cbs_opmerking", ""))),
        (_("Richting"), str(ind.get("richting", ""))),
        (_("Thema"), str(ind.get("thema", ""))),
        (_("Openbaarmaking"), str(ind.get("openbaarmaking", ""))),
    ]


def _benchmark_rows(pub: Publication) -> list[tuple[str, str]]:
    rows = [(_("Tabel"), _(
        "CBS-vergelijking: dezelfde indicatoren volgens CBS StatLine voor de gemeenten, de "
        "Veilig Thuis-regio en Nederland. CBS publiceert aantallen; cijfers per 1.000 inwoners "
        "en aandelen zijn door de Ketenmonitor berekend uit de CBS-aantallen."
    ))]
    synthetic = synthetic_tables(pub.metadata.get("cbs_bronnen"))
    if synthetic:
        rows.append((_("Synthetisch"), synthetic_note(synthetic)))
    for source in pub.metadata.get("cbs_bronnen") or []:
        rows.append((_("CBS-bron {tabel}").format(tabel=source["tabel"]), _(
            "{titel}; bestand {bestand}, geïmporteerd op {op}"
        ).format(titel=source["titel"], bestand=source["bestand"], op=source["geimporteerd_op"])))
    return rows


def definitions(pub: Publication, name: str, columns: list[str]) -> list[tuple[str, str]]:
    """(term, explanation) rows for the 'Definities' sheet of table ``name``."""
    rows = _publication_rows(pub)
    if name == BENCHMARK_TABLE:
        rows += _benchmark_rows(pub)
    elif name == VALIDATION_TABLE:
        rows.append((_("Tabel"), _(
            "Vergelijking van afgeleide aandelen met de grondwaarheid van een gesimuleerde regio."
        )))
    else:
        rows += _indicator_rows(pub.indicator(name))
    described = column_descriptions()
    rows += [
        (_("Kolom {name}").format(name=c),
         described.get(c, _("Zie docs/publicatieformaat.md.")))
        for c in columns
    ]
    return rows
