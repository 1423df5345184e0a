# SPDX-License-Identifier: EUPL-1.2
"""The shape of one catalogue entry (an indicator), checked by pydantic when the YAML is loaded.

An indicator is declarative: a source table, filter conditions, what to count, what to divide by,
which date puts a row in a period and which categories split it. There is no free SQL in the
catalogue, so the compiler can quote every name and value and a policy officer can read (and
review) the definition. Cross-field rules (a share's numerator is a subset of its denominator,
a rate divides by inhabitants, columns exist and fit their filter) live in ``rules.py`` and give
Dutch messages, so a wrong entry never reaches the compiler.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ketenmonitor.codes import code_list
from ketenmonitor.core.i18n import _

TOTAAL = "totaal"


class Eenheid(StrEnum):
    PER_1000_INWONERS = "per_1000_inwoners"
    PER_10000_INWONERS = "per_10000_inwoners"
    PER_10000_VROUWEN = "per_10000_vrouwen"  # noemer: inwoners with geslacht V (ADR 0026)
    PERCENTAGE = "percentage"
    MEDIAAN_DAGEN = "mediaan_dagen"
    GEMIDDELDE = "gemiddelde"

    @property
    def is_rate(self) -> bool:
        return self in (Eenheid.PER_1000_INWONERS, Eenheid.PER_10000_INWONERS,
                        Eenheid.PER_10000_VROUWEN)


    @property
    def factor(self) -> int:
        """What teller/noemer is multiplied by: 1000, 10000, 100 or 1 (medians, means)."""
        factors = {
            Eenheid.PER_1000_INWONERS: 1000,
            Eenheid.PER_10000_INWONERS: 10000,
            Eenheid.PER_10000_VROUWEN: 10000,
            Eenheid.PERCENTAGE: 100,
        }
        return factors.get(self, 1)


class Richting(StrEnum):
    HOGER_IS_BETER = "hoger_is_beter"
    LAGER_IS_BETER = "lager_is_beter"
    NEUTRAAL = "neutraal"


class Openbaarmaking(StrEnum):
    STANDAARD = "standaard"  # round to 5, suppress below the threshold of the settings
    VERHOOGDE_DREMPEL = "verhoogde_drempel"  # as standaard, with twice the threshold


class Operator(StrEnum):
    GELIJK = "gelijk"
    NIET_GELIJK = "niet_gelijk"
    IN = "in"
    NIET_IN = "niet_in"
    LEEG = "leeg"
    NIET_LEEG = "niet_leeg"
    WAAR = "waar"
    ONWAAR = "onwaar"
    MINIMAAL = "minimaal"
    MAXIMAAL = "maximaal"


class Maat(StrEnum):
    AANTAL = "aantal"
    AANTAL_UNIEK = "aantal_uniek"
    MEDIAAN = "mediaan"
    GEMIDDELDE = "gemiddelde"


NO_VALUE = frozenset({Operator.LEEG, Operator.NIET_LEEG, Operator.WAAR, Operator.ONWAAR})
LIST_VALUE = frozenset({Operator.IN, Operator.NIET_IN})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Voorwaarde(_Strict):
    """One filter condition on a column of the source table."""

    kolom: str
    operator: Operator
    waarde: str | int | list[str] | None = None

    @model_validator(mode="after")
    def _value_fits_operator(self) -> Voorwaarde:
        op = self.operator.value
        if self.operator in NO_VALUE and self.waarde is not None:
            raise ValueError(_("operator '{op}' heeft geen waarde").format(op=op))
        if self.operator in LIST_VALUE and not (isinstance(self.waarde, list) and self.waarde):
            raise ValueError(_("operator '{op}' vraagt een niet-lege lijst").format(op=op))
        single = self.operator not in NO_VALUE | LIST_VALUE
        if single and (self.waarde is None or isinstance(self.waarde, list)):
            raise ValueError(_("operator '{op}' vraagt één waarde").format(op=op))
        return self

    def __hash__(self) -> int:
        waarde = tuple(self.waarde) if isinstance(self.waarde, list) else self.waarde
        return hash((self.kolom, self.operator, waarde))


class Telling(_Strict):
    """The numerator: rows of ``bron`` that meet ``filters``, counted or summarised."""

    omschrijving: str = Field(min_length=3)
    bron: str
    filters: tuple[Voorwaarde, ...] = ()
    maat: Maat = Maat.AANTAL
    kolom: str | None = None

    @model_validator(mode="after")
    def _column_for_measure(self) -> Telling:
        if (self.maat is Maat.AANTAL) != (self.kolom is None):
            raise ValueError(
                _("maat '{maat}' vraagt een kolom, alleen maat 'aantal' niet").format(
                    maat=self.maat.value
                )
            )
        return self


class Noemer(_Strict):
    """The denominator: inhabitants (rates) or rows of the same source (shares, medians)."""

    omschrijving: str = Field(min_length=3)
    inwoners: bool = False
    # only inhabitants of this sex (CBS counts M and V); needs CBS population by sex
    geslacht: Literal["V"] | None = None
    bron: str | None = None
    filters: tuple[Voorwaarde, ...] = ()
    maat: Literal[Maat.AANTAL, Maat.AANTAL_UNIEK] = Maat.AANTAL
    kolom: str | None = None

    @model_validator(mode="after")
    def _either_inhabitants_or_rows(self) -> Noemer:
        if self.inwoners == (self.bron is not None):
            raise ValueError(_("geef óf 'inwoners: true' óf een 'bron' als noemer"))
        if self.inwoners and (self.filters or self.kolom):
            raise ValueError(_("een noemer van inwoners heeft geen filters of kolom"))
        if self.geslacht is not None and not self.inwoners:
            raise ValueError(_("'geslacht' hoort alleen bij een noemer van inwoners"))
        if (self.maat is Maat.AANTAL_UNIEK) != (self.kolom is not None):
            raise ValueError(_("maat 'aantal_uniek' vraagt een kolom, maat 'aantal' niet"))
        return self


class Stand(_Strict):
    """A stock instead of a flow: rows that are 'open' on the last day of the period.

    A row counts in a period when ``van`` lies on or before the period's last day and ``tot``
    (the first non-empty column of the list) is empty or lies after it. For the period the
    peildatum falls in this is the stand at the peildatum, because nothing after it is known.
    """

    omschrijving: str = Field(min_length=3)
    van: str
    tot: str | list[str]

    @property
    def tot_kolommen(self) -> list[str]:
        return [self.tot] if isinstance(self.tot, str) else list(self.tot)


class Dimensie(_Strict):
    """A split of the indicator into the categories of a code list (zero categories included).

    The column holds codes of ``codelijst``; with ``niveau: groep`` the categories are the groups
    of the list (column ``groep``) and the compiler maps each code to its group. ``leeg_als``
    names the category that empty (or unknown) values count under, so that the categories of a
    single-valued dimension add up to the total; without it such rows only count in the total.
    ``meervoudig`` dimensions (a list column) count a row once per distinct code.
    """

    naam: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    titel: str = Field(min_length=3)
    kolom: str
    codelijst: str
    niveau: Literal["code", "groep"] = "code"
    meervoudig: bool = False
    leeg_als: str | None = None
    labels: dict[str, str] = Field(default_factory=dict)

    def categories(self) -> list[tuple[str, str]]:
        """(code, label) in code-list order; for ``niveau: groep`` the groups of the list."""
        codes = code_list(self.codelijst)
        if self.niveau == "code":
            return [(c, self.labels.get(c, codes.label(c))) for c in codes.codes]
        groups: list[str] = []
        for code in codes.codes:
            if codes.group(code) not in groups:
                groups.append(codes.group(code))
        return [(g, self.labels.get(g) or codes.labels.get(g, "")) for g in groups]

    def members(self) -> dict[str, list[str]]:
        """Category → the codes of the list it counts (one code each at ``niveau: code``)."""
        codes = code_list(self.codelijst)
        if self.niveau == "code":
            return {c: [c] for c in codes.codes}
        members: dict[str, list[str]] = {}
        for code in codes.codes:
            members.setdefault(codes.group(code), []).append(code)
        return members


class IndicatorDefinitie(_Strict):
    """One indicator of the catalogue (one YAML file ``<id>.yaml``)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)
    volgorde: int = Field(ge=1)
    titel: str = Field(min_length=3)
    definitie: str = Field(min_length=10)
    formule: str = Field(min_length=5)
    eenheid: Eenheid
    teller: Telling
    noemer: Noemer
    datumkolom: str | list[str] | None = None
    stand: Stand | None = None
    gemeentekolom: str = "gemeente"
    dimensies: tuple[Dimensie, ...] = ()
    noemer_bij_dimensie: Literal["totaal", "categorie"] | None = None
    bronnen: list[str] = Field(min_length=1)
    openbaarmaking: Openbaarmaking = Openbaarmaking.STANDAARD
    cbs_opmerking: str = Field(min_length=3)
    richting: Richting
    thema: str = Field(min_length=3)

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorDefinitie:
        from ketenmonitor.indicators.rules import check_indicator

        check_indicator(self)
        return self

    @property
    def datumkolommen(self) -> list[str]:
        """Date columns; with more than one the first non-empty one counts (coalesce)."""
        if self.datumkolom is None:
            return []
        return [self.datumkolom] if isinstance(self.datumkolom, str) else list(self.datumkolom)

    @property
    def is_stand(self) -> bool:
        """A stock measured on the last day of each period (waiting lists) instead of a flow."""
        return self.stand is not None

    @property
    def basis_filters(self) -> tuple[Voorwaarde, ...]:
        """Filters that select the rows the indicator looks at at all (the denominator's)."""
        return self.teller.filters if self.noemer.inwoners else self.noemer.filters

    @property
    def extra_teller_filters(self) -> tuple[Voorwaarde, ...]:
        """Teller filters beyond the noemer's: the numerator as a subset of the denominator."""
        basis = set(self.basis_filters)
        return tuple(f for f in self.teller.filters if f not in basis)

    @property
    def is_verdeling(self) -> bool:
        """A distribution: numerator = denominator, split over categories (shares of a total)."""
        return (
            self.eenheid is Eenheid.PERCENTAGE
            and not self.noemer.inwoners
            and set(self.teller.filters) == set(self.noemer.filters)
        )

    @property
    def noemer_is_totaal(self) -> bool:
        """Whether a category row divides by the total (distribution) or by its own rows."""
        if self.noemer_bij_dimensie is None:
            return self.is_verdeling
        return self.noemer_bij_dimensie == "totaal"

    @property
    def drempel_factor(self) -> int:
        return 2 if self.openbaarmaking == Openbaarmaking.VERHOOGDE_DREMPEL else 1
