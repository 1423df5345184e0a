# SPDX-License-Identifier: EUPL-1.2
"""``rollen_export``: who has which role (CSV to standard output or a file), for access reviews."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ketenmonitor.portal.accounts.export import role_rows, roles_csv
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import SYSTEM, record


class Command(BaseCommand):
    help = "Exporteer wie welke rol heeft (CSV) voor de controle van toegangsrechten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uitvoer", type=Path, help="Bestand (standaard: scherm).")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = role_rows()
        text = roles_csv(rows)
        target: Path | None = options.get("uitvoer")
        if target is None:
            self.stdout.write(text, ending="")
        else:
            target.write_text("\ufeff" + text, encoding="utf-8")
            self.stderr.write(f"{len(rows)} gebruikers geschreven naar {target}")
        record(None, Actie.ROLLEN_EXPORT, f"rollen:{len(rows)}", actor=SYSTEM)
