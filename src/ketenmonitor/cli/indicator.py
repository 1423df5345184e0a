# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor indicator list|show``: the catalogue, one definition, and its generated SQL.

Explainability for analysts and policy officers: what an indicator counts, divided by what, split
how, from which sources, and the exact query the monitor runs for it. ``show --bestand`` checks a
new catalogue file before it is added ("adding an indicator is adding one file").
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.codes import code_list
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.indicators.catalogue import load_catalogue, load_indicator
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.explain import (
    describe_dimension,
    describe_period,
    direction_text,
    disclosure_text,
    filters_text,
    unit_text,
)
from ketenmonitor.indicators.model import IndicatorDefinitie
from ketenmonitor.indicators.periods import reporting_periods

console = make_console()
indicator_app = typer.Typer(
    help=_("De indicatorcatalogus bekijken: definities en de SQL die ervan gemaakt wordt."),
    no_args_is_help=True,
)
app.add_typer(indicator_app, name="indicator")


@indicator_app.command("list", help=_("Toon alle indicatoren van de catalogus, per thema."))
@handles_errors
def list_indicators(
    thema: Annotated[
        str | None,
        typer.Option("--thema", help=_("Toon alleen indicatoren waarvan het thema dit bevat.")),
    ] = None,
) -> None:
    catalogue = load_catalogue()
    chosen = [d for d in catalogue.values() if not thema or thema.lower() in d.thema.lower()]
    table = Table(title=_("Indicatorcatalogus ({n} indicatoren)").format(n=len(chosen)))
    table.add_column(_("Id"), no_wrap=True)
    table.add_column(_("Titel"))
    table.add_column(_("Eenheid"))
    table.add_column(_("Beter is"))
    for name in code_list("thema").labels.values():
        members = [d for d in chosen if d.thema == name]
        if not members:
            continue
        table.add_section()
        table.add_row(f"[bold]{name}[/]", "", "", "")
        for defn in members:
            table.add_row(defn.id, defn.titel, unit_text(defn.eenheid),
                          direction_text(defn.richting))
    console.print(table)
    if not chosen:
        console.print(_("Geen indicatoren met thema '{thema}'.").format(thema=thema))


def _find(indicator_id: str | None, bestand: Path | None) -> IndicatorDefinitie:
    if bestand is not None:
        if not bestand.is_file():
            raise ConfigurationError(
                "indicatorbestand_ontbreekt",
                _("Het bestand {path} bestaat niet.").format(path=bestand),
                _("Geef het pad naar een YAML-bestand met één indicator."),
            )
        return load_indicator(bestand)
    catalogue = load_catalogue()
    if indicator_id is None:
        raise ConfigurationError(
            "indicator_ontbreekt",
            _("Geef de id van een indicator of een bestand met --bestand."),
            _("'ketenmonitor indicator list' toont alle ids."),
        )
    if indicator_id not in catalogue:
        close = difflib.get_close_matches(indicator_id, list(catalogue), n=3)
        hint = (_("Bedoelt u: {ids}?").format(ids=", ".join(close)) if close
                else _("'ketenmonitor indicator list' toont alle ids."))
        raise ConfigurationError(
            "indicator_onbekend",
            _("De catalogus heeft geen indicator '{id}'.").format(id=indicator_id),
            hint,
        )
    return catalogue[indicator_id]


def _definition(defn: IndicatorDefinitie) -> Table:
    table = Table(title=f"{defn.titel} ({defn.id})", show_header=False, show_lines=True)
    table.add_column(_("Onderdeel"), style="bold", no_wrap=True)
    table.add_column(_("Inhoud"))
    noemer = defn.noemer.omschrijving
    if not defn.noemer.inwoners:
        noemer += f" ({filters_text(defn.noemer.filters)})"
    rows = [
        (_("Thema"), defn.thema),
        (_("Definitie"), defn.definitie),
        (_("Formule"), defn.formule),
        (_("Eenheid"), unit_text(defn.eenheid)),
        (_("Teller"), f"{defn.teller.omschrijving} ({filters_text(defn.teller.filters)})"),
        (_("Noemer"), noemer),
        (_("Periode"), describe_period(defn)),
        (_("Uitsplitsingen"), "\n".join(describe_dimension(d) for d in defn.dimensies)
         or _("geen (alleen het totaal)")),
        (_("Bronnen"), ", ".join(defn.bronnen)),
        (_("Onthullingscontrole"), disclosure_text(defn)),
        (_("Vergelijking met CBS"), defn.cbs_opmerking),
        (_("Beter is"), direction_text(defn.richting)),
    ]
    for label, text in rows:
        table.add_row(label, text)
    return table


@indicator_app.command("show", help=_("Toon de definitie van één indicator en de SQL ervan."))
@handles_errors
def show(
    indicator_id: Annotated[
        str | None, typer.Argument(metavar="ID", help=_("Id van de indicator."), show_default=False)
    ] = None,
    bestand: Annotated[
        Path | None,
        typer.Option("--bestand", help=_("Controleer en toon een nieuw indicatorbestand (YAML).")),
    ] = None,
    sql: Annotated[
        bool, typer.Option("--sql/--geen-sql", help=_("Toon ook de gegenereerde SQL."))
    ] = True,
    regio: Annotated[
        str | None, typer.Option("--regio", help=_("Regiocode voor de SQL, bijvoorbeeld haaglanden."))
    ] = None,
    peildatum: Annotated[
        str | None,
        typer.Option("--peildatum", help=_("Peildatum (jjjj-mm-dd) voor de perioden in de SQL.")),
    ] = None,
) -> None:
    defn = _find(indicator_id, bestand)
    console.print(_definition(defn))
    if not sql:
        return
    try:
        day = date.fromisoformat(peildatum) if peildatum else date.today()
    except ValueError:
        raise ConfigurationError(
            "peildatum_ongeldig",
            _("Peildatum '{value}' is geen datum.").format(value=peildatum),
            _("Gebruik jjjj-mm-dd, bijvoorbeeld 2025-12-31."),
        ) from None
    region = regio or get_settings().region
    query = compile_indicator(defn, region, reporting_periods(day))
    console.print(
        _("SQL voor regio {regio}, perioden tot en met peildatum {peildatum}:").format(
            regio=region, peildatum=day.isoformat()
        )
    )
    console.print(query, markup=False, soft_wrap=True)
