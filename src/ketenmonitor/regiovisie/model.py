# SPDX-License-Identifier: EUPL-1.2
"""The regiovisie model: goals, indicator links with norms, and per reporting period the lights
and texts (schema version 1.0).

Structure::

    Regiovisie (regio, looptijd, indeling: ontwikkelopgaven | actielijnen)
      ontwikkelopgaven[]            (or actielijnen — the region chooses the word)
        resultaten[]                (doelstellingen)
          acties[]                  (acties / interventies)
          indicatoren[]             IndicatorKoppeling: indicator or output indicator + Norm
      uitvoeringsprogramma          activities and output indicators (programme.py)
      begroting                     sources, budget lines (budget.py)
      rapportages[]                 Rapportageperiode, one per period ("2024", "2025", ...)
        resultaten{id}              ResultaatRapportage: lichten[] (deellichten), texts
        opgaven{id}                 OpgaveRapportage: samenvatting, praktijkverhalen, reflectie
        vervolg                     points of attention

A light (:class:`Licht`) is either computed from an indicator link (``koppeling``) or judged by a
person (``oordeel``). A computed light may be overridden only with a written reason; orange and
red need an explanation (:class:`Uitleg`: oorzaak, gevolg, bijsturing). These models check what
can be checked without data; :func:`ketenmonitor.regiovisie.evaluate.evaluate` does the rest.
The models are plain pydantic (no I/O); YAML lives in ``yaml_io.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.regiovisie.budget import Begroting
from ketenmonitor.regiovisie.lights import Kleur, default_definitions
from ketenmonitor.regiovisie.norms import Norm
from ketenmonitor.regiovisie.programme import ID_PATTERN, Uitvoeringsprogramma

SCHEMA_VERSIE = "1.0"
PERIOD_PATTERN = r"^\d{4}(-H[12])?$"
MIN_REASON = 10  # characters: "zie notitie" is not a reason


def period_key(periode: str) -> tuple[int, int]:
    """Sort key for periods: half-years before the year they belong to."""
    p = Period.parse(periode)
    return (p.year, p.half or 3)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Indeling(StrEnum):
    """The word the region uses for its top level."""

    ONTWIKKELOPGAVEN = "ontwikkelopgaven"
    ACTIELIJNEN = "actielijnen"

    @property
    def singular(self) -> str:
        return _("Ontwikkelopgave") if self is Indeling.ONTWIKKELOPGAVEN else _("Actielijn")

    @property
    def plural(self) -> str:
        return _("Ontwikkelopgaven") if self is Indeling.ONTWIKKELOPGAVEN else _("Actielijnen")


class Looptijd(_Model):
    """From ``van`` (year) to ``tot`` (year, inclusive) or open-ended with a periodic review."""

    van: int = Field(ge=2000, le=2100)
    tot: int | None = Field(default=None, ge=2000, le=2100)
    herijking_elke_jaren: int = Field(default=2, ge=1, le=10)

    @model_validator(mode="after")
    def _order(self) -> Looptijd:
        if self.tot is not None and self.tot < self.van:
            raise ValueError(_("'tot' ligt voor 'van'"))
        return self

    def herijkingen(self, tot_jaar: int) -> list[int]:
        """Review years (content and finances) up to ``tot_jaar``."""
        last = min(tot_jaar, self.tot) if self.tot is not None else tot_jaar
        step = self.herijking_elke_jaren
        return list(range(self.van + step, last + 1, step))

    @property
    def label(self) -> str:
        if self.tot is None:
            return _("vanaf {van}, zonder einddatum; herijking elke {n} jaar").format(
                van=self.van, n=self.herijking_elke_jaren)
        return f"{self.van}–{self.tot}"


class Actie(_Model):
    """An action or intervention under a resultaat."""

    titel: str = Field(min_length=1)
    soort: Literal["actie", "interventie"] = "actie"
    omschrijving: str = ""
    trekker: str = ""  # organisation that leads it


class IndicatorKoppeling(_Model):
    """A link from a resultaat to one published indicator cell (or an output indicator) with the
    norm that turns the figure into a colour."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str = ""  # short name of the part, shown with a split light; default indicator title
    indicator: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    output: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    gebied: str = "regio"  # "regio" or a CBS gemeente code
    dimensie: str = "totaal"
    categorie: str = "totaal"
    periode: str | None = Field(default=None, pattern=PERIOD_PATTERN)  # default: the report's
    norm: Norm

    @model_validator(mode="after")
    def _one_source(self) -> IndicatorKoppeling:
        if (self.indicator is None) == (self.output is None):
            raise ValueError(_("geef precies één van 'indicator' (uit de catalogus) of 'output' "
                               "(uit het uitvoeringsprogramma)"))
        if self.gebied != "regio" and not (self.gebied.startswith("GM") and len(self.gebied) == 6):
            raise ValueError(_("'gebied' is 'regio' of een CBS-gemeentecode zoals GM0518"))
        return self

    @property
    def is_output(self) -> bool:
        return self.output is not None


class Resultaat(_Model):
    """An intended result (doelstelling) of an ontwikkelopgave."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str = Field(min_length=1)
    omschrijving: str = ""
    acties: list[Actie] = Field(default_factory=list)
    indicatoren: list[IndicatorKoppeling] = Field(default_factory=list)

    def koppeling(self, koppeling_id: str) -> IndicatorKoppeling | None:
        return next((k for k in self.indicatoren if k.id == koppeling_id), None)


class Ontwikkelopgave(_Model):
    """An ontwikkelopgave or actielijn."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str = Field(min_length=1)
    omschrijving: str = ""
    resultaten: list[Resultaat] = Field(min_length=1)


