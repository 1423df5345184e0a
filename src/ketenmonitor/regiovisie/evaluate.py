# SPDX-License-Identifier: EUPL-1.2
"""``evaluate(regiovisie, periode, publication, benchmark)`` → :class:`EvaluatedReport`.

Computed lights read only the published, disclosure-controlled figures of the publication (and
counts from the uitvoeringsprogramma); judged lights and overrides come from the regiovisie. The
result holds every light of every period up to the one asked for, so a report can show progress.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.benchmark import Benchmark, publication_benchmark
from ketenmonitor.regiovisie.budget import finances
from ketenmonitor.regiovisie.checks import check_regiovisie
from ketenmonitor.regiovisie.compute import Sources, compute_light
from ketenmonitor.regiovisie.errors import Fout, RegiovisieError, refused
from ketenmonitor.regiovisie.figures import OutputFigures, PublishedFigures
from ketenmonitor.regiovisie.lights import (
    Kleur,
    LichtStatus,
    default_definitions,
    geen_oordeel_definition,
)
from ketenmonitor.regiovisie.model import (
    Licht,
    Rapportageperiode,
    Regiovisie,
    Resultaat,
    ResultaatRapportage,
    period_key,
)
from ketenmonitor.regiovisie.programme import in_period
from ketenmonitor.regiovisie.result import (
    EvaluatedLight,
    EvaluatedOpgave,
    EvaluatedReport,
    EvaluatedResultaat,
    IndicatorInfo,
    LichtDefinitie,
    Probleem,
    Verloop,
)


def _region_name(code: str) -> str:
    from ketenmonitor.codes import region

    return region(code).naam


def _gemeente_names(regio: str) -> dict[str, str]:
    from ketenmonitor.codes import all_gemeenten

    return {g.code: g.naam for g in all_gemeenten() if g.regio == regio}


def _specs(resultaat: Resultaat, rr: ResultaatRapportage, src: Sources) -> list[Licht]:
    """The lights given for the period, or one computed light per indicator link."""
    if rr.lichten:
        return list(rr.lichten)
    several = len(resultaat.indicatoren) > 1
    specs = []
    for k in resultaat.indicatoren:
        name = k.titel
        if several and not name:
            info = src.published.info(k.indicator) if k.indicator else None
            name = str(info["titel"]) if info else (k.indicator or k.output or k.id)
        specs.append(Licht(koppeling=k.id, onderdeel=name if several else k.titel))
    return specs


def _light(spec: Licht, resultaat: Resultaat, periode: str, src: Sources, where: str,
           problems: list[Probleem] | None) -> EvaluatedLight:
    if spec.oordeel is not None:
        return EvaluatedLight(spec.onderdeel, "oordeel", spec.oordeel.status,
                              beoordeeld_door=spec.beoordeeld_door, uitleg=spec.uitleg)
    koppeling = resultaat.koppeling(spec.koppeling or "")
    if koppeling is None:  # check_regiovisie refuses this; kept for models built in code
        return EvaluatedLight(spec.onderdeel, "berekend", LichtStatus.GEEN_OORDEEL,
                              waarschuwingen=(_("De koppeling '{id}' bestaat niet.").format(
                                  id=spec.koppeling),))
    berekening = compute_light(src, koppeling, periode)
    status = spec.overschrijving.kleur.status if spec.overschrijving else berekening.status
    warnings: list[str] = []
    if berekening.kleur is None and berekening.reden_geen_oordeel:
        warnings.append(berekening.reden_geen_oordeel)
    # Only a colour that was computed rests on the provisional figure.
    if berekening.kleur is not None and berekening.cijfer is not None and berekening.cijfer.voorlopig:
        warnings.append(_("Berekend op een voorlopig cijfer (*)."))
    chosen = status.kleur
    if chosen is not None and chosen.needs_explanation and spec.uitleg is None:
        text = _("Dit licht is {kleur}, maar er is geen uitleg (oorzaak, gevolg, bijsturing).").format(
            kleur=status.label.lower())
        warnings.append(text)
        if problems is not None:
            problems.append(Probleem(where, text))
    return EvaluatedLight(
        onderdeel=spec.onderdeel,
        soort="berekend",
        status=status,
        berekening=berekening,
        overschrijving=spec.overschrijving,
        beoordeeld_door=spec.beoordeeld_door,
        uitleg=spec.uitleg,
        waarschuwingen=tuple(warnings),
    )


def _lights(resultaat: Resultaat, rapportage: Rapportageperiode, src: Sources, where: str,
            problems: list[Probleem] | None) -> tuple[EvaluatedLight, ...]:
    rr = rapportage.resultaten.get(resultaat.id, ResultaatRapportage())
    specs = _specs(resultaat, rr, src)
    if not specs:
        text = _("Voor dit resultaat is in deze periode geen licht gegeven en er is geen indicator "
                 "aan gekoppeld.")
        if problems is not None:
            problems.append(Probleem(where, text))
        return (EvaluatedLight("", "oordeel", LichtStatus.GEEN_OORDEEL, waarschuwingen=(text,)),)
    return tuple(
        _light(spec, resultaat, rapportage.periode, src, f"{where}.lichten[{i}]", problems)
        for i, spec in enumerate(specs)
    )


def _indicator_infos(report_lights: list[EvaluatedLight], src: Sources) -> tuple[IndicatorInfo, ...]:
    seen: dict[str, IndicatorInfo] = {}
    for light in report_lights:
        b = light.berekening
        if b is None or b.indicator_id in seen:
            continue
        if b.bron == "publicatie":
            info = src.published.info(b.indicator_id)
            if info is None:
                continue
            seen[b.indicator_id] = IndicatorInfo(
                id=b.indicator_id, titel=str(info["titel"]), definitie=str(info["definitie"]),
                eenheid=str(info["eenheid"]), teller=str(info["teller"]), noemer=str(info["noemer"]),
                bronnen=tuple(str(x) for x in info["bronnen"]),
                cbs_opmerking=str(info["cbs_opmerking"]))
        else:
            ind = src.output.indicators.get(b.indicator_id)
            if ind is None:
                continue
            what = _("deelnemers") if ind.maat == "deelnemers" else _("activiteiten")
            seen[b.indicator_id] = IndicatorInfo(
                id=ind.id, titel=ind.titel, definitie=ind.omschrijving, eenheid=ind.eenheid,
                teller=_("aantal {what} van geregistreerde activiteiten").format(what=what),
                noemer="", bronnen=(_("uitvoeringsprogramma (geregistreerde activiteiten)"),),
                cbs_opmerking="", bron="uitvoeringsprogramma")
    return tuple(seen.values())


def evaluate(regiovisie: Regiovisie, periode: str, publication: Publication | None = None,
             benchmark: Benchmark | None = None) -> EvaluatedReport:
    """The stoplichtenrapportage of ``periode`` (e.g. "2025"), ready for the renderers.

    ``benchmark`` gives the national figures for ``vergelijking`` norms with ``met: nederland``;
    without it the CBS comparison table of the publication is used when present.
    Refuses (``RegiovisieError``, exit code 2) a regiovisie with reference errors, an unknown
    period, or a publication of another region.
    """
    rapportage = regiovisie.rapportage(periode)
    if rapportage is None:
        known = ", ".join(regiovisie.perioden) or _("geen")
        raise RegiovisieError(
            "periode_onbekend",
            _("De regiovisie heeft geen rapportage voor periode {periode}.").format(periode=periode),
            _("Kies een van de rapportageperioden: {known}.").format(known=known),
            [Fout("rapportages", _("periode {periode} ontbreekt").format(periode=periode))],
        )
    if publication is not None and publication.region != regiovisie.regio:
        raise RegiovisieError(
            "publicatie_andere_regio",
            _("De publicatie {pub} is van regio '{pr}', de regiovisie van regio '{rr}'.").format(
                pub=publication.publication_id, pr=publication.region, rr=regiovisie.regio),
            _("Gebruik een publicatie van dezelfde regio als de regiovisie."),
        )
    fouten = check_regiovisie(regiovisie)
    if fouten:
        raise refused(fouten, _("het model"))
    regio_naam = _region_name(regiovisie.regio)
    names = _gemeente_names(regiovisie.regio)
    programme = regiovisie.uitvoeringsprogramma
    src = Sources(PublishedFigures(publication),
                  OutputFigures(programme.outputindicatoren, programme.activiteiten, names),
                  benchmark or publication_benchmark(publication), regio_naam)
    problems: list[Probleem] = []
    period = Period.parse(periode)
    current = period_key(periode)
    history = sorted((r for r in regiovisie.rapportages if period_key(r.periode) <= current),
                     key=lambda r: period_key(r.periode))
    index = regiovisie.rapportages.index(rapportage)
    chapters = []
    for opgave in regiovisie.ontwikkelopgaven:
        orap = rapportage.opgaven.get(opgave.id)
        results = []
        for res in opgave.resultaten:
            where = f"rapportages[{index}].resultaten.{res.id}"
            lights = _lights(res, rapportage, src, where, problems)
            verloop = tuple(
                Verloop(r.periode, tuple((lt.onderdeel, lt.status) for lt in (
                    lights if r is rapportage else _lights(res, r, src, where, None))))
                for r in history
            )
            rr = rapportage.resultaten.get(res.id, ResultaatRapportage())
            results.append(EvaluatedResultaat(
                id=res.id, titel=res.titel, omschrijving=res.omschrijving, acties=tuple(res.acties),
                lichten=lights, toelichting=rr.toelichting, voorbeelden=tuple(rr.voorbeelden),
                verloop=verloop,
                activiteiten=tuple(a.id for a in programme.activiteiten
                                   if res.id in a.resultaten and in_period(a, period))))
        chapters.append(EvaluatedOpgave(
            id=opgave.id, titel=opgave.titel, omschrijving=opgave.omschrijving,
            samenvatting=orap.samenvatting if orap else "",
            praktijkverhalen=tuple(orap.praktijkverhalen) if orap else (),
            reflectie=orap.reflectie if orap else None, resultaten=tuple(results)))
    problems.extend(Probleem("", p) for p in dict.fromkeys(src.config_problems))
    all_lights = [lt for c in chapters for r in c.resultaten for lt in r.lichten]
    titles = {o.id: o.titel for o in regiovisie.ontwikkelopgaven}
    defaults = default_definitions()  # for colours the regiovisie does not define itself
    definitions = [LichtDefinitie(k.status, regiovisie.lichtdefinities.get(k) or defaults[k])
                   for k in Kleur]
    definitions.append(LichtDefinitie(LichtStatus.GEEN_OORDEEL, geen_oordeel_definition()))
    return EvaluatedReport(
        titel=regiovisie.titel,
        regio=regiovisie.regio,
        regio_naam=regio_naam,
        looptijd=regiovisie.looptijd.label,
        indeling_enkelvoud=regiovisie.indeling.singular,
        indeling_meervoud=regiovisie.indeling.plural,
        inleiding=regiovisie.inleiding,
        periode=periode,
        periode_label=period.label,
        rapport_titel=rapportage.titel or _("Voortgangsrapportage {periode}").format(
            periode=period.label),
        status=rapportage.status,
        vastgesteld_op=rapportage.vastgesteld_op,
        samenvatting=rapportage.samenvatting,
        publicatie_id=publication.publication_id if publication else None,
        peildatum=publication.peildatum if publication else None,
        lichtdefinities=tuple(definitions),
        opgaven=tuple(chapters),
        vervolg=rapportage.vervolg,
        activiteiten=tuple(a for a in programme.activiteiten if in_period(a, period)),
        output=tuple(t for t in (src.output.table(i.id, periode)
                                 for i in programme.outputindicatoren) if t is not None),
        financien=finances(regiovisie.begroting, period.year, regiovisie.regio, titles)
        if regiovisie.begroting.bronnen or regiovisie.begroting.posten else None,
        indicatoren=_indicator_infos(all_lights, src),
        perioden=tuple(regiovisie.perioden),
        herijkingen=tuple(regiovisie.looptijd.herijkingen(period.year + 4)),
        problemen=tuple(problems),
    )
