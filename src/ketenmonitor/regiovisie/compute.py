# SPDX-License-Identifier: EUPL-1.2
"""Computing one light from an indicator link: figure + norm (+ reference) → colour or no
judgement with the reason.

Honesty rules: a suppressed (``.``) or missing figure, or a missing reference for a comparison,
gives no colour but 'geen oordeel mogelijk' with the reason; the result always records the
figure, the norm, the period and the publication it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ketenmonitor.core.i18n import _
from ketenmonitor.publish.signs import GEEN_GEGEVENS, NOG_NIET_WAARNEEMBAAR, ONTHULLING
from ketenmonitor.regiovisie.benchmark import Benchmark
from ketenmonitor.regiovisie.figures import (
    REGIO,
    OutputFigures,
    PublishedFigures,
    output_figure,
    previous_period,
)
from ketenmonitor.regiovisie.lights import Kleur
from ketenmonitor.regiovisie.model import IndicatorKoppeling
from ketenmonitor.regiovisie.norms import (
    DrempelNorm,
    OntwikkelingNorm,
    Richting,
    VergelijkingNorm,
    Vergelijkingsbasis,
    describe,
    difference,
    judge_difference,
    judge_threshold,
)
from ketenmonitor.regiovisie.result import Berekening, Cijfer

DECIMALS = {"percentage": 1, "per_1000_inwoners": 1, "per_10000_inwoners": 1,
            "per_10000_vrouwen": 1, "mediaan_dagen": 0, "gemiddelde": 1, "aantal": 0}


@dataclass
class Sources:
    """Where figures come from while evaluating one regiovisie."""

    published: PublishedFigures
    output: OutputFigures
    benchmark: Benchmark | None
    regio_naam: str
    config_problems: list[str] = field(default_factory=list)

    def area(self, gebied: str) -> str:
        """Name of the region or a gemeente, from the publication or else the code lists."""
        if gebied == REGIO:
            return self.regio_naam
        name = self.published.area_name(gebied)
        return self.output.names.get(gebied, gebied) if name == gebied else name


@dataclass
class _Lookup:
    bron: Literal["publicatie", "uitvoeringsprogramma"]
    titel: str
    eenheid: str
    richting: Richting | None
    cijfer: Cijfer | None
    categorie_label: str
    reason: str | None = None  # set when the indicator itself is unavailable


def _direction(koppeling: IndicatorKoppeling, info: dict[str, Any] | None) -> Richting | None:
    implied = koppeling.norm.implied_direction()
    if implied is not None:
        return implied
    if info is not None and info.get("richting") in {r.value for r in Richting}:
        return Richting(info["richting"])
    return None


def _lookup(src: Sources, k: IndicatorKoppeling, periode: str) -> _Lookup:
    if k.output is not None:
        table = src.output.table(k.output, periode)
        if table is None:
            return _Lookup("uitvoeringsprogramma", k.output, "aantal", None, None, "",
                           _("De output-indicator '{id}' bestaat niet in het "
                             "uitvoeringsprogramma.").format(id=k.output))
        cijfer, label = output_figure(table, k.categorie, src.regio_naam)
        # Output counts are 'more is better' unless the norm says otherwise.
        richting = k.norm.implied_direction() or Richting.HOGER_IS_BETER
        return _Lookup("uitvoeringsprogramma", table.indicator.titel, table.indicator.eenheid,
                       richting, cijfer, label)
    assert k.indicator is not None
    info = src.published.info(k.indicator)
    if info is None:
        reason = (
            _("Er is geen publicatie opgegeven, dus geen gepubliceerd cijfer.")
            if src.published.publication is None
            else _("De publicatie bevat indicator '{id}' niet.").format(id=k.indicator)
        )
        return _Lookup("publicatie", k.indicator, "", None, None, "", reason)
    cijfer, label = src.published.cell(k.indicator, k.gebied, periode, k.dimensie, k.categorie)
    return _Lookup("publicatie", str(info["titel"]), str(info["eenheid"]), _direction(k, info),
                   cijfer, label)


def _missing_reason(cijfer: Cijfer | None, what: str, periode: str) -> str | None:
    if cijfer is None:
        return _("Er is geen gepubliceerd cijfer voor {what} in {periode}.").format(
            what=what, periode=periode)
    if cijfer.onderdrukt:
        return no_figure_reason(cijfer.reden, what, periode)
    return None


def no_figure_reason(reden: str | None, what: str, periode: str) -> str:
    """Why no light can be computed, with the reason the publication gives for the empty cell
    (ADR 0021) — not always 'te weinig waarnemingen'."""
    if reden == NOG_NIET_WAARNEEMBAAR:
        text = _("Het cijfer voor {what} in {periode} is nog niet waarneembaar (…): de periode of "
                 "de volgtermijn (bijvoorbeeld 12 of 18 maanden) is op de peildatum nog niet om; "
                 "een kleur zou een gok zijn.")
    elif reden == GEEN_GEGEVENS:
        text = _("Voor {what} in {periode} zijn geen gegevens (.): de bron is voor die periode "
                 "niet aangeleverd of er was niets te tellen; een kleur zou een gok zijn.")
    elif reden == ONTHULLING:
        text = _("Het cijfer voor {what} in {periode} is geheim (x): het is afgeschermd om "
                 "personen te beschermen; een kleur zou een gok zijn.")
    else:  # a CBS figure: '.' there means unknown, not reliable enough or secret
        text = _("Het cijfer voor {what} in {periode} is bij het CBS onbekend, onvoldoende "
                 "betrouwbaar of geheim (.); een kleur zou een gok zijn.")
    return text.format(what=what, periode=periode)


def _reference(src: Sources, k: IndicatorKoppeling, periode: str,
               norm: VergelijkingNorm | OntwikkelingNorm) -> tuple[Cijfer | None, str, str | None]:
    """The reference figure, its label, and a reason when there is none to compare with."""
    if isinstance(norm, OntwikkelingNorm):
        earlier = norm.ten_opzichte_van or previous_period(periode)
        ref = _lookup(src, k, earlier).cijfer
        return ref, earlier, _missing_reason(ref, _("de vergelijkingsperiode"), earlier)
    label = norm.met.label
    if k.output is not None:
        src.config_problems.append(_("koppeling '{id}': een output-indicator kan niet met de regio "
                                     "of Nederland vergeleken worden").format(id=k.id))
        return None, label, _("Een output-indicator heeft geen vergelijkingscijfer.")
    assert k.indicator is not None
    if norm.met is Vergelijkingsbasis.REGIO:
        if k.gebied == REGIO:
            src.config_problems.append(_("koppeling '{id}': de regio vergelijken met de regio zelf "
                                         "zegt niets; kies een gemeente als 'gebied' of "
                                         "'met: nederland'").format(id=k.id))
            return None, label, _("De regio kan niet met zichzelf vergeleken worden.")
        ref, _label = src.published.cell(k.indicator, REGIO, periode, k.dimensie, k.categorie)
        return ref, label, _missing_reason(ref, _("de regio"), periode)
    if src.benchmark is None:
        return None, label, _("Er is geen vergelijkingscijfer voor Nederland beschikbaar.")
    ref = src.benchmark.cijfer(k.indicator, periode, k.dimensie, k.categorie)
    return ref, src.benchmark.naam, _missing_reason(ref, src.benchmark.naam, periode)


def compute_light(src: Sources, k: IndicatorKoppeling, report_period: str) -> Berekening:
    """The computed light of link ``k`` for ``report_period`` (or the link's own period)."""
    periode = k.periode or report_period
    found = _lookup(src, k, periode)
    decimals = 0 if k.output is not None else DECIMALS.get(found.eenheid, 1)
    norm = k.norm
    ref: Cijfer | None = None
    ref_label = ""
    delta: float | None = None
    kleur: Kleur | None = None
    reason = found.reason
    what = found.titel if k.gebied == REGIO else f"{found.titel} ({src.area(k.gebied)})"
    if reason is None:
        reason = _missing_reason(found.cijfer, what, periode)
    if reason is None and found.richting is None:
        src.config_problems.append(_("koppeling '{id}': de norm heeft geen richting en de "
                                     "indicator is neutraal; zet 'richting' in de norm").format(id=k.id))
        reason = _("De norm zegt niet of hoger of lager beter is.")
    if isinstance(norm, VergelijkingNorm | OntwikkelingNorm):
        ref, ref_label, ref_reason = _reference(src, k, periode, norm)
        reason = reason or ref_reason
    if reason is None:
        assert found.cijfer is not None and found.cijfer.waarde is not None
        assert found.richting is not None
        value = found.cijfer.waarde
        if isinstance(norm, DrempelNorm):
            kleur = judge_threshold(norm, value, found.richting)
        else:
            assert ref is not None and ref.waarde is not None
            delta = difference(value, ref.waarde, found.richting, norm.verschil)
            if delta is None:
                reason = _("De vergelijkingswaarde is 0; een relatief verschil bestaat dan niet.")
            else:
                kleur = judge_difference(norm, delta)
    publication = src.published.publication if found.bron == "publicatie" else None
    return Berekening(
        bron=found.bron,
        indicator_id=k.indicator or k.output or "",
        indicator_titel=found.titel,
        eenheid=found.eenheid,
        dimensie=k.dimensie,
        categorie=k.categorie,
        categorie_label=found.categorie_label or k.categorie,
        cijfer=found.cijfer,
        norm=norm,
        norm_tekst=describe(norm, found.richting, decimals, ref_label or None),
        richting=found.richting.value if found.richting else None,
        referentie=ref,
        referentie_label=ref_label,
        verschil=delta,
        kleur=kleur,
        reden_geen_oordeel=None if kleur is not None else reason,
        publicatie_id=publication.publication_id if publication else None,
        peildatum=publication.peildatum if publication else None,
        periode=periode,
        gebied_naam=src.area(k.gebied),
    )
