# SPDX-License-Identifier: EUPL-1.2
"""Who has which role, for access reviews (CSV; also shown on the beheer page)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ketenmonitor.portal.accounts.models import Gebruiker
from ketenmonitor.portal.accounts.roles import parse_roles

HEADER = ("gebruikersnaam", "naam", "e-mail", "rollen", "gemeenten_en_regios", "bron", "actief",
          "laatste_login", "rollen_bijgewerkt")


@dataclass(frozen=True)
class RoleRow:
    gebruikersnaam: str
    naam: str
    email: str
    rollen: str
    scope: str
    bron: str
    actief: str
    laatste_login: str
    rollen_bijgewerkt: str

    def values(self) -> list[str]:
        return [self.gebruikersnaam, self.naam, self.email, self.rollen, self.scope, self.bron,
                self.actief, self.laatste_login, self.rollen_bijgewerkt]


def role_rows(users: Iterable[Gebruiker] | None = None) -> list[RoleRow]:
    found = users if users is not None else Gebruiker.objects.order_by("username")
    return [
        RoleRow(
            gebruikersnaam=u.username,
            naam=u.get_full_name(),
            email=u.email,
            rollen=" ".join(r.value for r in parse_roles(u.rollen or [])),
            scope=" ".join(str(s) for s in (u.scope or [])),
            bron=u.bron,
            actief=_("ja") if u.is_active else _("nee"),
            laatste_login=u.last_login.isoformat(timespec="seconds") if u.last_login else "",
            rollen_bijgewerkt=(u.rollen_bijgewerkt.isoformat(timespec="seconds")
                               if u.rollen_bijgewerkt else ""),
        )
        for u in found
    ]


def roles_csv(rows: list[RoleRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row.values())
    return out.getvalue()
