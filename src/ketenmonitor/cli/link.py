# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor link``: persons and households (probabilistic on tokens, or BSN only), then derive."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.formatting import format_count, format_number, format_percent
from ketenmonitor.core.i18n import _
from ketenmonitor.core.linkage_fallback import fallback_explanation
from ketenmonitor.core.periods import parse_date
from ketenmonitor.core.settings import EngineName, get_settings
from ketenmonitor.derive import derive_all
from ketenmonitor.engine import resolve_engine
from ketenmonitor.linkage import LinkageSummary, ModelConfig, link_deterministic
from ketenmonitor.linkage.blocking import rule_words
from ketenmonitor.warehouse import connect

console = make_console()

WAREHOUSE_HELP = _("Pad naar de warehouse (standaard KETENMONITOR_WAREHOUSE of de werkmap).")


class Methode(StrEnum):
    PROBABILISTISCH = "probabilistisch"
    BSN = "bsn"


def _share(part: int, whole: int) -> str:
    share = 100 * part / whole if whole else 0.0
    return f"{format_count(part)} ({format_percent(share)})"


def _percent(value: float | None) -> str:
    return "-" if value is None else format_percent(100 * value, 2)


def _interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "-"
    return _("{laag} tot {hoog}").format(laag=_percent(low), hoog=_percent(high))


def print_linkage(summary: LinkageSummary) -> None:
    if summary.method == "bsn_token":
        table = Table(title=_("Koppeling op BSN-token"))
        rows = [
            (_("Records"), format_count(summary.records)),
            (_("Gekoppeld op BSN-token"), format_count(summary.linked_records)),
            (_("Niet gekoppeld (geen BSN)"), _share(summary.unlinked_records, summary.records)),
        ]
    else:
        table = Table(title=_("Probabilistische koppeling op tokens"))
        rows = [
            (_("Records"), format_count(summary.records)),
            (_("Gekoppeld op BSN-token"),
             _share(summary.linked_records - summary.probabilistic_records, summary.records)),
            (_("Probabilistisch gekoppeld"),
             _share(summary.probabilistic_records, summary.records)),
            (_("Enkelvoudig (persoon komt één keer voor)"),
             _share(summary.single_records, summary.records)),
            (_("Niet te koppelen (te weinig gegevens)"),
             _share(summary.unlinked_records, summary.records)),
            (_("Drempel matchkans"), _percent(summary.match_threshold)),
            (_("Geschatte precisie"), _percent(summary.estimated_precision)),
            (_("Geschatte recall"), _percent(summary.estimated_recall)),
            (_("Geschatte recall, 95%-interval"),
             _interval(summary.estimated_recall_low, summary.estimated_recall_high)),
        ]
    table.add_column(_("Maat"))
    table.add_column(_("Aantal"), justify="right")
    for label, value in (*rows, (_("Personen"), format_count(summary.persons)),
                         (_("Huishoudens"), format_count(summary.households))):
        table.add_row(label, value)
    console.print(table)
    fallback = fallback_explanation(summary.fallback_reason, summary.min_training_pairs)
    if fallback:
        console.print(fallback)
    method = recall_method_text(summary)
    if method:
        console.print(method)
    for line in narrowed_rules(summary.blocking):
        console.print(line)


