# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor benchmark``: import CBS StatLine exports and show what the warehouse holds.

``import`` exits 0 when every file is loaded (or was loaded before) and 2 when a file is refused —
then nothing is imported. Areas outside the code lists are skipped and counted; category labels
that no code list knows are listed as warnings, so a new CBS category does not go unnoticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.core.formatting import format_count
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings

benchmark_app = typer.Typer(
    help=_("CBS-cijfers (StatLine) inlezen voor de vergelijking gemeente, regio en Nederland."),
    no_args_is_help=True,
)
app.add_typer(benchmark_app, name="benchmark")

WarehouseOption = Annotated[
    Path | None,
    typer.Option("--warehouse", help=_("Pad naar de warehouse (standaard uit de instellingen).")),
]


@benchmark_app.command(
    "import", help=_("Lees CSV-exports van CBS StatLine (tabelweergave) in de warehouse.")
)
@handles_errors
def import_command(
    bestanden: Annotated[list[Path], typer.Argument(
        help=_("Een of meer CSV-bestanden uit StatLine ('CSV (tabel)')."), show_default=False)],
    warehouse: WarehouseOption = None,
    tabel: Annotated[str | None, typer.Option(
        "--tabel", help=_("CBS-tabel, bijvoorbeeld 84847NED, als de titel die niet noemt."))] = None,
) -> None:
    from ketenmonitor.cbs import import_files

    report = import_files(bestanden, warehouse or get_settings().warehouse_path, tabel)
    console = make_console()
    table = Table(title=_("CBS-import"))
    columns: list[tuple[str, Literal["left", "right"]]] = [
        (_("Bestand"), "left"), (_("Tabel"), "left"), (_("Waarden"), "right"),
        (_("Vervangen"), "right"), (_("Gebieden overgeslagen"), "right"), (_("Status"), "left"),
    ]
    for header, justify in columns:
        table.add_column(header, justify=justify, overflow="fold")
    for r in report.results:
        status = _("geladen") if r.status == "geladen" else _("al geïmporteerd, niets gewijzigd")
        table.add_row(escape(r.parsed.bestand), r.parsed.tabel, format_count(r.parsed.rows.num_rows),
                      format_count(r.waarden_vervangen), format_count(len(r.parsed.gebieden_overgeslagen)),
                      status)
    console.print(table)
    for r in report.results:
        if r.parsed.onbekende_categorieen:
            console.print(
                f"[bold yellow]{_('Let op')}:[/] "
                + escape(_("{file}: categorieën zonder code in de codelijsten, niet vergeleken: "
                           "{labels}.").format(file=r.parsed.bestand,
                                               labels="; ".join(r.parsed.onbekende_categorieen))),
                soft_wrap=True,
            )
        if r.parsed.rijen_overgeslagen:
            console.print(escape(_(
                "{file}: {n} rijen met meer dan één uitsplitsing tegelijk overgeslagen."
            ).format(file=r.parsed.bestand, n=r.parsed.rijen_overgeslagen)), soft_wrap=True)


@benchmark_app.command("status", help=_("Toon welke CBS-cijfers de warehouse bevat."))
@handles_errors
def status_command(warehouse: WarehouseOption = None) -> None:
    from ketenmonitor.cbs.store import IMPORT_TABLE, has_tables
    from ketenmonitor.warehouse import connect_readonly

    con = connect_readonly(warehouse or get_settings().warehouse_path)
    try:
        if not has_tables(con):
            typer.echo(_("De warehouse bevat nog geen CBS-cijfers; gebruik 'ketenmonitor "
                         "benchmark import'."))
            return
        rows = con.execute(
            f"SELECT tabel, bestand, soort, waarden_geladen, geimporteerd_op FROM {IMPORT_TABLE} "
            "ORDER BY geimporteerd_op, tabel"
        ).fetchall()
    finally:
        con.close()
    table = Table(title=_("Geïmporteerde CBS-bestanden"))
    for header in (_("Tabel"), _("Bestand"), _("Soort"), _("Waarden"), _("Geïmporteerd op")):
        table.add_column(header, overflow="fold")
    for tabel, bestand, soort, waarden, op in rows:
        table.add_row(tabel, escape(bestand), soort, format_count(int(waarden)),
                      op.isoformat(sep=" ", timespec="minutes"))
    make_console().print(table)
