# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor ingest``: load deliveries into the warehouse and show what happened to them.

Exit code 0 when every delivery is loaded completely (or was already loaded), 1 when rows went to
quarantine, 2 when a delivery was refused — the worst over all deliveries given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.cli.faults import guards_faults
from ketenmonitor.core.errors import ConfigurationError, ExitCode
from ketenmonitor.core.faults import printable
from ketenmonitor.core.formatting import format_count
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.ingest import IngestReport, IngestStatus, ingest_paths, quarantine_rows
from ketenmonitor.ingest.authenticity import register_key
from ketenmonitor.ingest.replacement import Allowance, Rule
from ketenmonitor.ingest.service import restore_delivery
from ketenmonitor.warehouse import connect, connect_readonly

SHOWN_MESSAGES = 5


def _status_label(status: IngestStatus) -> str:
    return {
        IngestStatus.GELADEN: _("geladen"),
        IngestStatus.DEELS_GELADEN: _("deels geladen"),
        IngestStatus.NIETS_GELADEN: _("niets geladen (alle rijen in quarantaine)"),
        IngestStatus.AL_GELADEN: _("al geladen"),
        IngestStatus.GEWEIGERD: _("geweigerd"),
    }[status]


def _print_report(console: Console, report: IngestReport, con: duckdb.DuckDBPyConnection) -> None:
    table = Table(title=_("Ingest"))
    columns: list[tuple[str, Literal["left", "right"]]] = [
        (_("Levering"), "left"), (_("Rijen in"), "right"), (_("Geladen"), "right"),
        (_("Quarantaine"), "right"), (_("Achtergehouden"), "right"), (_("Status"), "left"),
    ]
    for header, justify in columns:
        table.add_column(header, justify=justify, overflow="fold")
    for r in report.results:
        label = (_("niets geladen (rijen in quarantaine of achtergehouden)")
                 if r.status is IngestStatus.NIETS_GELADEN and r.rows_held_back
                 else _status_label(r.status))
        table.add_row(escape(r.delivery_id or r.source.name), format_count(r.rows_in),
                      format_count(r.rows_loaded), format_count(r.rows_quarantined),
                      format_count(r.rows_held_back), label)
    console.print(table)
    for r in report.results:
        if r.error is not None:
            console.print(f"[bold red]{_('Geweigerd')}:[/] {escape(r.source.name)}: "
                          f"{escape(printable(r.error.message))}", soft_wrap=True)
            if r.error.hint:
                console.print(f"[bold]{_('Oplossing')}:[/] {escape(printable(r.error.hint))}",
                              soft_wrap=True)
        if r.rows_held_back:
            console.print(_("{n} betrokkenen van {id} zijn achtergehouden: hun {soort} staat niet "
                            "in de warehouse (niet geleverd of in quarantaine). Ze worden geladen "
                            "zodra dat wel zo is.").format(
                n=format_count(r.rows_held_back), id=r.delivery_id, soort=_("gebeurtenis")),
                soft_wrap=True, markup=False)
        for old in r.replaced:
            console.print(_("Levering {new} vervangt {old}.").format(new=r.delivery_id, old=old),
                          soft_wrap=True, markup=False)
        if r.status is IngestStatus.AL_GELADEN:
            note = _("Levering {id} was al geladen; er is niets veranderd.").format(
                id=r.delivery_id)
            if r.replaced_by:
                note += " " + _("Zij is inmiddels vervangen door {new}.").format(new=r.replaced_by)
            console.print(note, soft_wrap=True, markup=False)
        if r.status in (IngestStatus.DEELS_GELADEN, IngestStatus.NIETS_GELADEN) and r.delivery_id:
            rows = quarantine_rows(con, r.delivery_id)
            console.print(_("{n} rijen van {file} staan in quarantaine, bijvoorbeeld:").format(
                n=format_count(r.rows_quarantined), file=r.source.name), soft_wrap=True, markup=False)
            for row in rows[:SHOWN_MESSAGES]:
                console.print("  " + row.message, soft_wrap=True, markup=False)
            console.print(_("Alle meldingen: ketenmonitor ingest --quarantaine {id}").format(
                id=r.delivery_id), soft_wrap=True, markup=False)


def _show_quarantine(console: Console, warehouse: Path, delivery_id: str) -> None:
    con = connect_readonly(warehouse)
    try:
        rows = quarantine_rows(con, delivery_id)
    finally:
        con.close()
    table = Table(title=_("Quarantaine van {id}").format(id=escape(delivery_id)))
    # The partner's record key goes under the row number: a fifth column would fold the
    # messages on ordinary terminals.
    for header in (_("Rij / sleutel"), _("Reden"), _("Kolom"), _("Melding")):
        table.add_column(header, overflow="fold")
    for row in rows:
        where = str(row.row_number) + (f"\n{escape(row.record_key)}" if row.record_key else "")
        if row.source_line is not None:
            where += "\n" + escape(_("regel {regel} van {bestand}").format(
                regel=row.source_line, bestand=row.source_file or "?"))
        table.add_row(where, row.reason_code, row.field or "", escape(row.message))
    console.print(table)
    console.print(_("{n} meldingen.").format(n=format_count(len(rows))), soft_wrap=True)


