# SPDX-License-Identifier: EUPL-1.2
"""The audit log: one row per event, each holding the hash of the row before it.

Rows can only be added. ``save`` on an existing row, ``delete`` and queryset ``update``/``delete``
refuse in Python; triggers from migration 0002 refuse UPDATE and DELETE in the database itself
(SQLite and PostgreSQL). The head row (:class:`AuditKop`) holds the number and hash of the last
entry, so removing entries at the end is detected too.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogWijzigingGeweigerd(Exception):
    """An attempt to change or remove an audit entry."""


def _refuse() -> NoReturn:
    raise AuditLogWijzigingGeweigerd(
        str(_("De auditlog is alleen-toevoegen: regels wijzigen of verwijderen kan niet."))
    )


class Actie(models.TextChoices):
    INLOGGEN = "inloggen", _("Inloggen")
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("Inloggen mislukt")
    UITLOGGEN = "uitloggen", _("Uitloggen")
    PAGINA = "pagina_bekeken", _("Pagina bekeken")
    DOWNLOAD = "download", _("Download")
    WIJZIGING = "wijziging", _("Wijziging")
    PUBLICATIE = "publicatie", _("Publicatie gewijzigd")
    TOEGANG_GEWEIGERD = "toegang_geweigerd", _("Toegang geweigerd")
    ROLLEN_EXPORT = "rollen_export", _("Rollenoverzicht geëxporteerd")
    GEBRUIKER = "gebruiker", _("Gebruiker gewijzigd")


class Resultaat(models.TextChoices):
    GELUKT = "gelukt", _("gelukt")
    GEWEIGERD = "geweigerd", _("geweigerd")
    MISLUKT = "mislukt", _("mislukt")


class AuditQuerySet(models.QuerySet["AuditRegel"]):
    def update(self, **kwargs: Any) -> int:
        _refuse()

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse()


class AuditRegel(models.Model):
    volgnummer = models.PositiveBigIntegerField(_("volgnummer"), primary_key=True)
    tijdstip = models.DateTimeField(_("tijdstip"))
    actor = models.CharField(_("wie"), max_length=150)
    actie = models.CharField(_("actie"), max_length=30, choices=Actie.choices)
    object = models.CharField(_("object"), max_length=300)
    resultaat = models.CharField(_("resultaat"), max_length=10, choices=Resultaat.choices)
    herkomst = models.CharField(_("herkomst (IP-adres)"), max_length=64)
    vorige_hash = models.CharField(_("hash van de vorige regel"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # HMAC under the key file outside the database; empty only for entries from before keys.
    mac = models.CharField(_("sleutelcode"), max_length=64, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ("volgnummer",)

    def __str__(self) -> str:
        return f"{self.volgnummer} {self.actie} {self.object}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse()


class AuditKop(models.Model):
    """The head of the chain: a single row with the last entry's number and hash."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    laatste_volgnummer = models.PositiveBigIntegerField(default=0)
    laatste_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("kop van de auditketen")
        verbose_name_plural = _("kop van de auditketen")