def recall_method_text(summary: LinkageSummary) -> str | None:
    """How the model estimated its recall (issue 16), in Dutch."""
    if summary.recall_method == "steekproef_niet_voorgestelde_paren":
        error = summary.estimated_unproposed_standard_error or 0.0
        n = summary.estimated_unproposed_matches or 0.0
        return _("Geschatte precisie en recall op persoonsniveau: een paar records telt als gevonden als"
                 " beide records in één persoon terechtkwamen, ook via andere records en ook als het "
                 "paar zelf onder de drempel bleef; een paar boven de drempel dat de clustering "
                 "splitste, telt als gemist, behalve als beide personen een BSN-token hebben: dan "
                 "beslissen die (verschillende) tokens, net als bij twee records met een ander "
                 "BSN-token, en telt het paar niet mee. Recall: som van de matchkansen van de paren "
                 "binnen één persoon gedeeld door die over alle vergeleken paren plus de naar schatting "
                 "{n} ware paren die geen blokkeerregel voorstelt (95%-interval {laag} tot {hoog}; wie "
                 "daarvan toch in één persoon zit, telt als gevonden). Die schatting komt uit een "
                 "gelaagde steekproef van niet voorgestelde paren, gescoord met hetzelfde model: paren "
                 "met een gelijk deel van de geboortedatum, van de naam, het adres of de postcode veel "
                 "dichter bemonsterd dan de rest, elke laag opgehoogd met de eigen trekkans. Precisie: "
                 "gemiddelde matchkans van de paren binnen één persoon, vergeleken of uit die "
                 "steekproef.").format(
                     n=format_number(n, 1), laag=format_number(max(0.0, n - 1.96 * error), 1),
                     hoog=format_number(n + 1.96 * error, 1))
    if summary.recall_method == "voorgestelde_paren":
        return _("Geschatte recall op persoonsniveau (een paar telt als gevonden als beide "
                 "records in één persoon terechtkwamen), alleen over de paren die een "
                 "blokkeerregel voorstelt; paren die geen regel voorstelt, tellen niet mee.")
    return None


def narrowed_rules(blocking: str | None) -> list[str]:
    """A Dutch line per blocking rule the pair budget narrowed or left out."""
    if not blocking:
        return []
    plan = json.loads(blocking)
    lines = []
    for rule in plan["rules"]:
        if rule["used"] == rule["columns"]:
            continue
        if rule["used"] is None:
            text = _("Blokkeerregel {regel} niet gebruikt: {paren} paren, meer dan het budget van "
                     "{budget} per regel.")
        else:
            text = _("Blokkeerregel {regel} verfijnd tot {verfijnd}: {paren} paren teruggebracht "
                     "tot {over} (budget {budget} per regel).")
        lines.append(text.format(regel=rule_words(rule["columns"]),
                                 verfijnd=rule_words(rule["used"] or []),
                                 paren=format_count(rule["pairs"]), over=format_count(rule["used_pairs"]),
                                 budget=format_count(plan["budget"])))
    return lines


@app.command("link", help=_("Koppel records tot personen en huishoudens (op tokens) en leid af."))
@handles_errors
def link_command(
    warehouse: Path | None = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    peildatum: str | None = typer.Option(
        None, "--peildatum", help=_("Peildatum jjjj-mm-dd (standaard: einde laatste levering).")
    ),
    methode: Methode = typer.Option(
        Methode.PROBABILISTISCH, "--methode",
        help=_("'probabilistisch' (standaard, op alle tokens) of 'bsn' (alleen het BSN-token, "
               "ter vergelijking)."),
    ),
    hertrain: bool = typer.Option(
        False, "--hertrain", help=_("Train het koppelmodel opnieuw in plaats van het bewaarde "
                                    "model te hergebruiken.")),
    drempel: float = typer.Option(
        ModelConfig().match_threshold, "--drempel",
        help=_("Minimale matchkans om twee records als dezelfde persoon te zien (0-1).")),
    engine: EngineName | None = typer.Option(
        None, "--engine",
        help=_("Rekenmachine voor Splink: duckdb (standaard) of spark (KETENMONITOR_SPARK_MASTER).")),
) -> None:
    day = parse_date(peildatum, "peildatum") if peildatum else None
    if not 0.0 < drempel < 1.0:
        raise ConfigurationError(
            "drempel_ongeldig", _("De drempel {d} ligt niet tussen 0 en 1.").format(d=drempel),
            _("Geef een matchkans als getal tussen 0 en 1, bijvoorbeeld 0.9."))
    settings = get_settings()
    chosen = resolve_engine(engine, settings)
    path = warehouse or settings.warehouse_path
    con = connect(path)
    try:
        if methode is Methode.BSN:
            summary = link_deterministic(con)
        else:
            summary = chosen.link(con, ModelConfig(match_threshold=drempel), retrain=hertrain)
        print_linkage(summary)
        used = derive_all(con, day)
    finally:
        con.close()
    console.print(_("Afleidingen bijgewerkt tot peildatum {d}.").format(d=used.isoformat()))
