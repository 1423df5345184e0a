# SPDX-License-Identifier: EUPL-1.2
"""``audit_verify``: check the hash chain of the audit log; exit 2 naming the first broken entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ketenmonitor.portal.audit.chain import verify


class Command(BaseCommand):
    help = "Controleer de hashketen van de auditlog."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if not result.ok:
            raise CommandError(
                f"Auditketen gebroken bij regel {result.first_broken}: {result.reason}.",
                returncode=2,
            )
        self.stdout.write(f"Auditketen in orde: {result.entries} regels gecontroleerd.")
