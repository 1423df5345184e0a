# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor regiovisie``: check, write and evaluate a regiovisie (YAML).

- ``controleer FILE`` checks the file and names every problem with its place and line
  (exit 2 on errors; with ``--publicatie`` also evaluates every period and warns, exit 1, when
  an orange or red light has no explanation or a norm cannot be applied);
- ``sjabloon`` / ``voorbeeld`` write the empty template / the worked example;
- ``exporteer`` writes the file back in the standard layout (what the portal exports);
- ``lichten`` prints the lights of one reporting period as a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.errors import ExitCode, InputRefused, PublicationError
from ketenmonitor.core.i18n import _

regiovisie_app = typer.Typer(
    help=_("Regiovisie: doelen, normen en lichten controleren, schrijven en berekenen."),
    no_args_is_help=True,
)
app.add_typer(regiovisie_app, name="regiovisie")

STYLES = {"groen": "bold green", "oranje": "bold dark_orange", "rood": "bold red",
          "geen_oordeel": "dim"}

FileArgument = Annotated[Path, typer.Argument(help=_("De regiovisie als YAML-bestand."))]
PublicationOption = Annotated[Path | None, typer.Option(
    "--publicatie",
    help=_("Map van een publicatie, of de map met publicaties (dan de nieuwste van de regio)."),
)]


def _publication_folder(path: Path, region: str) -> Path:
    from ketenmonitor.publish import latest_publication

    if (path / "metadata.json").is_file():
        return path
    found = latest_publication(path, region)
    if found is None:
        raise PublicationError(
            "publicatie_niet_gevonden",
            _("In {path} staat geen publicatie van regio '{region}'.").format(path=path, region=region),
            _("Geef met --publicatie een publicatiemap of de map met publicaties op."),
        )
    return found


def _write_data(name: str, uitvoer: Path, overschrijven: bool) -> None:
    from ketenmonitor.regiovisie.yaml_io import data_path

    if uitvoer.exists() and not overschrijven:
        raise InputRefused(
            "bestand_bestaat",
            _("Het bestand {path} bestaat al.").format(path=uitvoer),
            _("Kies een ander bestand of geef --overschrijven mee."),
        )
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    uitvoer.write_text(data_path(name).read_text(encoding="utf-8"), encoding="utf-8")
    typer.echo(str(uitvoer))


OutputOption = Annotated[Path, typer.Option("--uitvoer", help=_("Het bestand dat geschreven wordt."))]
OverwriteOption = Annotated[bool, typer.Option(
    "--overschrijven", help=_("Een bestaand bestand vervangen."))]


@regiovisie_app.command("sjabloon", help=_("Schrijf een leeg sjabloon met uitleg bij elk veld."))
@handles_errors
def sjabloon(uitvoer: OutputOption, overschrijven: OverwriteOption = False) -> None:
    from ketenmonitor.regiovisie.yaml_io import TEMPLATE

    _write_data(TEMPLATE, uitvoer, overschrijven)


@regiovisie_app.command("voorbeeld", help=_("Schrijf de volledig uitgewerkte voorbeeld-regiovisie."))
@handles_errors
def voorbeeld(uitvoer: OutputOption, overschrijven: OverwriteOption = False) -> None:
    from ketenmonitor.regiovisie.yaml_io import EXAMPLE

    _write_data(EXAMPLE, uitvoer, overschrijven)


@regiovisie_app.command("exporteer", help=_("Lees een regiovisie en schrijf haar in de standaardvorm."))
@handles_errors
def exporteer(bestand: FileArgument, uitvoer: OutputOption,
              overschrijven: OverwriteOption = False) -> None:
    from ketenmonitor.regiovisie import load_regiovisie, save_regiovisie

    if uitvoer.exists() and not overschrijven:
        raise InputRefused(
            "bestand_bestaat",
            _("Het bestand {path} bestaat al.").format(path=uitvoer),
            _("Kies een ander bestand of geef --overschrijven mee."),
        )
    typer.echo(str(save_regiovisie(load_regiovisie(bestand), uitvoer)))


@regiovisie_app.command("controleer", help=_(
    "Controleer een regiovisie; noemt elke fout met plaats en regel (exitcode 2 bij fouten)."))
