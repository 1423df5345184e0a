# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor portal``: register publications, list them, manage development accounts,
export roles for an access review, and run Django's management commands (``beheer``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.i18n import _

portal_app = typer.Typer(help=_("Het portaal beheren: publicaties, gebruikers en rollen."),
                         no_args_is_help=True)
app.add_typer(portal_app, name="portal")


def _django() -> None:
    from ketenmonitor.portal import setup

    setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def register_in_portal(path: Path, door: str) -> None:
    """Register one publication in the portal (``publish --portal``); messages to stderr so the
    publication folder stays the last line of standard output."""
    _django()
    _migrate()
    from ketenmonitor.portal.dashboards.registry import register

    typer.echo(_("Portaal: ") + register(path, door).message(), err=True)


@portal_app.command("registreer", help=_("Registreer een publicatie (of alle publicaties in een map)."))
@handles_errors
def registreer(
    pad: Annotated[Path, typer.Argument(help=_("Map van een publicatie of map met publicaties."))],
    door: Annotated[
        str, typer.Option("--door", help=_("Wie registreert (voor de auditlog)."))
    ] = "beheer",
) -> None:
    _django()
    _migrate()
    from ketenmonitor.portal.dashboards.registry import register_all

    for registration in register_all(pad, door):  # says when a folder changed, never hides it
        typer.echo(registration.message())


@portal_app.command("intrekken", help=_("Toon een publicatie niet meer in het portaal."))
@handles_errors
def intrekken(
    publicatie: Annotated[
        str, typer.Argument(help=_("Publicatie-id, bijvoorbeeld haaglanden-2025-12-31-v1."))
    ],
    door: Annotated[str, typer.Option("--door", help=_("Wie intrekt (voor de auditlog)."))] = "beheer",
) -> None:
    _django()
    from ketenmonitor.portal.dashboards.registry import withdraw_publication

    withdraw_publication(publicatie, door)
    typer.echo(_("{id}: ingetrokken").format(id=publicatie))


@portal_app.command("publicaties", help=_("Toon de geregistreerde publicaties."))
@handles_errors
def publicaties() -> None:
    _django()
    _migrate()
    from ketenmonitor.portal.dashboards.models import Publicatie

    for pub in Publicatie.objects.order_by("regio", "peildatum", "publicatie_id"):
        state = _("getoond") if pub.actief else _("ingetrokken")
        typer.echo(f"{pub.publicatie_id}\t{state}\t{pub.pad}")


@portal_app.command(
    "gebruiker", help=_("Maak een lokaal ontwikkelaccount (alleen in de ontwikkelstand).")
)
@handles_errors
def gebruiker(
    naam: Annotated[str, typer.Argument(help=_("Gebruikersnaam."))],
    rol: Annotated[list[str], typer.Option("--rol", help=_("Rol (mag vaker)."))],
    scope: Annotated[list[str] | None, typer.Option(
        "--scope", help=_("Gemeente- of regiocode (mag vaker), bijvoorbeeld GM0503 of haaglanden."))] = None,
    wachtwoord: Annotated[str | None, typer.Option(
        "--wachtwoord", help=_("Wachtwoord (standaard: een willekeurig wachtwoord)."))] = None,
) -> None:
    _django()
    _migrate()
    from ketenmonitor.portal.accounts.local import create_local_user

    _user, secret = create_local_user(naam, rol, scope or [], wachtwoord)
    typer.echo(_("Gebruiker {naam} met wachtwoord {wachtwoord}").format(naam=naam, wachtwoord=secret))


@portal_app.command(
    "rollen", help=_("Exporteer wie welke rol heeft (CSV), voor de controle van toegangsrechten.")
)
@handles_errors
def rollen(
    uitvoer: Annotated[
        Path | None, typer.Option("--uitvoer", help=_("CSV-bestand (standaard: scherm)."))
    ] = None,
) -> None:
    _django()
    _migrate()
    from django.core.management import call_command

    call_command("rollen_export", *(["--uitvoer", str(uitvoer)] if uitvoer else []))


@portal_app.command(
    "beheer", help=_("Voer een Django-beheercommando uit (zoals manage.py)."),
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def beheer(ctx: typer.Context) -> None:
    from ketenmonitor.portal.management import run_django

    raise typer.Exit(run_django(list(ctx.args)))
