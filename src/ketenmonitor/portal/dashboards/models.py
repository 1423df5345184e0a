# SPDX-License-Identifier: EUPL-1.2
"""Registered publications and the toelichtingen gemeenten write at figures.

A publication itself stays on disk, sealed and read-only; the portal stores only where it is,
its identity and metadata summary, and whether it is shown (a withdrawn publication is kept for
the record but no longer offered).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publicatie(models.Model):
    publicatie_id = models.CharField(_("publicatie"), max_length=120, unique=True)
    pad = models.CharField(_("map"), max_length=1000)
    regio = models.CharField(_("regio"), max_length=60, db_index=True)
    regio_naam = models.CharField(_("naam van de regio"), max_length=120)
    peildatum = models.DateField(_("peildatum"))
    formaat = models.CharField(_("formaatversie"), max_length=10)
    gemaakt_op = models.CharField(_("gemaakt op"), max_length=40)
    metadata_sha256 = models.CharField(_("controlesom metadata"), max_length=64)
    actief = models.BooleanField(_("getoond"), default=True)
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    geregistreerd_door = models.CharField(_("geregistreerd door"), max_length=150)

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        ordering = ("regio", "-peildatum", "-publicatie_id")

    def __str__(self) -> str:
        return self.publicatie_id

    @property
    def versie(self) -> int:
        return int(self.publicatie_id.rsplit("-v", 1)[-1])


class Toelichting(models.Model):
    """A gemeente's explanation at one figure: indicator × gemeente × period."""

    regio = models.CharField(_("regio"), max_length=60)
    gemeente = models.CharField(_("gemeente"), max_length=6)
    indicator = models.CharField(_("indicator"), max_length=80)
    periode = models.CharField(_("periode"), max_length=10)
    tekst = models.TextField(_("toelichting"), max_length=4000)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("auteur")
    )
    auteur_naam = models.CharField(_("naam van de auteur"), max_length=150)
    publicatie_id = models.CharField(_("geschreven bij publicatie"), max_length=120)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)
    # Set when a beheerder changes the text in /beheer/: the page then names who changed it.
    gewijzigd_door_naam = models.CharField(_("gewijzigd door"), max_length=150, blank=True,
                                           default="")

    class Meta:
        verbose_name = _("toelichting")
        verbose_name_plural = _("toelichtingen")
        ordering = ("aangemaakt",)
        indexes = (models.Index(fields=["regio", "gemeente", "indicator", "periode"]),)

    def __str__(self) -> str:
        return f"{self.gemeente} {self.indicator} {self.periode}"