@handles_errors
def controleer(bestand: FileArgument, publicatie: PublicationOption = None) -> None:
    from ketenmonitor.publish import read_publication
    from ketenmonitor.regiovisie import evaluate, load_regiovisie

    model = load_regiovisie(bestand)
    results = [r for _o, r in model.iter_resultaten()]
    links = sum(len(r.indicatoren) for r in results)
    typer.echo(_("De regiovisie '{titel}' is geldig: {o} {indeling}, {r} resultaten, {k} koppelingen "
                 "met een indicator, {a} activiteiten, {p} rapportageperiode(n).").format(
        titel=model.titel, o=len(model.ontwikkelopgaven), indeling=model.indeling.plural.lower(),
        r=len(results), k=links, a=len(model.uitvoeringsprogramma.activiteiten),
        p=len(model.rapportages)))
    if publicatie is None:
        return
    publication = read_publication(_publication_folder(publicatie, model.regio))
    warnings = [
        f"{periode}: {p.plaats}: {p.melding}" if p.plaats else f"{periode}: {p.melding}"
        for periode in model.perioden
        for p in evaluate(model, periode, publication).problemen
    ]
    if warnings:
        err = make_console(stderr=True)
        err.print(f"[bold]{_('Waarschuwingen')}[/] ({len(warnings)}):", highlight=False)
        for line in warnings:
            err.print(f"  - {line}", highlight=False, soft_wrap=True)
        raise typer.Exit(int(ExitCode.PARTIAL))
    typer.echo(_("Alle rapportageperioden zijn te berekenen met publicatie {id}.").format(
        id=publication.publication_id))


@regiovisie_app.command("lichten", help=_("Toon de lichten van één rapportageperiode als tabel."))
@handles_errors
def lichten(
    bestand: FileArgument,
    periode: Annotated[str, typer.Option("--periode", help=_("De rapportageperiode, bijv. 2025."))],
    publicatie: PublicationOption = None,
) -> None:
    from ketenmonitor.publish import read_publication
    from ketenmonitor.regiovisie import evaluate, load_regiovisie

    model = load_regiovisie(bestand)
    publication = (read_publication(_publication_folder(publicatie, model.regio))
                   if publicatie is not None else None)
    report = evaluate(model, periode, publication)
    console = make_console(min_width=140)
    source = (_("publicatie {id}, peildatum {d}").format(id=report.publicatie_id,
                                                         d=report.peildatum.isoformat())
              if report.publicatie_id and report.peildatum else _("zonder publicatie"))
    table = Table(title=f"{report.rapport_titel} — {report.regio_naam} ({source})",
                  show_lines=True)
    for column in (_("Resultaat"), _("Onderdeel"), _("Licht"), _("Berekend"), _("Cijfer"),
                   _("Norm"), _("Toelichting")):
        table.add_column(column, overflow="fold")
    for _opgave, res, light in report.lichten():
        b = light.berekening
        shown = f"[{STYLES[light.status.value]}]{light.status.symbol} {light.status.label}[/]"
        computed = ""
        if b is not None:
            computed = f"[{STYLES[b.status.value]}]{b.status.symbol} {b.status.label}[/]"
        figure = ""
        if b is not None:
            figure = (b.cijfer.weergave if b.cijfer else "–") + f" ({b.periode})"
            if b.referentie is not None:
                figure += _("; ter vergelijking {label}: {ref}").format(
                    label=b.referentie_label, ref=b.referentie.weergave)
        notes = [light.overschrijving.reden] if light.overschrijving else []
        if b is not None and b.reden_geen_oordeel and light.overschrijving is None:
            notes.append(b.reden_geen_oordeel)
        if light.soort == "oordeel" and light.beoordeeld_door:
            notes.append(_("oordeel van {wie}").format(wie=light.beoordeeld_door))
        table.add_row(f"{res.id} {res.titel}", light.onderdeel, shown, computed, figure,
                      b.norm_tekst if b else _("oordeel"), "\n".join(notes))
    console.print(table)
    counts = report.telling()
    console.print("  ".join(f"{s.symbol} {s.label}: {n}" for s, n in counts.items()), highlight=False)
    for problem in report.problemen:
        console.print(f"[bold]{_('Let op')}:[/] {problem.plaats} {problem.melding}".strip(),
                      highlight=False)
