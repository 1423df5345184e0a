# SPDX-License-Identifier: EUPL-1.2
"""Roles and scopes: who may see which gemeente, explain which figure, edit what.

A user has one or more roles and a scope: gemeente codes (``GM0503``) and region codes
(``haaglanden``). Scope rules, in one place so views and tests share them:

- ``beheerder`` sees every region and gemeente and manages users and publications;
- every other role sees the regions in its scope, the regions of the gemeenten in its scope, and
  the gemeenten in its scope (a region code in the scope covers all its gemeenten);
- ``beleidsadviseur`` may add a toelichting for the gemeenten named in its scope;
- ``programmamanager`` edits the regiovisie of the regions it sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Rol(StrEnum):
    RAADSLID = "raadslid"
    BELEIDSADVISEUR = "beleidsadviseur"
    PROGRAMMAMANAGER = "programmamanager"
    BEHEERDER = "beheerder"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Rol.RAADSLID: _("Raadslid"),
    Rol.BELEIDSADVISEUR: _("Beleidsadviseur"),
    Rol.PROGRAMMAMANAGER: _("Programmamanager"),
    Rol.BEHEERDER: _("Beheerder"),
}
ROLE_DESCRIPTIONS = {
    Rol.RAADSLID: _("Gepubliceerde dashboards en rapporten van de eigen gemeente en regio."),
    Rol.BELEIDSADVISEUR: _("Eigen gemeente en regio; mag toelichtingen bij de eigen gemeente geven."),
    Rol.PROGRAMMAMANAGER: _("Bewerkt de regiovisie van de regio."),
    Rol.BEHEERDER: _("Beheert gebruikers en publicaties; ziet alles."),
}


def parse_roles(values: Iterable[str]) -> list[Rol]:
    """Known roles in a fixed order; unknown values are dropped."""
    wanted = {str(v).strip().lower() for v in values}
    return [r for r in Rol if r.value in wanted]


def is_gemeente_code(code: str) -> bool:
    return len(code) == 6 and code[:2].upper() == "GM" and code[2:].isdigit()


@dataclass(frozen=True)
class Access:
    """What one user may do, computed from roles and scope."""

    roles: frozenset[Rol]
    gemeenten: frozenset[str]  # codes named in the scope
    regions: frozenset[str]  # region codes named in the scope

    @classmethod
    def of(cls, roles: Iterable[str], scope: Iterable[str]) -> Access:
        codes = [str(s).strip() for s in scope if str(s).strip()]
        return cls(
            roles=frozenset(parse_roles(roles)),
            gemeenten=frozenset(c.upper() for c in codes if is_gemeente_code(c)),
            regions=frozenset(c.lower() for c in codes if not is_gemeente_code(c)),
        )

    @property
    def is_beheerder(self) -> bool:
        return Rol.BEHEERDER in self.roles

    @property
    def has_role(self) -> bool:
        return bool(self.roles)

    def sees_region(self, region: str, region_gemeenten: Iterable[str]) -> bool:
        if not self.roles:
            return False
        if self.is_beheerder or region in self.regions:
            return True
        return bool(self.gemeenten & set(region_gemeenten))

    def sees_whole_region(self, region: str) -> bool:
        return bool(self.roles) and (self.is_beheerder or region in self.regions)

    def gemeente_scope(self, region: str) -> frozenset[str] | None:
        """The one scope rule for figures: ``None`` when the user sees every gemeente of
        ``region`` (and the region), else the gemeente codes whose figures may be shown.

        Every page, fragment, download and report format that shows figures filters through
        this, so a gemeente-scoped user gets the region's figures and their own gemeente's,
        never another gemeente's.
        """
        if self.sees_whole_region(region):
            return None
        if not self.roles:
            return frozenset()
        return self.gemeenten

    def visible_gemeenten(self, region: str, region_gemeenten: Iterable[str]) -> list[str]:
        """The gemeenten of ``region`` this user may see, in the order given."""
        scope = self.gemeente_scope(region)
        codes = list(region_gemeenten)
        return codes if scope is None else [c for c in codes if c in scope]

    def sees_gemeente(self, region: str, code: str) -> bool:
        scope = self.gemeente_scope(region)
        return bool(self.roles) and (scope is None or code in scope)

    def may_explain(self, code: str) -> bool:
        """A toelichting may be written by a beleidsadviseur for a gemeente named in the scope."""
        return Rol.BELEIDSADVISEUR in self.roles and code in self.gemeenten

    def may_edit_regiovisie(self, region: str, region_gemeenten: Iterable[str]) -> bool:
        return Rol.PROGRAMMAMANAGER in self.roles and self.sees_region(region, region_gemeenten)

    def may_download_report(self, region: str) -> bool:
        """The regional report names every gemeente, so it needs a view of the whole region."""
        return self.sees_whole_region(region)
