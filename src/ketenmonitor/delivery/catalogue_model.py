# SPDX-License-Identifier: EUPL-1.2
"""The shape of a source-catalogue file (one partner kind with its record type), validated.

Keys are Dutch, like the indicator catalogue's, because data stewards of a region write these
files. Every rule that can be checked inside one file is checked here, so the message names the
file and the field; rules between files (duplicates, references to other record types) are in
:mod:`ketenmonitor.delivery.catalogue`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.record import SCHEMA_VERSIONS, FieldType

ID = r"^[a-z][a-z0-9_]*$"
_CODED = (FieldType.CODE, FieldType.CODES)


class VeldDef(BaseModel):
    """One field (column) of a record type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    naam: str = Field(pattern=ID, description="Naam van het veld in de levering.")
    type: FieldType = Field(description="Soort waarde: " + ", ".join(t.value for t in FieldType))
    verplicht: bool = Field(False, description="Een rij zonder dit veld gaat in quarantaine.")
    codelijst: str | None = Field(None, description="Codelijst van een code- of codesveld.")
    omschrijving: str = Field("", description="Wat het veld betekent (Nederlands).")
    minimum: int | None = Field(None, description="Kleinste toegestane getal.")
    maximum: int | None = Field(None, description="Grootste toegestane getal.")
    sinds: str = Field("1.0", description="Versie van het aanleverformaat die het veld invoerde.")
    gebeurtenisdatum: bool = Field(False, description="Deze datum markeert een gebeurtenis.")

    @model_validator(mode="after")
    def _consistent(self) -> VeldDef:
        if self.type in _CODED and not self.codelijst:
            raise ValueError(_("veld '{naam}' van type {type} heeft een codelijst nodig").format(
                naam=self.naam, type=self.type.value))
        if self.codelijst and self.type not in _CODED:
            raise ValueError(_("veld '{naam}' van type {type} kan geen codelijst hebben; gebruik "
                               "type code of codes").format(naam=self.naam, type=self.type.value))
        if self.gebeurtenisdatum and self.type is not FieldType.DATE:
            raise ValueError(_("veld '{naam}' is geen datum en kan dus geen gebeurtenisdatum "
                               "zijn").format(naam=self.naam))
        if self.sinds not in SCHEMA_VERSIONS:
            raise ValueError(_("veld '{naam}': onbekende versie '{sinds}'; kies uit {keuze}").format(
                naam=self.naam, sinds=self.sinds, keuze=", ".join(SCHEMA_VERSIONS)))
        return self


class Verwijzing(BaseModel):
    """A field that points to another record (of this or another record type)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    veld: str = Field(description="Veld van dit record dat verwijst.")
    recordsoort: str = Field(pattern=ID, description="Recordsoort waarnaar het veld verwijst.")
    omschrijving: str = Field("", description="Wat de verwijzing betekent.")


class Koppeling(BaseModel):
    """How a record joins persons and other records."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    personen: str | None = Field(
        "betrokkene", description="Recordsoort met de betrokken personen; hun bron_id is de "
        "sleutel van dit record. Leeg als het record geen personen heeft.")
    verwijzingen: list[Verwijzing] = Field(default_factory=list)


