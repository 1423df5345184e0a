# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor bronnen list|show``: the source catalogue, explained (ADR 0023).

For the data steward who adds a partner, and the analyst who wants to know what a delivery of a
kind contains: every partner kind (the package's and the region's own), its record type, every
field with its type, code list and whether it is required, how records join persons and other
records, and what the kind contributes to the derivations.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.codes import code_list
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.catalogue import (
    OVERDRACHT_CODE_LIST,
    PartnerKind,
    SourceCatalogue,
    current_catalogue,
)
from ketenmonitor.delivery.catalogue_model import RecordsoortDef
from ketenmonitor.delivery.record import FieldType

console = make_console()
bronnen_app = typer.Typer(
    help=_("De broncatalogus bekijken: partnersoorten, hun recordsoorten en velden."),
    no_args_is_help=True,
)
app.add_typer(bronnen_app, name="bronnen")


def type_text(kind: FieldType) -> str:
    return {
        FieldType.TEXT: _("tekst"), FieldType.DATE: _("datum (jjjj-mm-dd)"),
        FieldType.BOOL: _("ja/nee"), FieldType.INT: _("geheel getal"),
        FieldType.DECIMAL: _("decimaal getal"), FieldType.CODE: _("code"),
        FieldType.CODES: _("codes (meer mogelijk)"), FieldType.GEMEENTE: _("CBS-gemeentecode"),
        FieldType.TOKEN: _("token"), FieldType.BLOOM: _("Bloomfilter"),
    }[kind]


def contributions(defn: RecordsoortDef) -> list[str]:
    """What a record type contributes to the derivations, one Dutch line each."""
    bijdrage = defn.bijdrage
    lines = [_("telt als signaal voor 'eerder signaal bij'") if bijdrage.signaal
             else _("telt niet als signaal voor 'eerder signaal bij'")]
    if bijdrage.start_fields:
        lines.append(_("opent een traject op {veld}").format(
            veld=_(" of anders ").join(bijdrage.start_fields)))
    if bijdrage.traject_einde:
        lines.append(_("sluit een traject op {veld}").format(veld=bijdrage.traject_einde))
    if bijdrage.hulp_start:
        lines.append(_("hulp gestart op {veld}").format(veld=bijdrage.hulp_start))
    if bijdrage.overdracht:
        labels = code_list(OVERDRACHT_CODE_LIST).labels
        lines.append(_("ontvangt de overdracht van Veilig Thuis aan: {codes} ('hulp gestart na "
                       "overdracht')").format(codes=", ".join(
                           f"{code} ({labels.get(code, code)})" for code in bijdrage.overdracht)))
    if bijdrage.gevolgd:
        lines.append(_("een lopend traject telt als 'na 12/18 maanden nog gevolgd'"))
    return lines


@bronnen_app.command("list", help=_("Toon alle partnersoorten van de broncatalogus."))
@handles_errors
def list_kinds() -> None:
    catalogue = current_catalogue()
    table = Table(title=_("Broncatalogus ({n} partnersoorten)").format(n=len(catalogue)))
    table.add_column(_("Id"), no_wrap=True)
    table.add_column(_("Naam"))
    table.add_column(_("Recordsoort"), no_wrap=True)
    table.add_column(_("Signaal"))
    table.add_column(_("Herkomst"))
    for kind in catalogue.kinds:
        table.add_row(kind.id, kind.label, kind.record_type.name,
                      _("ja") if kind.signal else _("nee"),
                      _("pakket") if kind.builtin else _("regio ({file})").format(
                          file=kind.source.name))
    console.print(table)
    console.print(_("Personen: recordsoort {naam}, gedeeld door alle partnersoorten. Details: "
                    "ketenmonitor bronnen show ID").format(naam=catalogue.persons.name))


def _find(catalogue: SourceCatalogue, wanted: str) -> tuple[PartnerKind | None, RecordsoortDef]:
    if wanted in catalogue:
        kind = catalogue[wanted]
        return kind, kind.definition.recordsoort
    try:
        return catalogue.kind_of_record_type(wanted), catalogue.definition_of(wanted)
    except KeyError:
        raise ConfigurationError(
            "bron_onbekend",
            _("De broncatalogus kent geen partnersoort of recordsoort '{id}'.").format(id=wanted),
            _("Kies uit: {keuze}.").format(keuze=", ".join([*catalogue, catalogue.persons.name])),
        ) from None


@bronnen_app.command("show", help=_(
    "Leg een partnersoort (of recordsoort) uit: velden, koppeling en bijdrage aan afleidingen."))
@handles_errors
def show_kind(
    bron_id: Annotated[str, typer.Argument(metavar="ID", help=_(
        "Id van de partnersoort (bijvoorbeeld vrouwenopvang) of van een recordsoort."))],
) -> None:
    catalogue = current_catalogue()
    kind, defn = _find(catalogue, bron_id)
    if kind is not None:
        console.print(f"[bold]{kind.label}[/] ({kind.id})")
        console.print(kind.description, highlight=False)
        console.print(_("Herkomst: {bron}").format(bron=kind.source), highlight=False)
    console.print(_("Recordsoort [bold]{naam}[/]: {omschrijving}").format(
        naam=defn.id, omschrijving=defn.omschrijving), highlight=False)
    console.print(_("Sleutel: {velden}").format(velden=", ".join(defn.sleutel)))
    if defn.peildatum:
        console.print(_("Peildatum: {veld}").format(veld=defn.peildatum))
    if defn.koppeling.personen:
        console.print(_("Personen: in {naam}, via bron_id = {sleutel}").format(
            naam=defn.koppeling.personen, sleutel=defn.sleutel[0]))
    for ref in defn.koppeling.verwijzingen:
        console.print(_("Verwijzing: {veld} → {naam}. {omschrijving}").format(
            veld=ref.veld, naam=ref.recordsoort, omschrijving=ref.omschrijving), highlight=False)
    if kind is not None:
        for line in contributions(defn):
            console.print(_("Afleiding: {regel}").format(regel=line))
    table = Table(title=_("Velden van {naam}").format(naam=defn.id))
    for title in (_("Veld"), _("Type"), _("Verplicht"), _("Codelijst"), _("Omschrijving")):
        table.add_column(title)
    for f in defn.velden:
        note = f.omschrijving + (_(" (gebeurtenisdatum)") if f.gebeurtenisdatum else "")
        table.add_row(f.naam, type_text(f.type), _("ja") if f.verplicht else _("nee"),
                      f.codelijst or "", note)
    console.print(table)
    for name in dict.fromkeys(f.codelijst for f in defn.velden if f.codelijst):
        codes = code_list(name)
        console.print(_("Codelijst {naam}: {codes}").format(naam=name, codes="; ".join(
            f"{code} ({label})" for code, label in codes.labels.items())), highlight=False)
