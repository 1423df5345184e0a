# SPDX-License-Identifier: EUPL-1.2
"""Budget of the uitvoeringsprogramma: sources, budget lines, realised spending, contributions.

Money is :class:`~decimal.Decimal`, never float. The contribution per gemeente is computed, not
typed in: inhabitants (``codes/data/bevolking.csv``, the figure valid on 1 January of the year)
times the rate of that year.

Rounding rule (also in docs/regiovisie.md):

1. The rate of year *j* is ``tarief × (1 + indexatie_procent/100) ^ n`` with *n* the number of
   indexed years up to *j* (0 before ``indexatie_vanaf``, 1 in that year, 2 the year after, ...),
   computed from the base rate (not from an already rounded rate) and rounded half up to
   ``tarief_decimalen`` decimals (default 4: hundredths of a cent).
2. The contribution of a gemeente is inhabitants × rounded rate, rounded half up to whole cents.
3. The total is the sum of the rounded contributions, so the table always adds up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.programme import ID_PATTERN

CENT = Decimal("0.01")

Money = Decimal


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BronSoort(StrEnum):
    DU_VO = "du_vo"
    BIJDRAGE_PER_INWONER = "bijdrage_per_inwoner"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        labels = {
            BronSoort.DU_VO: _("Decentralisatie-uitkering vrouwenopvang (DU VO)"),
            BronSoort.BIJDRAGE_PER_INWONER: _("Bijdrage per inwoner van de gemeenten"),
            BronSoort.OVERIG: _("Overige bron"),
        }
        return labels[self]


class Financieringsbron(_Model):
    """A source of money. DU VO and other sources give amounts per year; a per-inhabitant
    contribution gives a rate, a start year and a yearly indexation."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str = Field(min_length=1)
    soort: BronSoort
    bedragen: dict[int, Money] = Field(default_factory=dict)
    tarief: Money | None = Field(default=None, ge=0)
    tariefjaar: int | None = None
    tot_jaar: int | None = None
    indexatie_procent: Money = Field(default=Decimal(0), ge=-100)
    indexatie_vanaf: int | None = None
    tarief_decimalen: int = Field(default=4, ge=0, le=6)
    gemeenten: list[str] = Field(default_factory=list)  # empty: every gemeente of the region
    ontvanger: str = ""  # e.g. "GGD Haaglanden, team preventie"

    @model_validator(mode="after")
    def _complete(self) -> Financieringsbron:
        if self.soort is BronSoort.BIJDRAGE_PER_INWONER:
            if self.tarief is None or self.tariefjaar is None:
                raise ValueError(_("een bijdrage per inwoner heeft 'tarief' en 'tariefjaar' nodig"))
            if self.bedragen:
                raise ValueError(_("een bijdrage per inwoner wordt berekend; geef geen 'bedragen'"))
            if self.tot_jaar is not None and self.tot_jaar < self.tariefjaar:
                raise ValueError(_("'tot_jaar' ligt voor 'tariefjaar'"))
        elif self.tarief is not None:
            raise ValueError(_("'tarief' hoort alleen bij soort 'bijdrage_per_inwoner'"))
        return self

    @property
    def first_indexed_year(self) -> int | None:
        if self.tariefjaar is None:
            return None
        return self.indexatie_vanaf if self.indexatie_vanaf is not None else self.tariefjaar + 1

    def applies_in(self, jaar: int) -> bool:
        if self.soort is not BronSoort.BIJDRAGE_PER_INWONER:
            return jaar in self.bedragen
        assert self.tariefjaar is not None
        return jaar >= self.tariefjaar and (self.tot_jaar is None or jaar <= self.tot_jaar)

    def rate(self, jaar: int) -> Money:
        """The (rounded) rate per inhabitant in ``jaar`` — rule 1 of the module docstring."""
        if self.tarief is None or self.tariefjaar is None:
            raise ValueError("no rate")
        first = self.first_indexed_year
        assert first is not None
        steps = max(0, jaar - first + 1)
        factor = (Decimal(1) + self.indexatie_procent / Decimal(100)) ** steps
        return (self.tarief * factor).quantize(Decimal(1).scaleb(-self.tarief_decimalen),
                                                ROUND_HALF_UP)