class Uitleg(_Model):
    """Explanation of an orange or red light (optional for green)."""

    oorzaak: str = Field(min_length=1)
    gevolg: str = Field(min_length=1)
    bijsturing: str = Field(min_length=1)


class Overschrijving(_Model):
    """A person's choice of another colour than the computed one, with a written reason."""

    kleur: Kleur
    reden: str
    door: str = ""
    datum: date | None = None

    @field_validator("reden")
    @classmethod
    def _reason(cls, value: str) -> str:
        if len(value.strip()) < MIN_REASON:
            raise ValueError(_("een berekend licht overschrijven kan alleen met een geschreven "
                               "reden (minstens {n} tekens)").format(n=MIN_REASON))
        return value


class Licht(_Model):
    """One light of a resultaat in one period, or one part (deellicht) of a split light."""

    onderdeel: str = ""  # what this part covers; required when a resultaat has several lights
    koppeling: str | None = None  # id of an IndicatorKoppeling of the resultaat: computed
    oordeel: Kleur | None = None  # judged by a person
    beoordeeld_door: str = ""
    overschrijving: Overschrijving | None = None
    uitleg: Uitleg | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Licht:
        if (self.koppeling is None) == (self.oordeel is None):
            raise ValueError(_("geef precies één van 'koppeling' (berekend licht) of 'oordeel' "
                               "(groen, oranje of rood, door een persoon)"))
        if self.overschrijving is not None and self.oordeel is not None:
            raise ValueError(_("alleen een berekend licht kan overschreven worden; pas bij een "
                               "oordeel het oordeel zelf aan"))
        chosen = self.oordeel or (self.overschrijving.kleur if self.overschrijving else None)
        if chosen is not None and chosen.needs_explanation and self.uitleg is None:
            raise ValueError(_("een {kleur} licht heeft een 'uitleg' nodig met oorzaak, gevolg "
                               "en bijsturing").format(kleur=chosen.value))
        return self


class Praktijkverhaal(_Model):
    titel: str = Field(min_length=1)
    tekst: str = Field(min_length=1)
    organisatie: str = ""
    gemeente: str = ""


class Reflectie(_Model):
    """A reflection, e.g. on a research report (``bron``)."""

    titel: str = Field(min_length=1)
    tekst: str = Field(min_length=1)
    bron: str = ""


class ResultaatRapportage(_Model):
    """Lights and texts of one resultaat in one reporting period. Without ``lichten`` every
    indicator link of the resultaat gives one computed light."""

    lichten: list[Licht] = Field(default_factory=list)
    toelichting: str = ""
    voorbeelden: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _parts_named(self) -> ResultaatRapportage:
        if len(self.lichten) > 1 and any(not lt.onderdeel.strip() for lt in self.lichten):
            raise ValueError(_("bij een gesplitst licht heeft elk deellicht een 'onderdeel' nodig"))
        return self


class OpgaveRapportage(_Model):
    samenvatting: str = ""
    praktijkverhalen: list[Praktijkverhaal] = Field(default_factory=list)
    reflectie: Reflectie | None = None


class Vervolg(_Model):
    tekst: str = ""
    aandachtspunten: list[str] = Field(default_factory=list)


class Rapportageperiode(_Model):
    """Everything reported for one period; earlier periods stay, so progress is visible."""

    periode: str = Field(pattern=PERIOD_PATTERN)
    titel: str = ""
    status: Literal["concept", "vastgesteld"] = "concept"
    vastgesteld_op: date | None = None
    samenvatting: str = ""
    opgaven: dict[str, OpgaveRapportage] = Field(default_factory=dict)
    resultaten: dict[str, ResultaatRapportage] = Field(default_factory=dict)
    vervolg: Vervolg = Field(default_factory=Vervolg)

    @property
    def period(self) -> Period:
        return Period.parse(self.periode)


class Regiovisie(_Model):
    """A complete regiovisie with its reporting periods (YAML schema version 1.0)."""

    schema_versie: Literal["1.0"]
    titel: str = Field(min_length=1)
    regio: str = Field(pattern=r"^[a-z0-9_]+$")
    looptijd: Looptijd
    indeling: Indeling = Indeling.ONTWIKKELOPGAVEN
    inleiding: str = ""
    lichtdefinities: dict[Kleur, str] = Field(default_factory=default_definitions)
    ontwikkelopgaven: list[Ontwikkelopgave] = Field(min_length=1)
    uitvoeringsprogramma: Uitvoeringsprogramma = Field(default_factory=Uitvoeringsprogramma)
    begroting: Begroting = Field(default_factory=Begroting)
    rapportages: list[Rapportageperiode] = Field(default_factory=list)

    def iter_resultaten(self) -> Iterator[tuple[Ontwikkelopgave, Resultaat]]:
        for opgave in self.ontwikkelopgaven:
            for resultaat in opgave.resultaten:
                yield opgave, resultaat

    def opgave(self, opgave_id: str) -> Ontwikkelopgave | None:
        return next((o for o in self.ontwikkelopgaven if o.id == opgave_id), None)

    def resultaat(self, resultaat_id: str) -> Resultaat | None:
        return next((r for _o, r in self.iter_resultaten() if r.id == resultaat_id), None)

    def rapportage(self, periode: str) -> Rapportageperiode | None:
        return next((r for r in self.rapportages if r.periode == periode), None)

    @property
    def perioden(self) -> list[str]:
        """Reporting periods, oldest first."""
        return sorted((r.periode for r in self.rapportages), key=period_key)
