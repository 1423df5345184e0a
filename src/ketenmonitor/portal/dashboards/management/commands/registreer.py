# SPDX-License-Identifier: EUPL-1.2
"""``registreer PAD``: register a publication (or every publication in a folder) in the portal."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.portal.dashboards.registry import register_folder


class Command(BaseCommand):
    help = "Registreer een publicatie (of alle publicaties in een map) in het portaal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pad", help="Map van een publicatie of map met publicaties.")
        parser.add_argument("--door", default="beheer", help="Wie registreert (voor de auditlog).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = register_folder(options["pad"], options["door"])
        except KetenmonitorError as error:
            raise CommandError(f"{error.message} {error.hint}".strip(), returncode=2) from None
        for pub, new in results:
            state = "geregistreerd" if new else "was al geregistreerd"
            self.stdout.write(f"{pub.publicatie_id}: {state}")
