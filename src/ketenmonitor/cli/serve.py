# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor serve``: the portal on Granian, after migrations and static files.

Granian (Rust HTTP server, WSGI interface) is the production server: it handles slow clients
and keep-alive itself, so no buffering proxy is needed in front of it for that (unlike sync
gunicorn workers), and it runs several worker processes with a thread pool each. Static files
are served by WhiteNoise from the collected, compressed and fingerprinted files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.core.i18n import _


def prepare(publicaties: Path | None = None, quiet: bool = False) -> None:
    """Settings check, migrations, static files and (optionally) registering publications."""
    from ketenmonitor.portal import setup

    setup()
    from django.core.management import call_command

    from ketenmonitor.portal.audit.keys import anchor_path, load_key
    from ketenmonitor.portal.staticbuild import collect_if_needed

    load_key()  # refuse to start without the audit key and anchor rather than fail per request
    anchor_path()
    call_command("migrate", interactive=False, verbosity=0)
    collect_if_needed()
    if publicaties is not None:
        from ketenmonitor.portal.dashboards.registry import register_folder

        for pub, new in register_folder(publicaties, "serve"):
            if new and not quiet:
                typer.echo(_("{id}: geregistreerd").format(id=pub.publicatie_id))


@app.command("serve", help=_("Start het portaal (Granian), na migraties en statische bestanden."))
@handles_errors
def serve(
    host: Annotated[str, typer.Option("--host", help=_("Adres om op te luisteren."))] = "127.0.0.1",
    poort: Annotated[int, typer.Option("--poort", help=_("Poort."))] = 8000,
    workers: Annotated[int, typer.Option("--workers", help=_("Aantal werkprocessen."))] = 2,
    threads: Annotated[int, typer.Option("--threads", help=_("Threads per werkproces."))] = 4,
    publicaties: Annotated[Path | None, typer.Option(
        "--publicaties", help=_("Registreer eerst deze publicatie of map met publicaties."))] = None,
) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenmonitor.portal.settings")
    prepare(publicaties)
    from granian import Granian
    from granian.constants import Interfaces

    from ketenmonitor.portal.process import PARENT_ENV

    os.environ[PARENT_ENV] = str(os.getpid())  # workers ask to die with this process
    typer.echo(_("Portaal start op http://{host}:{poort}/").format(host=host, poort=poort))
    Granian(
        "ketenmonitor.portal.wsgi:application",
        address=host,
        port=poort,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        log_access=False,
        respawn_failed_workers=True,  # a worker ended by the request watchdog comes back
        workers_kill_timeout=30,
    ).serve()
