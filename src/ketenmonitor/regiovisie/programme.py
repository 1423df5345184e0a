# SPDX-License-Identifier: EUPL-1.2
"""The uitvoeringsprogramma: registered activities and the output indicators computed from them.

An activity (a training, an e-learning, a campaign, a meeting, a lesson package) is registered
once with its date, gemeenten, organisations, professional sector and number of participants.
Output indicators such as "professionals trained per sector" are counted from these records
for a reporting period, so the figure behind a light is reproducible from the registration.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
GEMEENTE_PATTERN = r"^GM\d{4}$"
TOTAAL = "totaal"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActiviteitType(StrEnum):
    TRAINING = "training"
    E_LEARNING = "e-learning"
    CAMPAGNE = "campagne"
    BIJEENKOMST = "bijeenkomst"
    LESPAKKET = "lespakket"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        labels = {
            ActiviteitType.TRAINING: _("Training"),
            ActiviteitType.E_LEARNING: _("E-learning"),
            ActiviteitType.CAMPAGNE: _("Campagne"),
            ActiviteitType.BIJEENKOMST: _("Bijeenkomst"),
            ActiviteitType.LESPAKKET: _("Lespakket"),
            ActiviteitType.OVERIG: _("Overige activiteit"),
        }
        return labels[self]


class Sector(StrEnum):
    """The professional sector an activity is aimed at."""

    ONDERWIJS = "onderwijs"
    KINDEROPVANG = "kinderopvang"
    GEZONDHEIDSZORG = "gezondheidszorg"
    GGZ = "ggz"
    JEUGDZORG = "jeugdzorg"
    LOKAAL_TEAM = "lokaal_team"
    POLITIE_JUSTITIE = "politie_justitie"
    VEILIG_THUIS = "veilig_thuis"
    OPVANG = "opvang"
    GEMEENTE = "gemeente"
    INWONERS = "inwoners"
    GEMENGD = "gemengd"

    @property
    def label(self) -> str:
        labels = {
            Sector.ONDERWIJS: _("Onderwijs"),
            Sector.KINDEROPVANG: _("Kinderopvang"),
            Sector.GEZONDHEIDSZORG: _("Gezondheidszorg"),
            Sector.GGZ: _("Geestelijke gezondheidszorg"),
            Sector.JEUGDZORG: _("Jeugdzorg"),
            Sector.LOKAAL_TEAM: _("Lokale teams en sociaal domein"),
            Sector.POLITIE_JUSTITIE: _("Politie en justitie"),
            Sector.VEILIG_THUIS: _("Veilig Thuis"),
            Sector.OPVANG: _("Opvang"),
            Sector.GEMEENTE: _("Gemeente"),
            Sector.INWONERS: _("Inwoners (niet beroepsmatig)"),
            Sector.GEMENGD: _("Meerdere sectoren"),
        }
        return labels[self]


class Activiteit(_Model):
    """One registered activity of the uitvoeringsprogramma."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str = Field(min_length=1)
    type: ActiviteitType
    datum: date
    einddatum: date | None = None
    gemeenten: list[str] = Field(default_factory=list)  # empty = the whole region
    organisaties: list[str] = Field(default_factory=list)
    sector: Sector
    deelnemers: int | None = Field(default=None, ge=0)
    opgave: str | None = None  # id of the ontwikkelopgave it belongs to
    resultaten: list[str] = Field(default_factory=list)  # ids of resultaten it contributes to
    toelichting: str = ""

    @model_validator(mode="after")
    def _check(self) -> Activiteit:
        import re

        if self.einddatum is not None and self.einddatum < self.datum:
            raise ValueError(_("de einddatum ligt voor de datum"))
        for code in self.gemeenten:
            if not re.match(GEMEENTE_PATTERN, code):
                raise ValueError(
                    _("'{code}' is geen CBS-gemeentecode (zoals GM0518)").format(code=code)
                )
        return self


Uitsplitsing = Literal["geen", "sector", "type", "gemeente"]


