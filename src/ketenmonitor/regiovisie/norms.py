# SPDX-License-Identifier: EUPL-1.2
"""Norms: how a figure becomes groen, oranje or rood.

Three kinds, chosen with ``soort`` in the YAML:

- ``drempel`` — fixed threshold values: with "higher is better", a figure of at least ``groen``
  is groen, at least ``oranje`` is oranje, anything lower rood (mirrored for "lower is better").
- ``vergelijking`` — against a benchmark: the region as a whole (for a gemeente) or Nederland.
- ``ontwikkeling`` — against the same figure in an earlier period (default: the period before).

For the two comparisons the difference is taken in the direction of "better" (positive = better)
either in the unit of the indicator (``absoluut``) or as a percentage of the reference
(``relatief``); it is groen from ``groen_vanaf`` and oranje from ``oranje_vanaf``.
Boundaries are inclusive on the good side, so a figure exactly on a boundary gets the better
colour. The direction comes from the norm or, if absent, from the indicator definition.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ketenmonitor.core.formatting import format_number
from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.lights import Kleur


class Richting(StrEnum):
    """Which direction is better (values as in the indicator catalogue)."""

    HOGER_IS_BETER = "hoger_is_beter"
    LAGER_IS_BETER = "lager_is_beter"

    @property
    def sign(self) -> int:
        return 1 if self is Richting.HOGER_IS_BETER else -1

    @property
    def label(self) -> str:
        return _("hoger is beter") if self is Richting.HOGER_IS_BETER else _("lager is beter")


class Vergelijkingsbasis(StrEnum):
    REGIO = "regio"
    NEDERLAND = "nederland"

    @property
    def label(self) -> str:
        return _("de regio") if self is Vergelijkingsbasis.REGIO else _("Nederland")


class Verschil(StrEnum):
    ABSOLUUT = "absoluut"  # in the unit of the indicator (e.g. procentpunten)
    RELATIEF = "relatief"  # as a percentage of the reference figure


class _Norm(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DrempelNorm(_Norm):
    """Fixed thresholds. ``groen`` and ``oranje`` are the lowest (or highest) values that still
    get that colour; their order implies the direction, which must agree with ``richting``."""

    soort: Literal["drempel"]
    richting: Richting | None = None
    groen: float
    oranje: float

    @model_validator(mode="after")
    def _ordered(self) -> DrempelNorm:
        if self.richting is Richting.HOGER_IS_BETER and self.oranje > self.groen:
            raise ValueError(_("bij 'hoger is beter' mag de grens voor oranje niet boven die "
                               "voor groen liggen"))
        if self.richting is Richting.LAGER_IS_BETER and self.oranje < self.groen:
            raise ValueError(_("bij 'lager is beter' mag de grens voor oranje niet onder die "
                               "voor groen liggen"))
        return self  # with groen == oranje and no richting the indicator gives the direction

    def implied_direction(self) -> Richting | None:
        if self.richting is not None:
            return self.richting
        if self.groen > self.oranje:
            return Richting.HOGER_IS_BETER
        if self.groen < self.oranje:
            return Richting.LAGER_IS_BETER
        return None


class _DifferenceNorm(_Norm):
    richting: Richting | None = None
    verschil: Verschil = Verschil.ABSOLUUT
    groen_vanaf: float = 0.0
    oranje_vanaf: float = 0.0

    @model_validator(mode="after")
    def _ordered(self) -> _DifferenceNorm:
        if self.oranje_vanaf > self.groen_vanaf:
            raise ValueError(_("'oranje_vanaf' mag niet groter zijn dan 'groen_vanaf'"))
        return self

    def implied_direction(self) -> Richting | None:
        return self.richting


class VergelijkingNorm(_DifferenceNorm):
    """Compared with the region as a whole or with Nederland for the same period."""

    soort: Literal["vergelijking"]
    met: Vergelijkingsbasis


class OntwikkelingNorm(_DifferenceNorm):
    """Compared with an earlier period (``ten_opzichte_van``; default the period before)."""

    soort: Literal["ontwikkeling"]
    ten_opzichte_van: str | None = Field(default=None, pattern=r"^\d{4}(-H[12])?$")


Norm = Annotated[DrempelNorm | VergelijkingNorm | OntwikkelingNorm, Field(discriminator="soort")]


def difference(value: float, reference: float, richting: Richting, verschil: Verschil) -> float | None:
    """The difference in the direction of 'better'; ``None`` if relative to a zero reference."""
    delta = (value - reference) * richting.sign
    if verschil is Verschil.RELATIEF:
        if reference == 0:
            return None
        return 100.0 * delta / abs(reference)
    return delta


def judge_threshold(norm: DrempelNorm, value: float, richting: Richting) -> Kleur:
    if richting is Richting.HOGER_IS_BETER:
        if value >= norm.groen:
            return Kleur.GROEN
        return Kleur.ORANJE if value >= norm.oranje else Kleur.ROOD
    if value <= norm.groen:
        return Kleur.GROEN
    return Kleur.ORANJE if value <= norm.oranje else Kleur.ROOD


def judge_difference(norm: _DifferenceNorm, delta: float) -> Kleur:
    if delta >= norm.groen_vanaf:
        return Kleur.GROEN
    return Kleur.ORANJE if delta >= norm.oranje_vanaf else Kleur.ROOD


def describe(norm: DrempelNorm | VergelijkingNorm | OntwikkelingNorm, richting: Richting | None,
             decimals: int = 1, reference_label: str | None = None) -> str:
    """A Dutch sentence that states the norm, for the report next to the light."""
    if isinstance(norm, DrempelNorm):
        if richting is None:
            return _("drempels groen {g}, oranje {o} (richting onbekend)").format(
                g=format_number(norm.groen, decimals), o=format_number(norm.oranje, decimals))
        if richting is Richting.HOGER_IS_BETER:
            return _("groen bij {g} of hoger; oranje bij {o} tot {g}; rood onder {o}").format(
                g=format_number(norm.groen, decimals), o=format_number(norm.oranje, decimals))
        return _("groen bij {g} of lager; oranje boven {g} tot en met {o}; rood boven {o}").format(
            g=format_number(norm.groen, decimals), o=format_number(norm.oranje, decimals))
    unit = "%" if norm.verschil is Verschil.RELATIEF else ""
    if isinstance(norm, VergelijkingNorm):
        basis = reference_label or norm.met.label
    else:
        basis = reference_label or (norm.ten_opzichte_van or _("de vorige periode"))
    direction = richting.label if richting else _("richting onbekend")
    return _(
        "vergeleken met {basis} ({direction}): groen bij een verschil van {g}{u} of beter; "
        "oranje vanaf {o}{u}; anders rood"
    ).format(basis=basis, direction=direction, g=format_number(norm.groen_vanaf, decimals),
             o=format_number(norm.oranje_vanaf, decimals), u=unit)
