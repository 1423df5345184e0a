# SPDX-License-Identifier: EUPL-1.2
"""Plain Dutch descriptions of the parts of a definition, for the CLI and the generated docs."""

from __future__ import annotations

from collections.abc import Sequence

from ketenmonitor.core.i18n import _
from ketenmonitor.indicators.model import (
    Dimensie,
    Eenheid,
    IndicatorDefinitie,
    Openbaarmaking,
    Operator,
    Richting,
    Voorwaarde,
)


def unit_text(eenheid: Eenheid) -> str:
    return {
        Eenheid.PER_1000_INWONERS: _("per 1.000 inwoners"),
        Eenheid.PER_10000_INWONERS: _("per 10.000 inwoners"),
        Eenheid.PER_10000_VROUWEN: _("per 10.000 vrouwen"),
        Eenheid.PERCENTAGE: _("percentage"),
        Eenheid.MEDIAAN_DAGEN: _("mediaan in dagen"),
        Eenheid.GEMIDDELDE: _("gemiddelde"),
    }[eenheid]


def direction_text(richting: Richting) -> str:
    return {
        Richting.HOGER_IS_BETER: _("hoger"),
        Richting.LAGER_IS_BETER: _("lager"),
        Richting.NEUTRAAL: _("geen richting (een beschrijvend cijfer)"),
    }[richting]


def disclosure_text(defn: IndicatorDefinitie) -> str:
    if defn.openbaarmaking is Openbaarmaking.VERHOOGDE_DREMPEL:
        return _("afronden op 5; onderdrukken onder twee keer de drempel (standaard 20)")
    return _("afronden op 5; onderdrukken onder de drempel (standaard 10)")


def filter_text(where: Voorwaarde) -> str:
    col = f"`{where.kolom}`"
    value = where.waarde
    values = ", ".join(f"`{v}`" for v in value) if isinstance(value, list) else f"`{value}`"
    return {
        Operator.GELIJK: _("{col} is {value}"),
        Operator.NIET_GELIJK: _("{col} is niet {value}"),
        Operator.IN: _("{col} is een van {value}"),
        Operator.NIET_IN: _("{col} is geen van {value}"),
        Operator.LEEG: _("{col} is leeg"),
        Operator.NIET_LEEG: _("{col} is bekend"),
        Operator.WAAR: _("{col} is waar"),
        Operator.ONWAAR: _("{col} is onwaar"),
        Operator.MINIMAAL: _("{col} is ten minste {value}"),
        Operator.MAXIMAAL: _("{col} is ten hoogste {value}"),
    }[where.operator].format(col=col, value=values)


def filters_text(filters: Sequence[Voorwaarde]) -> str:
    if not filters:
        return _("alle rijen")
    return _(" en ").join(filter_text(f) for f in filters)


def describe_period(defn: IndicatorDefinitie) -> str:
    source = f"`{defn.teller.bron}`"
    if defn.stand is not None:
        until = _(" of ").join(f"`{c}`" for c in defn.stand.tot_kolommen)
        return _("Stand op de laatste dag van de periode (voor de lopende periode: de "
                 "peildatum) in {source}: {text} (van `{van}` tot {tot}).").format(
            source=source, text=defn.stand.omschrijving, van=defn.stand.van, tot=until)
    columns = _(", anders ").join(f"`{c}`" for c in defn.datumkolommen)
    return _("De datum {columns} in {source} bepaalt het halfjaar en het jaar.").format(
        columns=columns, source=source)


def describe_dimension(dim: Dimensie) -> str:
    labels = ", ".join(label for _code, label in dim.categories())
    notes = []
    if dim.meervoudig:
        notes.append(_("meer dan één categorie per rij mogelijk"))
    if dim.leeg_als:
        notes.append(_("leeg telt als {code}").format(code=f"`{dim.leeg_als}`"))
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{dim.titel}{extra}: {labels}"