class Bijdrage(BaseModel):
    """What the record contributes to the derivations (casus, pathways, signals)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    signaal: bool = Field(False, description=(
        "Telt als signaal bij deze partner voor 'eerder signaal bij' (op de peildatum van het "
        "record)."))
    signaalcode: str | None = Field(None, pattern=r"^[A-Z][A-Z0-9_]*$", description=(
        "Code in 'eerder signaal bij' (standaard de id van de partnersoort in hoofdletters)."))
    traject_start: str | list[str] | None = Field(None, description=(
        "Datumveld waarmee een traject opent; bij een lijst telt het eerste gevulde veld."))
    traject_einde: str | None = Field(None, description="Datumveld waarmee een traject sluit.")
    hulp_start: str | None = Field(None, description="Datumveld waarop de hulp start.")
    overdracht: list[str] = Field(default_factory=list, description=(
        "Codes van de codelijst overdracht_organisatie: een overdracht van Veilig Thuis met zo'n "
        "code gaat naar deze partner, en 'hulp gestart na overdracht' kijkt naar hulp_start."))
    gevolgd: bool = Field(False, description=(
        "Een lopend traject (traject_start tot traject_einde) telt als 'na 12/18 maanden nog "
        "gevolgd'."))

    @property
    def start_fields(self) -> tuple[str, ...]:
        """The fields that open a trajectory, first filled one first."""
        if self.traject_start is None:
            return ()
        return (self.traject_start,) if isinstance(self.traject_start, str) else tuple(
            self.traject_start)

    def date_fields(self) -> list[tuple[str, str]]:
        """(role, field) of every date this contribution names, for the existence check."""
        return [*(("traject_start", name) for name in self.start_fields),
                *(("traject_einde", name) for name in (self.traject_einde,) if name),
                *(("hulp_start", name) for name in (self.hulp_start,) if name)]

    @model_validator(mode="after")
    def _complete(self) -> Bijdrage:
        if isinstance(self.traject_start, list) and not self.traject_start:
            raise ValueError(_("traject_start is een lege lijst; noem ten minste één datumveld"))
        if self.overdracht and not self.hulp_start:
            raise ValueError(_("overdracht zonder hulp_start: noem het datumveld waarop de hulp "
                               "na de overdracht start"))
        if self.gevolgd and not self.start_fields:
            raise ValueError(_("gevolgd zonder traject_start: noem het datumveld waarmee het "
                               "traject opent"))
        return self


class RecordsoortDef(BaseModel):
    """One record (event) type: its fields, key, reference date, joins and contributions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID, description="Naam van de recordsoort (en van de tabel).")
    omschrijving: str = Field(min_length=1)
    sleutel: list[str] = Field(min_length=1, description="Velden die een record aanwijzen.")
    peildatum: str | None = Field(None, description=(
        "Datumveld voor 'datum in de toekomst' en de geldigheid van de gemeentecode."))
    koppeling: Koppeling = Koppeling.model_validate({})
    bijdrage: Bijdrage = Bijdrage.model_validate({})
    velden: list[VeldDef] = Field(min_length=1)

    @model_validator(mode="after")
    def _fields_exist(self) -> RecordsoortDef:
        types = {f.naam: f.type for f in self.velden}
        doubles = sorted({f.naam for f in self.velden if [g.naam for g in self.velden].count(f.naam) > 1})
        if doubles:
            raise ValueError(_("dubbel veld: {namen}").format(namen=", ".join(doubles)))
        problems = [_("sleutelveld '{naam}' staat niet bij de velden").format(naam=n)
                    for n in self.sleutel if n not in types]
        dates = [("peildatum", self.peildatum), *self.bijdrage.date_fields()]
        for role, name in dates:
            if name is None:
                continue
            if types.get(name) is not FieldType.DATE:
                problems.append(_("{rol} '{naam}' is geen datumveld van deze recordsoort").format(
                    rol=role, naam=name))
        if self.bijdrage.signaal and self.peildatum is None:
            problems.append(_("signaal zonder peildatum: een signaal telt op de peildatum van "
                              "het record"))
        problems += [_("verwijzing vanuit onbekend veld '{naam}'").format(naam=v.veld)
                     for v in self.koppeling.verwijzingen if v.veld not in types]
        if problems:
            raise ValueError("; ".join(problems))
        return self


class PartnersoortDef(BaseModel):
    """One partner kind: a file ``<id>.yaml`` in the catalogue or a region's folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID, description="Id van de partnersoort (in manifest en mapping).")
    label: str = Field(min_length=1, description="Nederlandse naam.")
    omschrijving: str = Field(min_length=1, description="Wat voor partner dit is.")
    volgorde: int = Field(1000, description="Plaats in 'bronnen list'.")
    recordsoort: RecordsoortDef = Field(description="De gebeurtenissen die de partner levert.")

    @property
    def signal_code(self) -> str:
        return self.recordsoort.bijdrage.signaalcode or self.id.upper()
