# SPDX-License-Identifier: EUPL-1.2
"""What ``ketenmonitor bronnen list|show`` print, for both front-ends (Typer and the partner's argparse).

A partner needs the source catalogue to know what to deliver (issue 13), also on the small
install without Typer or Rich (ADR 0025); so the commands print through
:class:`ketenmonitor.cli.output.Output` like the other partner commands. Every partner kind (the
package's and the region's own), its record type, every field with its type, code list and
whether it is required, how records join persons and other records, and what the kind
contributes to the derivations. Imports neither Typer nor Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketenmonitor.cli.output import Column, Output
from ketenmonitor.core.errors import ConfigurationError, ExitCode
from ketenmonitor.core.i18n import _

if TYPE_CHECKING:
    from ketenmonitor.delivery.catalogue import PartnerKind, SourceCatalogue
    from ketenmonitor.delivery.catalogue_model import RecordsoortDef
    from ketenmonitor.delivery.record import FieldType


def type_text(kind: FieldType) -> str:
    from ketenmonitor.delivery.record import FieldType

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
        from ketenmonitor.codes import code_list
        from ketenmonitor.delivery.catalogue import OVERDRACHT_CODE_LIST

        labels = code_list(OVERDRACHT_CODE_LIST).labels
        lines.append(_("ontvangt de overdracht van Veilig Thuis aan: {codes} ('hulp gestart na "
                       "overdracht')").format(codes=", ".join(
                           f"{code} ({labels.get(code, code)})" for code in bijdrage.overdracht)))
    if bijdrage.gevolgd:
        lines.append(_("een lopend traject telt als 'na 12/18 maanden nog gevolgd'"))
    return lines


def bronnen_list(out: Output) -> ExitCode:
    from ketenmonitor.delivery.catalogue import current_catalogue

    catalogue = current_catalogue()
    out.table(_("Broncatalogus ({n} partnersoorten)").format(n=len(catalogue)),
              [Column(_("Id")), Column(_("Naam")), Column(_("Recordsoort")), Column(_("Signaal")),
               Column(_("Herkomst"))],
              [[str(kind.id), kind.label, kind.record_type.name,
                _("ja") if kind.signal else _("nee"),
                _("pakket") if kind.builtin else _("regio ({file})").format(file=kind.source.name)]
               for kind in catalogue.kinds])
    out.line(_("Personen: recordsoort {naam}, gedeeld door alle partnersoorten. Details: "
               "ketenmonitor bronnen show ID").format(naam=catalogue.persons.name))
    return ExitCode.OK


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


def bronnen_show(out: Output, *, bron_id: str) -> ExitCode:
    from ketenmonitor.codes import code_list
    from ketenmonitor.delivery.catalogue import current_catalogue

    kind, defn = _find(current_catalogue(), bron_id)
    if kind is not None:
        out.line(f"{kind.label} ({kind.id})")
        out.line(kind.description)
        out.line(_("Herkomst: {bron}").format(bron=kind.source))
    out.line(_("Recordsoort {naam}: {omschrijving}").format(naam=defn.id, omschrijving=defn.omschrijving))
    out.line(_("Sleutel: {velden}").format(velden=", ".join(defn.sleutel)))
    if defn.peildatum:
        out.line(_("Peildatum: {veld}").format(veld=defn.peildatum))
    if defn.koppeling.personen:
        out.line(_("Personen: in {naam}, via bron_id = {sleutel}").format(
            naam=defn.koppeling.personen, sleutel=defn.sleutel[0]))
    for ref in defn.koppeling.verwijzingen:
        out.line(_("Verwijzing: {veld} → {naam}. {omschrijving}").format(
            veld=ref.veld, naam=ref.recordsoort, omschrijving=ref.omschrijving))
    if kind is not None:
        for line in contributions(defn):
            out.line(_("Afleiding: {regel}").format(regel=line))
    out.table(_("Velden van {naam}").format(naam=defn.id),
              [Column(_("Veld")), Column(_("Type")), Column(_("Verplicht")), Column(_("Codelijst")),
               Column(_("Omschrijving"))],
              [[f.naam, type_text(f.type), _("ja") if f.verplicht else _("nee"), f.codelijst or "",
                f.omschrijving + (_(" (gebeurtenisdatum)") if f.gebeurtenisdatum else "")]
               for f in defn.velden])
    for name in dict.fromkeys(f.codelijst for f in defn.velden if f.codelijst):
        codes = code_list(name)
        out.line(_("Codelijst {naam}: {codes}").format(naam=name, codes="; ".join(
            f"{code} ({label})" for code, label in codes.labels.items())))
    return ExitCode.OK