def _allowance(rules: list[str], reason: str | None) -> Allowance:
    known = {str(r) for r in Rule}
    unknown = [r for r in rules if r not in known]
    if unknown:
        raise ConfigurationError(
            "regel_onbekend", _("Onbekende regel bij --toestaan: {regels}.").format(
                regels=", ".join(unknown)),
            _("Kies uit: {regels}.").format(regels=", ".join(sorted(known))))
    if rules and not (reason or "").strip():
        raise ConfigurationError(
            "reden_ontbreekt", _("--toestaan vereist een reden."),
            _("Geef met --reden op waarom deze regel wordt opgeheven."))
    return Allowance(frozenset(Rule(r) for r in rules), (reason or "").strip())


def _restore(console: Console, warehouse: Path, paden: list[Path], delivery_id: str,
             reden: str | None, allowance: Allowance) -> None:
    con = connect(warehouse)
    try:
        result = restore_delivery(con, paden, delivery_id, reden or "", allowance=allowance)
        _print_report(console, IngestReport([result]), con)
    finally:
        con.close()
    console.print(_("Levering {id} is hersteld (reden: {reden}).").format(
        id=delivery_id, reden=printable(reden or "")), soft_wrap=True, markup=False)
    if result.exit_code is not ExitCode.OK:
        raise typer.Exit(int(result.exit_code))


def _warehouse_name(**kwargs: object) -> str:
    return str(kwargs.get("warehouse") or get_settings().warehouse_path)


@app.command("ingest", help=_(
    "Laad leveringen (manifesten, Parquet-bestanden of mappen) in de warehouse. Elke rij wordt "
    "geladen of met een reden in quarantaine gezet. Exitcode 0: alles geladen, 1: rijen in "
    "quarantaine, 2: levering geweigerd, 3: probleem met de omgeving (schijf vol, warehouse in "
    "gebruik, geen schrijfrechten), 4: interne fout (details in een logbestand)."))
@handles_errors
@guards_faults(_warehouse_name)
def ingest_command(
    paden: Annotated[list[Path] | None, typer.Argument(help=_(
        "Manifesten (.manifest.json), Parquet-bestanden met manifest of mappen met "
        "leveringen."))] = None,
    warehouse: Annotated[Path | None, typer.Option("--warehouse", help=_(
        "Pad naar de warehouse (standaard KETENMONITOR_WAREHOUSE of de werkmap)."))] = None,
    quarantaine: Annotated[str | None, typer.Option("--quarantaine", help=_(
        "Toon de rijen in quarantaine van deze levering (leveringsnummer) en stop."))] = None,
    toestaan: Annotated[list[str] | None, typer.Option("--toestaan", help=_(
        "Hef bewust een vervangingsregel op (herhaalbaar): ouder (oudere export vervangt "
        "nieuwere), leeg (lege levering vervangt volle), toekomst (periode nog niet begonnen), "
        "sleutel (andere sleutel dan de geladen betrokkenen). Vereist --reden."))] = None,
    reden: Annotated[str | None, typer.Option("--reden", help=_(
        "Waarom een regel wordt opgeheven; komt in het logboek."))] = None,
    regiosleutel: Annotated[Path | None, typer.Option("--regiosleutel", help=_(
        "Bestand met de publieke sleutel van de regio (ketenmonitor sleutel publiek). Eenmalig: "
        "daarna moet elk manifest met de sleutel van de regio ondertekend zijn."))] = None,
    herstel: Annotated[str | None, typer.Option("--herstel", help=_(
        "Zet een vervangen levering (leveringsnummer) weer in werking vanuit haar bestanden in "
        "PADEN; zij vervangt de levering die nu geldt. Vereist --reden."))] = None,
) -> None:
    console = make_console()
    path = warehouse or get_settings().warehouse_path
    if quarantaine:
        _show_quarantine(console, path, quarantaine)
        return
    public = None
    if regiosleutel is not None:
        public = regiosleutel.read_text(encoding="ascii", errors="replace").strip()
    if not paden and public is not None:
        con = connect(path)
        try:
            new = register_key(con, public)
        finally:
            con.close()
        console.print(_("Publieke sleutel van de regio vastgelegd.") if new else
                      _("Deze publieke sleutel was al vastgelegd."), soft_wrap=True)
        return
    if not paden:
        raise ConfigurationError(
            "geen_paden",
            _("Geef een of meer leveringen op."),
            _("Bijvoorbeeld: ketenmonitor ingest leveringen/ of ketenmonitor ingest "
              "leveringen/vt_haaglanden_vt_bericht_2024-H1.manifest.json"),
        )
    allowance = _allowance(toestaan or [], reden)
    if herstel:
        _restore(console, path, paden, herstel, reden, allowance)
        return
    con = connect(path)
    try:
        report = ingest_paths(paden, con=con, allowance=allowance, verification_key=public)
        _print_report(console, report, con)
    finally:
        con.close()
    if report.exit_code is not ExitCode.OK:
        raise typer.Exit(int(report.exit_code))
