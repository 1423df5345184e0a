# SPDX-License-Identifier: EUPL-1.2
"""Checks across the model that pydantic cannot do field by field: unique ids, references that
must exist, gemeenten of the region, and (optionally) indicator ids and dimensions from the
catalogue. Every problem names its place as a path in the YAML, so the loader can add the line.
"""

from __future__ import annotations

from collections.abc import Iterable

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.errors import Fout, at
from ketenmonitor.regiovisie.model import Regiovisie

Path = tuple[str | int, ...]


def _unique(items: Iterable[tuple[Path, str]], what: str) -> list[Fout]:
    seen: set[str] = set()
    found = []
    for pad, ident in items:
        if ident in seen:
            found.append(at(pad, _("{what} '{id}' komt twee keer voor").format(what=what, id=ident),
                            _("geef elk(e) {what} een eigen id").format(what=what)))
        seen.add(ident)
    return found


def _structure(rv: Regiovisie) -> list[Fout]:
    fouten = _unique((((("ontwikkelopgaven", i, "id")), o.id)
                      for i, o in enumerate(rv.ontwikkelopgaven)), _("ontwikkelopgave"))
    fouten += _unique(((("ontwikkelopgaven", i, "resultaten", j, "id"), r.id)
                       for i, o in enumerate(rv.ontwikkelopgaven)
                       for j, r in enumerate(o.resultaten)), _("resultaat"))
    for i, o in enumerate(rv.ontwikkelopgaven):
        for j, r in enumerate(o.resultaten):
            fouten += _unique(((("ontwikkelopgaven", i, "resultaten", j, "indicatoren", n, "id"), k.id)
                               for n, k in enumerate(r.indicatoren)), _("koppeling"))
    prog = rv.uitvoeringsprogramma
    fouten += _unique(((("uitvoeringsprogramma", "activiteiten", i, "id"), a.id)
                       for i, a in enumerate(prog.activiteiten)), _("activiteit"))
    fouten += _unique(((("uitvoeringsprogramma", "outputindicatoren", i, "id"), x.id)
                       for i, x in enumerate(prog.outputindicatoren)), _("output-indicator"))
    fouten += _unique(((("begroting", "bronnen", i, "id"), b.id)
                       for i, b in enumerate(rv.begroting.bronnen)), _("financieringsbron"))
    fouten += _unique(((("begroting", "posten", i, "id"), p.id)
                       for i, p in enumerate(rv.begroting.posten)), _("begrotingspost"))
    fouten += _unique(((("rapportages", i, "periode"), r.periode)
                       for i, r in enumerate(rv.rapportages)), _("rapportageperiode"))
    return fouten


def _links(rv: Regiovisie, gemeenten: set[str] | None) -> list[Fout]:
    outputs = {x.id: x for x in rv.uitvoeringsprogramma.outputindicatoren}
    fouten = []
    for i, o in enumerate(rv.ontwikkelopgaven):
        for j, r in enumerate(o.resultaten):
            for n, k in enumerate(r.indicatoren):
                pad: Path = ("ontwikkelopgaven", i, "resultaten", j, "indicatoren", n)
                if k.output is not None and k.output not in outputs:
                    fouten.append(at((*pad, "output"), _("output-indicator '{id}' bestaat niet").format(
                        id=k.output), _("kies een id uit uitvoeringsprogramma.outputindicatoren")))
                if k.output in outputs:
                    split = outputs[k.output].uitsplitsing
                    if split == "geen" and k.categorie != "totaal":
                        fouten.append(at((*pad, "categorie"), _(
                            "output-indicator '{id}' heeft geen uitsplitsing").format(id=k.output),
                            _("laat 'categorie' weg of gebruik 'totaal'")))
                if gemeenten is not None and k.gebied != "regio" and k.gebied not in gemeenten:
                    fouten.append(at((*pad, "gebied"), _("gemeente {code} hoort niet bij regio "
                                                          "{regio}").format(code=k.gebied, regio=rv.regio),
                                     _("gebruik 'regio' of een gemeentecode van de regio")))
    return fouten


def _reports(rv: Regiovisie) -> list[Fout]:
    fouten = []
    opgaven = {o.id for o in rv.ontwikkelopgaven}
    for i, rap in enumerate(rv.rapportages):
        for key in rap.opgaven:
            if key not in opgaven:
                fouten.append(at(("rapportages", i, "opgaven", key), _(
                    "er is geen ontwikkelopgave met id '{id}'").format(id=key),
                    _("kies uit: {ids}").format(ids=", ".join(sorted(opgaven)))))
        for key, rr in rap.resultaten.items():
            resultaat = rv.resultaat(key)
            if resultaat is None:
                fouten.append(at(("rapportages", i, "resultaten", key), _(
                    "er is geen resultaat met id '{id}'").format(id=key),
                    _("gebruik de id van een resultaat uit de ontwikkelopgaven")))
                continue
            known = [k.id for k in resultaat.indicatoren]
            for n, licht in enumerate(rr.lichten):
                if licht.koppeling is not None and licht.koppeling not in known:
                    fouten.append(at(("rapportages", i, "resultaten", key, "lichten", n, "koppeling"),
                                     _("resultaat '{res}' heeft geen koppeling '{id}'").format(
                                         res=key, id=licht.koppeling),
                                     _("kies uit: {ids}").format(ids=", ".join(known) or _("(geen)"))))
    return fouten


