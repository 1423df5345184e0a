# SPDX-License-Identifier: EUPL-1.2
"""The portal user: a Django user with roles and a scope (gemeente and region codes)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenmonitor.portal.accounts.roles import Access, Rol, parse_roles


class Bron(models.TextChoices):
    OIDC = "oidc", _("OIDC (identiteitsprovider)")
    LOKAAL = "lokaal", _("Lokaal (alleen ontwikkeling)")


class Gebruiker(AbstractUser):
    """A user. With OIDC the roles and scope are overwritten from the token at every login."""

    rollen = models.JSONField(_("rollen"), default=list, blank=True)
    scope = models.JSONField(
        _("gemeenten en regio's"),
        default=list,
        blank=True,
        help_text=_("Gemeentecodes (GM0503) en regiocodes (haaglanden)."),
    )
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.LOKAAL)
    rollen_bijgewerkt = models.DateTimeField(_("rollen bijgewerkt"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def access(self) -> Access:
        cached: Access | None = getattr(self, "_access", None)
        if cached is None:
            cached = Access.of(self.rollen or [], self.scope or [])
            self._access = cached
        return cached

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The Django admin is for beheerders only; staff and admin rights follow the role.
        self.rollen = [r.value for r in parse_roles(self.rollen or [])]
        self.is_staff = self.is_superuser = Rol.BEHEERDER.value in self.rollen
        self.__dict__.pop("_access", None)
        super().save(*args, **kwargs)


def display_name(user: object) -> str:
    """The name to show with something a user wrote: full name, else the user name."""
    if isinstance(user, Gebruiker):
        return user.get_full_name() or user.get_username()
    return "anoniem"
