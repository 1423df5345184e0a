# SPDX-License-Identifier: EUPL-1.2
"""Cross-field rules for a catalogue entry, each failing with a Dutch message.

Kept apart from the field declarations in ``model.py`` so that each file stays readable. The
rules make sure the compiler only ever sees definitions it can turn into correct SQL: known
tables and columns, filters that fit the column, a unit that fits what is counted, a share
whose numerator is a subset of its denominator, and categories with labels.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ketenmonitor.codes import code_list, code_list_names
from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.indicators.model import LIST_VALUE, NO_VALUE, TOTAAL, Eenheid, Maat, Operator
from ketenmonitor.indicators.sources import SOURCE_TABLES, Soort

if TYPE_CHECKING:
    from ketenmonitor.indicators.model import Dimensie, IndicatorDefinitie, Voorwaarde

_KINDS: dict[Operator, set[Soort]] = {
    Operator.WAAR: {Soort.BOOLEAN},
    Operator.ONWAAR: {Soort.BOOLEAN},
    Operator.MINIMAAL: {Soort.GETAL, Soort.DATUM},
    Operator.MAXIMAAL: {Soort.GETAL, Soort.DATUM},
    Operator.GELIJK: {Soort.TEKST, Soort.GETAL},
    Operator.NIET_GELIJK: {Soort.TEKST, Soort.GETAL},
    Operator.IN: {Soort.TEKST},
    Operator.NIET_IN: {Soort.TEKST},
}


def check_indicator(defn: IndicatorDefinitie) -> None:
    columns = _source_columns(defn)
    for where in (*defn.teller.filters, *defn.noemer.filters):
        _check_filter(where, columns, defn.teller.bron)
    _check_measure_columns(defn, columns)
    _check_unit(defn)
    _check_dates_and_area(defn, columns)
    _check_dimensions(defn, columns)
    _check_theme(defn.thema)
    unknown = [b for b in defn.bronnen if b not in RECORD_TYPES]
    if unknown:
        raise ValueError(
            _("onbekende bron(nen) {bronnen}; kies uit {keuze}").format(
                bronnen=", ".join(unknown), keuze=", ".join(RECORD_TYPES)
            )
        )


def _check_theme(thema: str) -> None:
    """Themes come from code list ``thema`` (Impactmonitor and CBS), so they can be counted."""
    themes = list(code_list("thema").labels.values())
    if thema not in themes:
        raise ValueError(
            _("onbekend thema '{thema}'; kies uit {keuze}").format(
                thema=thema, keuze="; ".join(themes)
            )
        )


def _source_columns(defn: IndicatorDefinitie) -> dict[str, Soort]:
    if defn.teller.bron not in SOURCE_TABLES:
        raise ValueError(
            _("onbekende brontabel '{bron}'; kies uit {keuze}").format(
                bron=defn.teller.bron, keuze=", ".join(SOURCE_TABLES)
            )
        )
    if defn.noemer.bron is not None and defn.noemer.bron != defn.teller.bron:
        raise ValueError(_("teller en noemer moeten dezelfde brontabel gebruiken"))
    return SOURCE_TABLES[defn.teller.bron]


def _check_filter(where: Voorwaarde, columns: dict[str, Soort], bron: str) -> None:
    kind = columns.get(where.kolom)
    if kind is None:
        raise ValueError(
            _("kolom '{kolom}' bestaat niet in {bron}").format(kolom=where.kolom, bron=bron)
        )
    allowed = _KINDS.get(where.operator)
    if allowed is not None and kind not in allowed:
        raise ValueError(
            _("operator '{op}' past niet bij kolom '{kolom}' ({soort})").format(
                op=where.operator.value, kolom=where.kolom, soort=kind.value
            )
        )
    if where.operator in NO_VALUE:
        return
    values = where.waarde if where.operator in LIST_VALUE else [where.waarde]
    assert isinstance(values, list)
    for value in values:
        if not _value_fits(value, kind):
            raise ValueError(
                _("waarde '{waarde}' past niet bij kolom '{kolom}' ({soort})").format(
                    waarde=value, kolom=where.kolom, soort=kind.value
                )
            )


def _value_fits(value: object, kind: Soort) -> bool:
    if kind is Soort.GETAL:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is Soort.DATUM:
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return False
        return isinstance(value, str)
    return isinstance(value, str)


def _check_measure_columns(defn: IndicatorDefinitie, columns: dict[str, Soort]) -> None:
    for name in (defn.teller.kolom, defn.noemer.kolom):
        if name is not None and name not in columns:
            raise ValueError(
                _("kolom '{kolom}' bestaat niet in {bron}").format(
                    kolom=name, bron=defn.teller.bron
                )
            )
    summarised = defn.teller.maat in (Maat.MEDIAAN, Maat.GEMIDDELDE)
    if summarised and columns[str(defn.teller.kolom)] is not Soort.GETAL:
        raise ValueError(
            _("maat '{maat}' vraagt een kolom met getallen").format(maat=defn.teller.maat.value)
        )


def _check_unit(defn: IndicatorDefinitie) -> None:
    unit, teller, noemer = defn.eenheid, defn.teller, defn.noemer
    if unit.is_rate:
        if not noemer.inwoners or teller.maat not in (Maat.AANTAL, Maat.AANTAL_UNIEK):
            raise ValueError(
                _("eenheid '{eenheid}' telt rijen en deelt door inwoners").format(
                    eenheid=unit.value
                )
            )
        if (unit is Eenheid.PER_10000_VROUWEN) != (noemer.geslacht == "V"):
            raise ValueError(
                _("eenheid 'per_10000_vrouwen' hoort bij een noemer met 'geslacht: V', "
                  "en omgekeerd")
            )
        return
    if noemer.inwoners:
        raise ValueError(
            _("eenheid '{eenheid}' deelt niet door inwoners").format(eenheid=unit.value)
        )
    expected = {
        Eenheid.PERCENTAGE: (Maat.AANTAL, Maat.AANTAL_UNIEK),
        Eenheid.MEDIAAN_DAGEN: (Maat.MEDIAAN,),
        Eenheid.GEMIDDELDE: (Maat.GEMIDDELDE,),
    }[unit]
    if teller.maat not in expected:
        raise ValueError(
            _("eenheid '{eenheid}' past niet bij maat '{maat}'").format(
                eenheid=unit.value, maat=teller.maat.value
            )
        )
    missing = [f.kolom for f in noemer.filters if f not in teller.filters]
    if missing:
        raise ValueError(
            _("de teller moet alle filters van de noemer bevatten (ontbreekt: {kolommen})").format(
                kolommen=", ".join(missing)
            )
        )
    if unit is Eenheid.PERCENTAGE and (teller.maat, teller.kolom) != (noemer.maat, noemer.kolom):
        raise ValueError(_("teller en noemer van een percentage tellen op dezelfde manier"))


def _check_dates_and_area(defn: IndicatorDefinitie, columns: dict[str, Soort]) -> None:
    if (defn.datumkolom is None) == (defn.stand is None):
        raise ValueError(
            _("geef óf een 'datumkolom' (een stroom in de periode) óf een 'stand' (op de laatste "
              "dag van de periode)")
        )
    names = list(defn.datumkolommen)
    if defn.stand is not None:
        names += [defn.stand.van, *defn.stand.tot_kolommen]
    for name in names:
        if columns.get(name) is not Soort.DATUM:
            raise ValueError(
                _("datumkolom '{kolom}' is geen datumkolom van {bron}").format(
                    kolom=name, bron=defn.teller.bron
                )
            )
    if columns.get(defn.gemeentekolom) is not Soort.TEKST:
        raise ValueError(
            _("gemeentekolom '{kolom}' bestaat niet in {bron}").format(
                kolom=defn.gemeentekolom, bron=defn.teller.bron
            )
        )


def _check_dimensions(defn: IndicatorDefinitie, columns: dict[str, Soort]) -> None:
    names = [d.naam for d in defn.dimensies]
    if len(set(names)) != len(names) or TOTAAL in names:
        raise ValueError(_("dimensienamen moeten uniek zijn en mogen niet 'totaal' heten"))
    if defn.noemer_bij_dimensie == "categorie" and defn.is_verdeling:
        raise ValueError(_("een verdeling (teller = noemer) vraagt 'noemer_bij_dimensie: totaal'"))
    if defn.noemer_bij_dimensie == "totaal" and defn.eenheid is not Eenheid.PERCENTAGE:
        raise ValueError(_("'noemer_bij_dimensie: totaal' kan alleen bij een percentage"))
    for dim in defn.dimensies:
        _check_dimension(dim, columns, defn.teller.bron)
    for first in defn.dimensies:
        for second in defn.dimensies:
            if (first.kolom, first.codelijst, first.niveau, second.niveau) == (
                second.kolom, second.codelijst, "groep", "code"
            ) and not _same_empty_category(first, second):
                raise ValueError(
                    _("dimensies '{groep}' en '{code}': leeg_als moet dezelfde groep geven").format(
                        groep=first.naam, code=second.naam
                    )
                )


def _same_empty_category(group_level: Dimensie, code_level: Dimensie) -> bool:
    """Empty values land in the same group on both levels, so groups = sums of their codes."""
    if code_level.leeg_als is None:
        return group_level.leeg_als is None
    return code_list(code_level.codelijst).group(code_level.leeg_als) == group_level.leeg_als


def _check_dimension(dim: Dimensie, columns: dict[str, Soort], bron: str) -> None:
    kind = columns.get(dim.kolom)
    if kind is None:
        raise ValueError(
            _("dimensiekolom '{kolom}' bestaat niet in {bron}").format(kolom=dim.kolom, bron=bron)
        )
    if kind not in (Soort.TEKST, Soort.LIJST):
        raise ValueError(_("dimensiekolom '{kolom}' bevat geen codes").format(kolom=dim.kolom))
    if dim.meervoudig != (kind is Soort.LIJST):
        raise ValueError(
            _("dimensie '{naam}': 'meervoudig' moet {waarde} zijn").format(
                naam=dim.naam, waarde="true" if kind is Soort.LIJST else "false"
            )
        )
    if dim.meervoudig and (dim.leeg_als is not None or dim.niveau == "groep"):
        raise ValueError(
            _("dimensie '{naam}': leeg_als en niveau groep kunnen niet bij meervoudig").format(
                naam=dim.naam
            )
        )
    if dim.codelijst not in code_list_names():
        raise ValueError(
            _("dimensie '{naam}': onbekende codelijst '{lijst}'").format(
                naam=dim.naam, lijst=dim.codelijst
            )
        )
    categories = dim.categories()
    codes = [code for code, _label in categories]
    unlabelled = [code for code, label in categories if not label]
    if unlabelled:
        raise ValueError(
            _("dimensie '{naam}': geef een label voor {codes}").format(
                naam=dim.naam, codes=", ".join(unlabelled)
            )
        )
    if dim.leeg_als is not None and dim.leeg_als not in codes:
        raise ValueError(
            _("dimensie '{naam}': leeg_als '{code}' is geen categorie").format(
                naam=dim.naam, code=dim.leeg_als
            )
        )
    stray = sorted(code for code in dim.labels if code not in codes)
    if stray:
        raise ValueError(
            _("dimensie '{naam}': labels voor onbekende codes {codes}").format(
                naam=dim.naam, codes=", ".join(stray)
            )
        )
