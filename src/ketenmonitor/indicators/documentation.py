# SPDX-License-Identifier: EUPL-1.2
"""The user documentation of the indicator catalogue (``docs/indicatoren.md``), generated.

Every indicator of ``indicators/catalogue/`` appears with its definition, formula, unit,
numerator and denominator, period, breakdowns, sources, disclosure rule, CBS comparison and the
direction in which "better" lies. A test fails when the file in ``docs/`` differs from what this
module renders. Regenerate it with::

    python -m ketenmonitor.indicators.documentation docs/indicatoren.md
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ketenmonitor.codes import code_list, method_breaks
from ketenmonitor.core.i18n import _
from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.example import EXAMPLE_YAML
from ketenmonitor.indicators.explain import (
    describe_dimension,
    describe_period,
    direction_text,
    disclosure_text,
    filters_text,
    unit_text,
)
from ketenmonitor.indicators.model import IndicatorDefinitie
from ketenmonitor.indicators.trend import MIN_YEARS
from ketenmonitor.indicators.uncertainty import SMALL_NUMBER

COMMAND = "python -m ketenmonitor.indicators.documentation docs/indicatoren.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _intro(catalogue: Catalogue) -> list[str]:
    themes = code_list("thema").labels.values()
    counts = [(t, sum(1 for d in catalogue.values() if d.thema == t)) for t in themes]
    lines = [
        "# " + _("Indicatoren"),
        "",
        _("Dit document beschrijft alle {n} indicatoren van de Ketenmonitor. Het is gegenereerd "
          "uit de catalogus (`src/ketenmonitor/indicators/catalogue/`, één YAML-bestand per "
          "indicator); wijzig de catalogus en genereer het opnieuw met `{command}`.").format(
            n=len(catalogue), command=COMMAND),
        "",
        _("Per indicator en per gemeente en regio, halfjaar en jaar staan in de publicatie de "
          "teller, de noemer, de waarde, een 95%-betrouwbaarheidsinterval (exact Poisson bij "
          "cijfers per inwoners, Wilson bij percentages), een markering als het cijfer op minder "
          "dan {small} waarnemingen rust, de trend over ten minste {years} volledige jaren "
          "(Mann-Kendall met de helling van Sen) en de methodebreuken. Zie ADR 0006 en het "
          "publicatieformaat.").format(small=SMALL_NUMBER, years=MIN_YEARS),
        "",
        _("`ketenmonitor indicator list` toont de catalogus; `ketenmonitor indicator show ID` "
          "toont één definitie met de SQL die de Ketenmonitor ervan maakt."),
        "",
        "## " + _("Indicatoren per thema"),
        "",
        _("De thema's volgen de Impactmonitor aanpak huiselijk geweld en kindermishandeling van "
          "het CBS. Het thema *Toerusting door opleiding* ontbreekt: trainingen staan niet in de "
          "leveringen van de ketenpartners maar bij de activiteiten van de regiovisie."),
        "",
        "| " + _("Thema") + " | " + _("Aantal") + " | " + _("Indicatoren") + " |",
        "|---|---:|---|",
    ]
    for thema, n in counts:
        ids = ", ".join(f"[`{d.id}`](#{d.id})" for d in catalogue.values() if d.thema == thema)
        lines.append(f"| {thema} | {n} | {ids or '—'} |")
    lines += ["| " + _("Totaal") + f" | {len(catalogue)} | |", ""]
    breaks = "; ".join(f"{b.vanaf.isoformat()}: {b.omschrijving}" for b in method_breaks())
    lines += [
        "## " + _("Methodebreuken"),
        "",
        _("Uit `src/ketenmonitor/codes/data/methodebreuken.csv`: {breaks}").format(breaks=breaks),
        "",
    ]
    return lines


def _example() -> list[str]:
    yaml_text = EXAMPLE_YAML.rstrip("\n")
    return [
        "## " + _("Een indicator toevoegen is één bestand toevoegen"),
        "",
        _("Een nieuwe indicator vraagt geen code: zet één YAML-bestand `<id>.yaml` in "
          "`src/ketenmonitor/indicators/catalogue/`. De Ketenmonitor controleert het bij het "
          "laden (bestaan de kolommen, past elk filter bij zijn kolom, is de teller een deel van "
          "de noemer, bestaat de codelijst) en meldt een fout in het Nederlands met het veld "
          "erbij. Daarna rekent `ketenmonitor compute` de indicator mee, past `ketenmonitor "
          "publish` de onthullingscontrole toe en komt hij in dit document en in het rapport."),
        "",
        _("Voorbeeld: het aandeel van de adviezen dat van een huisarts komt, uitgesplitst naar "
          "aard van het geweld. Sla dit op als `adviezen_van_huisartsen.yaml`:"),
        "",
        "```yaml",
        yaml_text,
        "```",
        "",
        _("Controleer de definitie en bekijk de SQL die ervan gemaakt wordt met "
          "`ketenmonitor indicator show adviezen_van_huisartsen --sql`; genereer daarna dit "
          "document opnieuw. De velden:"),
        "",
        "| " + _("Veld") + " | " + _("Betekenis") + " |",
        "|---|---|",
        "| `id`, `volgorde`, `titel` | " + _("Naam van het bestand, plaats in de lijst, titel in "
                                           "het rapport.") + " |",
        "| `definitie`, `formule` | " + _("Wat de indicator meet, in gewone taal, en de "
                                         "rekenregel.") + " |",
        "| `eenheid` | " + _("`percentage`, `per_1000_inwoners`, `per_10000_inwoners`, "
                            "`per_10000_vrouwen`, `mediaan_dagen` of `gemiddelde`.") + " |",
        "| `teller`, `noemer` | " + _("Brontabel, filters (`gelijk`, `niet_gelijk`, `in`, "
                                      "`niet_in`, `leeg`, `niet_leeg`, `waar`, `onwaar`, "
                                      "`minimaal`, `maximaal`) en maat; de noemer is een deel "
                                      "van dezelfde bron of `inwoners: true`.") + " |",
        "| `datumkolom` " + _("of") + " `stand` | " + _(
            "Welke datum een rij in een periode zet, of een stand op de laatste dag van de "
            "periode (`van` en `tot`), zoals een wachtlijst.") + " |",
        "| `dimensies` | " + _("Uitsplitsingen naar een codelijst (`niveau: groep` voor de "
                               "groepen, `meervoudig` voor lijstkolommen, `leeg_als` voor "
                               "lege waarden).") + " |",
        "| `bronnen`, `cbs_opmerking` | " + _("De recordsoorten van de partners en de "
                                             "vergelijkbaarheid met CBS.") + " |",
        "| `openbaarmaking`, `richting`, `thema` | " + _(
            "`standaard` of `verhoogde_drempel`; `hoger_is_beter`, `lager_is_beter` of "
            "`neutraal`; een thema uit de codelijst `thema`.") + " |",
        "",
    ]


def _indicator(defn: IndicatorDefinitie) -> list[str]:
    rows: list[tuple[str, str]] = [
        (_("Id"), f"`{defn.id}`"),
        (_("Thema"), defn.thema),
        (_("Definitie"), defn.definitie),
        (_("Formule"), defn.formule),
        (_("Eenheid"), unit_text(defn.eenheid)),
        (_("Teller"), f"{defn.teller.omschrijving} ({filters_text(defn.teller.filters)})"),
        (_("Noemer"), defn.noemer.omschrijving if defn.noemer.inwoners
         else f"{defn.noemer.omschrijving} ({filters_text(defn.noemer.filters)})"),
        (_("Periode"), describe_period(defn)),
        (_("Uitsplitsingen"), "; ".join(describe_dimension(d) for d in defn.dimensies)
         or _("geen (alleen het totaal)")),
        (_("Bronnen"), ", ".join(f"`{b}` ({RECORD_TYPES[b].description.rstrip('.')})"
                                 for b in defn.bronnen)),
        (_("Onthullingscontrole"), disclosure_text(defn)),
        (_("Vergelijking met CBS"), defn.cbs_opmerking),
        (_("Beter is"), direction_text(defn.richting)),
    ]
    lines = [f'### <a id="{defn.id}"></a>{defn.titel}', "",
             "| | |", "|---|---|"]
    lines += [f"| {label} | {_cell(text)} |" for label, text in rows]
    return [*lines, ""]


def render_indicator_docs(catalogue: Catalogue | None = None) -> str:
    catalogue = catalogue or load_catalogue()
    lines = _intro(catalogue) + _example()
    for thema in code_list("thema").labels.values():
        members = [d for d in catalogue.values() if d.thema == thema]
        if members:
            lines += [f"## {thema}", ""]
            for defn in members:
                lines += _indicator(defn)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write(_("Gebruik: {command}").format(command=COMMAND) + "\n")
        return 2
    target = Path(args[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_indicator_docs(), encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