class Begrotingspost(_Model):
    """A budget line, usually per ontwikkelopgave, with budgeted and realised amounts per year."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str = Field(min_length=1)
    opgave: str | None = None
    bron: str | None = None
    begroot: dict[int, Money] = Field(default_factory=dict)
    gerealiseerd: dict[int, Money] = Field(default_factory=dict)
    toelichting: str = ""


class Begroting(_Model):
    bronnen: list[Financieringsbron] = Field(default_factory=list)
    posten: list[Begrotingspost] = Field(default_factory=list)


@dataclass(frozen=True)
class Bijdrage:
    """The contribution of one gemeente in one year."""

    gemeente_code: str
    gemeente_naam: str
    inwoners: int
    tarief: Money
    bedrag: Money


@dataclass(frozen=True)
class Bijdragetabel:
    bron_id: str
    bron_titel: str
    jaar: int
    tarief: Money
    inwoners_peildatum: date
    rijen: tuple[Bijdrage, ...]
    # gemeenten left out of ``rijen`` for a gemeente-scoped reader; the totals stay the region's
    rest_inwoners: int = 0
    rest_bedrag: Money = Decimal(0)

    @property
    def totaal(self) -> Money:
        return sum((r.bedrag for r in self.rijen), self.rest_bedrag)

    @property
    def inwoners(self) -> int:
        return sum((r.inwoners for r in self.rijen), self.rest_inwoners)


@dataclass(frozen=True)
class BronBedrag:
    """What a source brings in for one year."""

    bron_id: str
    titel: str
    soort: BronSoort
    bedrag: Money


@dataclass(frozen=True)
class PostRegel:
    """A budget line for one year: budgeted, realised, the difference and percentage spent."""

    post_id: str
    titel: str
    opgave: str | None
    opgave_titel: str | None
    bron: str | None
    begroot: Money | None
    gerealiseerd: Money | None

    @property
    def verschil(self) -> Money | None:
        if self.begroot is None or self.gerealiseerd is None:
            return None
        return self.begroot - self.gerealiseerd

    @property
    def realisatie_procent(self) -> Decimal | None:
        if self.begroot in (None, Decimal(0)) or self.gerealiseerd is None:
            return None
        assert self.begroot is not None
        return (Decimal(100) * self.gerealiseerd / self.begroot).quantize(Decimal("0.1"),
                                                                           ROUND_HALF_UP)


@dataclass(frozen=True)
class Financien:
    """Everything a report's financial section needs for one year."""

    jaar: int
    bronnen: tuple[BronBedrag, ...]
    bijdragen: tuple[Bijdragetabel, ...]
    posten: tuple[PostRegel, ...]

    @property
    def totaal_bronnen(self) -> Money:
        return sum((b.bedrag for b in self.bronnen), Decimal(0))

    @property
    def totaal_begroot(self) -> Money:
        return sum((p.begroot or Decimal(0) for p in self.posten), Decimal(0))

    @property
    def totaal_gerealiseerd(self) -> Money:
        return sum((p.gerealiseerd or Decimal(0) for p in self.posten), Decimal(0))


def contribution_table(bron: Financieringsbron, jaar: int, regio: str) -> Bijdragetabel:
    """The contribution per gemeente in ``jaar`` (rules 1–3 of the module docstring)."""
    from ketenmonitor.codes import gemeente, gemeenten, population

    peildatum = date(jaar, 1, 1)
    members = [gemeente(c) for c in bron.gemeenten] if bron.gemeenten else gemeenten(regio, peildatum)
    tarief = bron.rate(jaar)
    rows = []
    for g in members:
        inwoners = population(g.code, peildatum)
        amount = (Decimal(inwoners) * tarief).quantize(CENT, ROUND_HALF_UP)
        rows.append(Bijdrage(g.code, g.naam, inwoners, tarief, amount))
    return Bijdragetabel(bron.id, bron.titel, jaar, tarief, peildatum, tuple(rows))


def finances(begroting: Begroting, jaar: int, regio: str,
             opgave_titels: dict[str, str] | None = None) -> Financien:
    """Sources, contribution tables and budget lines of ``begroting`` for ``jaar``."""
    titles = opgave_titels or {}
    sources: list[BronBedrag] = []
    tables: list[Bijdragetabel] = []
    for bron in begroting.bronnen:
        if not bron.applies_in(jaar):
            continue
        if bron.soort is BronSoort.BIJDRAGE_PER_INWONER:
            table = contribution_table(bron, jaar, regio)
            tables.append(table)
            sources.append(BronBedrag(bron.id, bron.titel, bron.soort, table.totaal))
        else:
            sources.append(BronBedrag(bron.id, bron.titel, bron.soort, bron.bedragen[jaar]))
    lines = [
        PostRegel(p.id, p.titel, p.opgave, titles.get(p.opgave) if p.opgave else None, p.bron,
                  p.begroot.get(jaar), p.gerealiseerd.get(jaar))
        for p in begroting.posten
        if jaar in p.begroot or jaar in p.gerealiseerd
    ]
    return Financien(jaar, tuple(sources), tuple(tables), tuple(lines))
