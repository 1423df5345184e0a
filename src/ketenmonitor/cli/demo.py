# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor demo``: the whole product on a synthetic region, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.formatting import format_number, format_percent
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.demo import DemoPaths, DemoResult, run_demo
from ketenmonitor.demo.runner import STAGES
from ketenmonitor.linkage.summary import LinkageSummary
from ketenmonitor.simulate import SimulationConfig

console = make_console()

STAGE_LABELS = {
    "simulatie": _("Synthetische regio simuleren"),
    "pseudonimisering": _("Exports pseudonimiseren bij de partners"),
    "inlezen": _("Leveringen valideren en inlezen"),
    "koppelen": _("Koppelen en afleiden"),
    "validatie": _("Vergelijken met de grondwaarheid"),
    "publicatie": _("Publicatie met onthullingsbeveiliging"),
    "rapport": _("Monitorrapport maken"),
    "stoplicht": _("Stoplichtenrapportage maken (HTML, Word, PDF, Excel)"),
}


def linkage_estimates_text(link: LinkageSummary) -> str | None:
    """Precision and recall as the model estimates them, the recall with its 95 % interval when
    the linkage drew a sample of unproposed pairs; in percentages, as ``ketenmonitor link``
    shows them (three decimals of a fraction would hide an interval of a few hundredths)."""
    if link.estimated_precision is None or link.estimated_recall is None:
        return None
    values = {"p": format_percent(100 * link.estimated_precision, 2),
              "r": format_percent(100 * link.estimated_recall, 2),
              "t": format_number(link.match_threshold or 0, 2)}
    if link.estimated_recall_low is None or link.estimated_recall_high is None:
        return _("Geschatte precisie {p}, geschatte recall {r} (drempel {t}).").format(**values)
    return _("Geschatte precisie {p}, geschatte recall {r} (95%-interval {laag} tot {hoog}; "
             "drempel {t}).").format(laag=format_percent(100 * link.estimated_recall_low, 2),
                                     hoog=format_percent(100 * link.estimated_recall_high, 2),
                                     **values)


def _summary(result: DemoResult) -> None:
    where = Table(title=_("Waar alles staat"), show_header=False)
    for label, path in (
        (_("Exports van de partners"), result.paths.exports),
        (_("Grondwaarheid (alleen simulatie)"), result.paths.ground_truth),
        (_("Leveringen (Parquet + manifest)"), result.paths.deliveries),
        (_("Warehouse (DuckDB)"), result.paths.warehouse),
        (_("Publicatie"), result.publication),
        (_("Rapport"), result.report),
        *((_("Stoplichtenrapportage ({formaat})").format(formaat=fmt.upper()), path)
          for fmt, path in result.stoplicht.items()),
        (_("Sleutel (buiten de data)"), result.paths.key_file),
    ):
        where.add_row(label, str(path))
    console.print(where)
    if not result.stoplicht:
        console.print(_("Geen stoplichtenrapportage: de voorbeeld-regiovisie in het pakket is "
                        "geschreven voor Haaglanden. Maak er een voor deze regio met "
                        "'ketenmonitor regiovisie sjabloon'."))
    figures = Table(title=_("Kerngetallen van deze run"))
    figures.add_column(_("Stap"))
    figures.add_column(_("Seconden"), justify="right")
    figures.add_column(_("Rijen"), justify="right")
    for name in STAGES:
        stage = result.stages[name]
        figures.add_row(STAGE_LABELS[name], format_number(stage.seconds),
                        format_number(stage.rows, 0) if stage.rows else "")
    figures.add_row(_("Totaal"), format_number(result.seconds), "")
    console.print(figures)
    ingest = result.stages["inlezen"]
    link = result.linkage
    console.print(_("Inlezen: {rate} rijen per seconde.").format(
        rate=format_number(ingest.rows / ingest.seconds, 0) if ingest.seconds else "-"))
    console.print(_("Koppeling ({method}): {records} records; {bsn} via BSN-token, {prob} "
                    "probabilistisch, {single} enkelvoudig (geen match), {unlinked} niet te koppelen "
                    "(te weinig gegevens).").format(
        method=link.method, records=format_number(link.records, 0),
        bsn=format_number(link.linked_records - link.probabilistic_records, 0),
        prob=format_number(link.probabilistic_records, 0), single=format_number(link.single_records, 0),
        unlinked=format_number(link.unlinked_records, 0)))
    estimates = linkage_estimates_text(link)
    if estimates:
        console.print(estimates)
    shares = Table(title=_("Eerdere betrokkenheid 2019 en later: pijplijn en grondwaarheid (%)"))
    for column in (_("Categorie"), _("Pijplijn"), _("Grondwaarheid"), _("Verschil (pp)")):
        shares.add_column(column, justify="left" if column == _("Categorie") else "right")
    for row in result.validation.to_pylist():
        if row["maat"] == "eerdere_betrokkenheid" and row["periode"] == "totaal":
            shares.add_row(row["categorie_label"],
                           *(format_number(row[k]) if row[k] is not None else "-"
                             for k in ("pijplijn", "grondwaarheid", "verschil_procentpunt")))
    console.print(shares)
    console.print(_("Open het rapport in een browser: {url}").format(url=result.report.resolve().as_uri()))
    _portal(result)


def _portal(result: DemoResult) -> None:
    """The development portal with the demo publication; prints how to start it and log in."""
    from ketenmonitor.portal.demo import load_demo_portal

    portal = load_demo_portal(result.paths.root / "portaal", result.publication)
    console.print(_("Portaal klaargezet. Start het met: {command}").format(command=portal.serve_command))
    console.print(_("Open daarna {url} en log in (ontwikkelaccounts, wachtwoord {password}):").format(
        url=portal.url, password=portal.password))
    for name, description in portal.users:
        console.print(f"  {name:<18} {description}")


@app.command("demo", help=_("Draai het hele product op een synthetische regio (ingebedde DuckDB) en "
                            "toon waar de leveringen, warehouse, publicatie en het rapport staan."))
@handles_errors
def demo_command(
    uitvoer: Path = typer.Option(Path("demo-output"), "--uitvoer", help=_("Map voor alle uitvoer.")),
    sleutelmap: Path = typer.Option(Path("demo-sleutel"), "--sleutelmap",
                                    help=_("Map voor de sleutel, buiten de uitvoermap.")),
    regio: str | None = typer.Option(None, "--regio", help=_(
        "Veilig Thuis-regio om te simuleren (code uit codes/data/regios.csv); standaard "
        "KETENMONITOR_REGIO, anders haaglanden.")),
    van: int = typer.Option(2017, "--van", help=_("Eerste jaar (2017-2018 dienen als voorgeschiedenis).")),
    tot: int = typer.Option(2025, "--tot", help=_("Laatste jaar.")),
    schaal: float = typer.Option(1.0, "--schaal", help=_("Schaal van de bevolking (1,0 = werkelijk).")),
    seed: int = typer.Option(42, "--seed", help=_("Startwaarde van het toeval (reproduceerbaar).")),
) -> None:
    config = SimulationConfig(regio=regio or get_settings().region, van=van, tot=tot,
                              schaal=schaal, seed=seed)
    paths = DemoPaths(uitvoer, sleutelmap)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=False) as bar:
        tasks = {name: bar.add_task(STAGE_LABELS[name], total=1) for name in STAGES}

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(tasks[stage], completed=done, total=total)

        result = run_demo(paths, config, progress)
    _summary(result)