def _programme(rv: Regiovisie, gemeenten: set[str] | None) -> list[Fout]:
    fouten = []
    opgaven = {o.id for o in rv.ontwikkelopgaven}
    resultaten = {r.id for _o, r in rv.iter_resultaten()}
    bronnen = {b.id for b in rv.begroting.bronnen}
    for i, a in enumerate(rv.uitvoeringsprogramma.activiteiten):
        pad: Path = ("uitvoeringsprogramma", "activiteiten", i)
        if a.opgave is not None and a.opgave not in opgaven:
            fouten.append(at((*pad, "opgave"), _("er is geen ontwikkelopgave met id '{id}'").format(
                id=a.opgave)))
        for n, res in enumerate(a.resultaten):
            if res not in resultaten:
                fouten.append(at((*pad, "resultaten", n), _("er is geen resultaat met id '{id}'").format(
                    id=res)))
        for n, code in enumerate(a.gemeenten):
            if gemeenten is not None and code not in gemeenten:
                fouten.append(at((*pad, "gemeenten", n), _("gemeente {code} hoort niet bij regio "
                                                            "{regio}").format(code=code, regio=rv.regio)))
    for i, p in enumerate(rv.begroting.posten):
        if p.opgave is not None and p.opgave not in opgaven:
            fouten.append(at(("begroting", "posten", i, "opgave"),
                             _("er is geen ontwikkelopgave met id '{id}'").format(id=p.opgave)))
        if p.bron is not None and p.bron not in bronnen:
            fouten.append(at(("begroting", "posten", i, "bron"),
                             _("er is geen financieringsbron met id '{id}'").format(id=p.bron)))
    for i, b in enumerate(rv.begroting.bronnen):
        for n, code in enumerate(b.gemeenten):
            if gemeenten is not None and code not in gemeenten:
                fouten.append(at(("begroting", "bronnen", i, "gemeenten", n), _(
                    "gemeente {code} hoort niet bij regio {regio}").format(code=code, regio=rv.regio)))
    return fouten


def _region(rv: Regiovisie) -> tuple[list[Fout], set[str] | None]:
    from ketenmonitor.codes import all_gemeenten, region

    try:
        region(rv.regio)
    except KetenmonitorError as error:
        return [at(("regio",), error.message, error.hint)], None
    return [], {g.code for g in all_gemeenten() if g.regio == rv.regio}


def _catalogue(rv: Regiovisie) -> list[Fout]:
    from ketenmonitor.indicators import load_catalogue

    try:
        catalogue = load_catalogue()
    except KetenmonitorError as error:
        return [at((), _("de indicatorcatalogus kon niet geladen worden: {m}").format(m=error.message))]
    fouten = []
    for i, o in enumerate(rv.ontwikkelopgaven):
        for j, r in enumerate(o.resultaten):
            for n, k in enumerate(r.indicatoren):
                if k.indicator is None:
                    continue
                pad: Path = ("ontwikkelopgaven", i, "resultaten", j, "indicatoren", n)
                if k.indicator not in catalogue:
                    fouten.append(at((*pad, "indicator"), _(
                        "indicator '{id}' staat niet in de catalogus").format(id=k.indicator),
                        _("kies uit: {ids}").format(ids=", ".join(catalogue))))
                    continue
                defn = catalogue[k.indicator]
                dims = {d.naam: d for d in defn.dimensies}
                if k.dimensie != "totaal" and k.dimensie not in dims:
                    fouten.append(at((*pad, "dimensie"), _(
                        "indicator '{id}' heeft geen uitsplitsing '{dim}'").format(
                            id=k.indicator, dim=k.dimensie),
                        _("kies uit: {dims}").format(dims=", ".join(["totaal", *dims]))))
                elif k.dimensie == "totaal" and k.categorie != "totaal":
                    fouten.append(at((*pad, "categorie"), _(
                        "zonder uitsplitsing ('dimensie: totaal') is de categorie 'totaal'")))
                elif k.dimensie in dims and k.categorie != "totaal":
                    cats = [c for c, _label in dims[k.dimensie].categories()]
                    if k.categorie not in cats:
                        fouten.append(at((*pad, "categorie"), _(
                            "uitsplitsing '{dim}' heeft geen categorie '{cat}'").format(
                                dim=k.dimensie, cat=k.categorie),
                            _("kies uit: {cats}").format(cats=", ".join(cats))))
                if k.norm.implied_direction() is None and defn.richting.value == "neutraal":
                    fouten.append(at((*pad, "norm", "richting"), _(
                        "indicator '{id}' is neutraal en de norm zegt niet of hoger of lager "
                        "beter is").format(id=k.indicator),
                        _("zet 'richting: hoger_is_beter' of 'richting: lager_is_beter' in de norm")))
    return fouten


def check_regiovisie(rv: Regiovisie, catalogue: bool = False) -> list[Fout]:
    """Every cross-reference problem of ``rv``; with ``catalogue`` also the indicator links
    against the bundled indicator catalogue."""
    fouten, gemeenten = _region(rv)
    fouten += _structure(rv) + _links(rv, gemeenten) + _reports(rv) + _programme(rv, gemeenten)
    if catalogue:
        fouten += _catalogue(rv)
    return fouten
