# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor opschonen``: remove deliveries past the retention period (AVG, ADR 0020).

Without ``--uitvoeren`` it is a dry run that only lists what would be removed; with it the
deliveries are removed in one transaction and each gets a ``verwijderd`` ledger status and a
``ledger_event`` row (who, when, why).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.cli.faults import guards_faults
from ketenmonitor.core.faults import printable
from ketenmonitor.core.formatting import format_count
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import get_settings
from ketenmonitor.warehouse import connect


def _warehouse_name(**kwargs: object) -> str:
    return str(kwargs.get("warehouse") or get_settings().warehouse_path)


@app.command("opschonen", help=_(
    "Verwijder leveringen waarvan de bewaartermijn verstreken is, met hun tokens en "
    "quarantainerijen. Zonder --uitvoeren is het een proefdraai die alleen toont wat verwijderd "
    "zou worden. Het logboek houdt per levering de status 'verwijderd' met wie, wanneer en "
    "waarom; de registers van de stabiele persoonsnummers blijven bewaard."))
@handles_errors
@guards_faults(_warehouse_name)
def opschonen_command(
    bewaartermijn: Annotated[int | None, typer.Option("--bewaartermijn", metavar="MAANDEN", help=_(
        "Bewaartermijn in maanden na het einde van de periode van een levering (standaard "
        "KETENMONITOR_BEWAARTERMIJN_MAANDEN)."))] = None,
    warehouse: Annotated[Path | None, typer.Option("--warehouse", help=_(
        "Pad naar de warehouse (standaard KETENMONITOR_WAREHOUSE of de werkmap)."))] = None,
    leveringen: Annotated[list[Path] | None, typer.Option("--leveringen", help=_(
        "Map met leveringsbestanden (herhaalbaar); de bestanden van verwijderde leveringen "
        "(Parquet, manifest, handtekening) worden ook verwijderd."))] = None,
    uitvoeren: Annotated[bool, typer.Option("--uitvoeren", help=_(
        "Verwijder echt (zonder deze optie verandert er niets)."))] = False,
    reden: Annotated[str | None, typer.Option("--reden", help=_(
        "Waarom er nu wordt opgeschoond; komt in het logboek (standaard: de bewaartermijn)."))
    ] = None,
    peildatum: Annotated[str | None, typer.Option("--peildatum", metavar="JJJJ-MM-DD", help=_(
        "Reken de termijn vanaf deze dag in plaats van vandaag."))] = None,
) -> None:
    from ketenmonitor.core.periods import parse_date
    from ketenmonitor.ingest.retention import apply_retention, check_months, plan_retention

    months = check_months(bewaartermijn if bewaartermijn is not None
                          else get_settings().bewaartermijn_maanden)
    today = parse_date(peildatum, "--peildatum") if peildatum else date.today()
    console = make_console()
    con = connect(warehouse or get_settings().warehouse_path)
    try:
        plan = plan_retention(con, months, today, leveringen or [])
        table = Table(title=_("Leveringen met een verstreken bewaartermijn (periode geëindigd "
                              "voor {datum})").format(datum=plan.cutoff.isoformat()))
        for header in (_("Levering"), _("Periode"), _("Status"), _("Rijen"), _("Quarantaine"),
                       _("Bestanden")):
            table.add_column(header, overflow="fold")
        for item in plan.expired:
            table.add_row(escape(item.delivery_id), item.period, item.status,
                          format_count(item.rows), format_count(item.quarantine_rows),
                          str(len(item.files)))
        console.print(table)
        if not plan.expired:
            console.print(_("Geen leveringen om te verwijderen."), soft_wrap=True)
            return
        if not uitvoeren:
            console.print(_("Proefdraai: er is niets verwijderd. Verwijder deze {n} leveringen "
                            "({r} rijen) met --uitvoeren.").format(
                n=len(plan.expired), r=format_count(plan.rows)), soft_wrap=True, markup=False)
            return
        why = (reden or "").strip() or _("bewaartermijn van {n} maanden verstreken").format(
            n=months)
        rows = apply_retention(con, plan, why)
    finally:
        con.close()
    console.print(_("{n} leveringen verwijderd ({r} rijen); reden in het logboek: {reden}. Draai "
                    "daarna 'ketenmonitor link' opnieuw, zodat ook de afgeleide tabellen ze "
                    "niet meer bevatten.").format(n=len(plan.expired), r=format_count(rows),
                                                 reden=printable(why)),
                  soft_wrap=True, markup=False)
