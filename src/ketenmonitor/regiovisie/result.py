# SPDX-License-Identifier: EUPL-1.2
"""The evaluated report: everything a stoplichtenrapportage needs, for one reporting period.

:func:`ketenmonitor.regiovisie.evaluate.evaluate` builds an :class:`EvaluatedReport`; the report
renderers (HTML, DOCX, PDF, XLSX) and the portal only read it. All types are frozen dataclasses
with Dutch field names that match the YAML; every light carries its status (with label, icon,
symbol and colour), and a computed light carries the figure, norm, period and publication it
came from, so no renderer has to look anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ketenmonitor.regiovisie.budget import Financien
from ketenmonitor.regiovisie.lights import Kleur, LichtStatus
from ketenmonitor.regiovisie.model import (
    Actie,
    Overschrijving,
    Praktijkverhaal,
    Reflectie,
    Uitleg,
    Vervolg,
)
from ketenmonitor.regiovisie.norms import DrempelNorm, OntwikkelingNorm, VergelijkingNorm
from ketenmonitor.regiovisie.programme import Activiteit, OutputTabel


@dataclass(frozen=True)
class Cijfer:
    """One figure as published: value (``None`` if suppressed or missing) and its display text."""

    waarde: float | None
    weergave: str  # as published: "12,3", "12,3*" (provisional), or the sign x, … or ."
    periode: str
    gebied_code: str
    gebied_naam: str
    voorlopig: bool = False
    onderdrukt: bool = False  # no figure: suppressed, not yet observable or no data
    # why there is no figure (publication format 1.2, ADR 0021): onthulling,
    # nog_niet_waarneembaar or geen_gegevens; None for a figure
    reden: str | None = None


@dataclass(frozen=True)
class Berekening:
    """How a computed light came about: figure, norm, reference, period and source.

    ``kleur`` is ``None`` when no judgement is possible; ``reden_geen_oordeel`` then says why
    (suppressed figure, missing figure, missing reference) — never a guessed colour.
    """

    bron: Literal["publicatie", "uitvoeringsprogramma"]
    indicator_id: str
    indicator_titel: str
    eenheid: str
    dimensie: str
    categorie: str
    categorie_label: str
    cijfer: Cijfer | None
    norm: DrempelNorm | VergelijkingNorm | OntwikkelingNorm
    norm_tekst: str  # the norm as a Dutch sentence
    richting: str | None  # "hoger_is_beter" / "lager_is_beter"
    referentie: Cijfer | None  # the benchmark or earlier-period figure for comparison norms
    referentie_label: str  # e.g. "Nederland", "de regio", "2024"
    verschil: float | None  # difference in the direction of 'better' (comparison norms)
    kleur: Kleur | None
    reden_geen_oordeel: str | None
    publicatie_id: str | None
    peildatum: date | None
    periode: str = ""  # the period the figure was taken from
    gebied_naam: str = ""  # the area of the figure (the region or a gemeente)

    @property
    def status(self) -> LichtStatus:
        return self.kleur.status if self.kleur else LichtStatus.GEEN_OORDEEL


@dataclass(frozen=True)
class EvaluatedLight:
    """One light (or one part of a split light) of a resultaat in one period.

    ``status`` is what the report shows. For a computed light ``berekend`` holds the computed
    result; if a person overrode it, ``overschrijving`` holds the chosen colour with the reason
    and ``berekend.status`` the computed one — a report shows both.
    """

    onderdeel: str
    soort: Literal["berekend", "oordeel"]
    status: LichtStatus
    berekening: Berekening | None = None
    overschrijving: Overschrijving | None = None
    beoordeeld_door: str = ""
    uitleg: Uitleg | None = None
    waarschuwingen: tuple[str, ...] = ()

    @property
    def berekende_status(self) -> LichtStatus | None:
        return self.berekening.status if self.berekening else None

    @property
    def overschreven(self) -> bool:
        return self.overschrijving is not None

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def icon(self) -> str:
        return self.status.icon


@dataclass(frozen=True)
class Verloop:
    """The lights of a resultaat in one earlier (or the current) period: progress over time."""

    periode: str
    statussen: tuple[tuple[str, LichtStatus], ...]  # (onderdeel, status)


@dataclass(frozen=True)
class EvaluatedResultaat:
    id: str
    titel: str
    omschrijving: str
    acties: tuple[Actie, ...]
    lichten: tuple[EvaluatedLight, ...]  # more than one = a split light
    toelichting: str
    voorbeelden: tuple[str, ...]
    verloop: tuple[Verloop, ...]  # every reporting period up to and including this one
    activiteiten: tuple[str, ...] = ()  # ids of this resultaat's activities dated in the period

    @property
    def gesplitst(self) -> bool:
        return len(self.lichten) > 1


@dataclass(frozen=True)
class EvaluatedOpgave:
    """A chapter: one ontwikkelopgave (or actielijn) with its resultaten and texts."""

    id: str
    titel: str
    omschrijving: str
    samenvatting: str
    praktijkverhalen: tuple[Praktijkverhaal, ...]
    reflectie: Reflectie | None
    resultaten: tuple[EvaluatedResultaat, ...]


@dataclass(frozen=True)
class LichtDefinitie:
    status: LichtStatus
    definitie: str


@dataclass(frozen=True)
class IndicatorInfo:
    """Definition of an indicator used in the report (for the appendix)."""

    id: str
    titel: str
    definitie: str
    eenheid: str
    teller: str
    noemer: str
    bronnen: tuple[str, ...]
    cbs_opmerking: str
    bron: Literal["publicatie", "uitvoeringsprogramma"] = "publicatie"


@dataclass(frozen=True)
class Probleem:
    """Something the report must mention or the author must fix (e.g. a missing explanation)."""

    plaats: str  # e.g. "rapportages[1].resultaten.2.1.lichten[0]"
    melding: str


@dataclass(frozen=True)
class EvaluatedReport:
    """The stoplichtenrapportage of one reporting period, ready to render."""

    titel: str
    regio: str
    regio_naam: str
    looptijd: str
    indeling_enkelvoud: str  # "Ontwikkelopgave" or "Actielijn"
    indeling_meervoud: str
    inleiding: str
    periode: str
    periode_label: str
    rapport_titel: str
    status: Literal["concept", "vastgesteld"]
    vastgesteld_op: date | None
    samenvatting: str
    publicatie_id: str | None
    peildatum: date | None
    lichtdefinities: tuple[LichtDefinitie, ...]
    opgaven: tuple[EvaluatedOpgave, ...]
    vervolg: Vervolg
    activiteiten: tuple[Activiteit, ...]  # activities dated in the period
    output: tuple[OutputTabel, ...]  # output indicators for the period
    financien: Financien | None  # None for a half-year report without a budget year
    indicatoren: tuple[IndicatorInfo, ...]  # definitions of every indicator used
    perioden: tuple[str, ...]  # all reporting periods, oldest first
    herijkingen: tuple[int, ...] = ()
    problemen: tuple[Probleem, ...] = field(default_factory=tuple)

    def lichten(self) -> list[tuple[EvaluatedOpgave, EvaluatedResultaat, EvaluatedLight]]:
        """Every light in report order (for the 'in één oogopslag' overview)."""
        return [(o, r, lt) for o in self.opgaven for r in o.resultaten for lt in r.lichten]

    def telling(self) -> dict[LichtStatus, int]:
        """How many lights have each status (chosen colour)."""
        counts = dict.fromkeys(LichtStatus, 0)
        for _o, _r, light in self.lichten():
            counts[light.status] += 1
        return counts
