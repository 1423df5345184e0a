# SPDX-License-Identifier: EUPL-1.2
"""Showing a check at the source and deciding on it (``mapping controleer``, ``pseudonymise``).

The table names per rule the file, the partner's own column, how many rows fail and the first
line numbers in the partner's file; it never shows a value, because the partner mails it to the
monitor's helpdesk and identifying fields are among the checked columns. Dates and identities
that cannot be read above a threshold (settings ``check_refuse_fraction`` and
``check_warn_fraction``) stop ``pseudonymise`` (exit 2) or make it end with a warning (exit 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ketenmonitor.cli.output import Column, Output
from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.sources.check import SHOWN_LINES, RuleFailure, SourceCheck

RULE_LABELS: dict[str, str] = {
    "verplicht_leeg": _("Verplicht veld is leeg"),
    "datum_ongeldig": _("Datum onleesbaar of bestaat niet"),
    "datum_toekomst": _("Datum ligt in de toekomst"),
    "ja_nee_ongeldig": _("Geen ja/nee-waarde"),
    "geheel_getal_ongeldig": _("Geen geheel getal"),
    "decimaal_ongeldig": _("Geen getal"),
    "buiten_bereik": _("Getal buiten het toegestane bereik"),
    "code_onbekend": _("Waarde staat niet in de codelijst (vul 'waarden' in de mapping aan)"),
    "gemeente_onbekend": _("Onbekende gemeentecode"),
    "gemeente_ongeldig": _("Gemeente bestond niet op de datum van het record"),
    "dubbel": _("Sleutel komt meer dan eens voor"),
    "buiten_periode": _("Datum buiten de periode van de levering"),
    "bsn_ongeldig": _("BSN onleesbaar of elfproef klopt niet"),
    "geboortedatum_ongeldig": _("Geboortedatum onleesbaar of bestaat niet"),
    "bron_ontbreekt": _("Betrokkene hoort bij geen record in deze export"),
}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def _lines(failure: RuleFailure) -> str:
    shown = ", ".join(str(n) for n in failure.lines[:SHOWN_LINES])
    return shown + (", …" if failure.rows > SHOWN_LINES else "")


def print_check(out: Output, result: SourceCheck, *, quiet_when_clean: bool = False) -> None:
    """The check as a table (or one line when every row passes)."""
    total = sum(result.rows.values())
    if not result.failures:
        if not quiet_when_clean:
            out.line(_("Broncontrole: alle {n} rijen voldoen aan de regels van de "
                       "monitor.").format(n=_number(total)))
        return
    quarantined = result.quarantined_rows
    out.table(
        _("Broncontrole: {fout} van {n} rijen voldoen niet aan de regels van de monitor; "
          "{quarantaine} daarvan gaan bij het inlezen in quarantaine, bij de andere {zwakker} "
          "is alleen het BSN of de geboortedatum onleesbaar en koppelen ze slechter").format(
              fout=_number(result.failed_rows), n=_number(total),
              quarantaine=_number(quarantined),
              zwakker=_number(result.failed_rows - quarantined)),
        [Column(_("Bestand")), Column(_("Controle")), Column(_("Kolom")),
         Column(_("Rijen"), right=True), Column(_("Eerste regels"))],
        [[failure.file, RULE_LABELS.get(failure.reason, failure.reason), failure.column,
          _number(failure.rows), _lines(failure)] for failure in result.failures])


@dataclass(frozen=True)
class Verdict:
    exit_code: ExitCode
    above_warning: list[RuleFailure]


def _describe(failures: Sequence[RuleFailure]) -> str:
    return "; ".join(
        _("{bestand}, kolom '{kolom}': {deel} onleesbaar ({aantal} van {totaal}; eerste regels "
          "{regels})").format(bestand=f.file, kolom=f.column, deel=_percent(f.fraction),
                              aantal=_number(f.rows), totaal=_number(f.filled), regels=_lines(f))
        for f in failures)


def judge(result: SourceCheck) -> Verdict:
    """Refuse (raise) above the refusal threshold; report what is above the warning threshold."""
    settings = get_settings()
    unreadable = result.unreadable()
    refused = [f for f in unreadable if f.fraction > settings.check_refuse_fraction]
    if refused:
        raise InputRefused(
            "bron_onleesbaar",
            _("Te veel datums of identiteitsgegevens zijn onleesbaar: {wat}. Er is geen levering "
              "geschreven.").format(wat=_describe(refused)),
            _("Controleer 'datumformaat' of 'datumformaten' in de mapping, of de export zelf. "
              "'ketenmonitor mapping controleer' toont alle regels. De grens is "
              "KETENMONITOR_CHECK_REFUSE_FRACTION ({grens}).").format(
                grens=_percent(settings.check_refuse_fraction)),
        )
    warned = [f for f in unreadable if f.fraction > settings.check_warn_fraction]
    return Verdict(ExitCode.PARTIAL if warned else ExitCode.OK, warned)


def print_warning(out: Output, verdict: Verdict) -> None:
    if verdict.above_warning:
        out.line(_("Waarschuwing: {wat}. Deze rijen gaan bij het inlezen in quarantaine of "
                   "koppelen slechter (grens KETENMONITOR_CHECK_WARN_FRACTION, {grens}).")
                 .format(wat=_describe(verdict.above_warning),
                         grens=_percent(get_settings().check_warn_fraction)))