class OutputIndicator(_Model):
    """An output indicator counted from the activities, e.g. professionals trained per sector."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    titel: str = Field(min_length=1)
    omschrijving: str = ""
    maat: Literal["deelnemers", "activiteiten"] = "deelnemers"
    typen: list[ActiviteitType] = Field(default_factory=list)  # empty = every type
    sectoren: list[Sector] = Field(default_factory=list)  # empty = every sector
    uitsplitsing: Uitsplitsing = "geen"
    eenheid: str = _("aantal")

    def selects(self, activiteit: Activiteit) -> bool:
        return (not self.typen or activiteit.type in self.typen) and (
            not self.sectoren or activiteit.sector in self.sectoren
        )


class Uitvoeringsprogramma(_Model):
    activiteiten: list[Activiteit] = Field(default_factory=list)
    outputindicatoren: list[OutputIndicator] = Field(default_factory=list)


@dataclass(frozen=True)
class OutputRij:
    """One cell of an output table: a category (or ``totaal``) and its count."""

    categorie: str
    label: str
    waarde: int
    activiteiten: int  # how many activities the figure rests on


@dataclass(frozen=True)
class OutputTabel:
    """An output indicator counted for one period: the total first, then one row per category."""

    indicator: OutputIndicator
    periode: str
    rijen: tuple[OutputRij, ...]
    zonder_deelnemers: int  # selected activities without a registered number of participants

    @property
    def totaal(self) -> OutputRij:
        return self.rijen[0]

    def rij(self, categorie: str) -> OutputRij | None:
        for row in self.rijen:
            if row.categorie == categorie:
                return row
        return None


def in_period(activiteit: Activiteit, periode: Period) -> bool:
    """An activity counts in the period of its (start) date."""
    return periode.contains(activiteit.datum)


def _categories(indicator: OutputIndicator, activiteit: Activiteit,
                gemeente_names: dict[str, str]) -> list[tuple[str, str]]:
    if indicator.uitsplitsing == "sector":
        return [(activiteit.sector.value, activiteit.sector.label)]
    if indicator.uitsplitsing == "type":
        return [(activiteit.type.value, activiteit.type.label)]
    if indicator.uitsplitsing == "gemeente":
        if not activiteit.gemeenten:
            return [("regio", _("Hele regio"))]
        return [(code, gemeente_names.get(code, code)) for code in activiteit.gemeenten]
    return []


def compute_output(indicator: OutputIndicator, activiteiten: list[Activiteit], periode: Period,
                   gemeente_names: dict[str, str] | None = None) -> OutputTabel:
    """Count ``indicator`` over the activities dated in ``periode``.

    With ``maat: deelnemers`` activities without a number of participants add nothing and are
    counted in ``zonder_deelnemers`` so a report can say the figure is a lower bound. With the
    split per gemeente an activity for several gemeenten counts in each of them, so the rows can
    add up to more than the total.
    """
    names = gemeente_names or {}
    totals: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    labels: dict[str, str] = {}
    total = n_total = missing = 0
    for act in activiteiten:
        if not (indicator.selects(act) and in_period(act, periode)):
            continue
        if indicator.maat == "deelnemers":
            if act.deelnemers is None:
                missing += 1
            value = act.deelnemers or 0
        else:
            value = 1
        total += value
        n_total += 1
        for code, label in _categories(indicator, act, names):
            totals[code] += value
            counts[code] += 1
            labels[code] = label
    rows = [OutputRij(TOTAAL, _("Totaal"), total, n_total)]
    order = _order(indicator)
    for code in sorted(totals, key=lambda c: (order.get(c, len(order)), labels[c])):
        rows.append(OutputRij(code, labels[code], totals[code], counts[code]))
    return OutputTabel(indicator, periode.code, tuple(rows), missing)


def _order(indicator: OutputIndicator) -> dict[str, int]:
    if indicator.uitsplitsing == "sector":
        return {s.value: i for i, s in enumerate(Sector)}
    if indicator.uitsplitsing == "type":
        return {t.value: i for i, t in enumerate(ActiviteitType)}
    return {}
