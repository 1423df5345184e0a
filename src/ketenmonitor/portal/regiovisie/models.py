# SPDX-License-Identifier: EUPL-1.2
"""The regiovisie of a region, stored as versions of its YAML (the regiovisie package's format).

Every save adds a version; nothing is overwritten. The YAML is the canonical form: export gives
it back unchanged, import stores it as a new version after validation, and the history shows
who changed what, when, in which reporting period.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegiovisieVersie(models.Model):
    regio = models.CharField(_("regio"), max_length=60)
    versie = models.PositiveIntegerField(_("versie"))
    yaml = models.TextField(_("regiovisie (YAML)"))
    periode = models.CharField(_("rapportageperiode"), max_length=10, blank=True)
    omschrijving = models.CharField(_("wat is gewijzigd"), max_length=300)
    opgeslagen_door = models.CharField(_("opgeslagen door"), max_length=150)
    opgeslagen_op = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("versie van de regiovisie")
        verbose_name_plural = _("versies van de regiovisie")
        ordering = ("regio", "-versie")
        constraints = (models.UniqueConstraint(fields=("regio", "versie"), name="regiovisie_versie"),)

    def __str__(self) -> str:
        return f"{self.regio} v{self.versie}"
