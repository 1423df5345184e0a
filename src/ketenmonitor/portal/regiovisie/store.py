# SPDX-License-Identifier: EUPL-1.2
"""Reading and saving the regiovisie of a region through the regiovisie package (YAML, checks).

A save validates the whole regiovisie (schema and references) before it becomes a version, and
writes the change to the audit log; the YAML is produced by the package's own ``dump``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest

from ketenmonitor.core.i18n import _
from ketenmonitor.portal.audit.models import Actie, Resultaat
from ketenmonitor.portal.audit.record import SYSTEM, record
from ketenmonitor.portal.regiovisie.models import RegiovisieVersie
from ketenmonitor.regiovisie import (
    Regiovisie,
    RegiovisieError,
    check_regiovisie,
    dump_regiovisie,
    example_path,
    parse_regiovisie,
)
from ketenmonitor.regiovisie.errors import refused


def current(region: str) -> tuple[RegiovisieVersie, Regiovisie] | None:
    row = RegiovisieVersie.objects.filter(regio=region).order_by("-versie").first()
    if row is None:
        return None
    return row, parse_regiovisie(row.yaml, bron=f"{region} v{row.versie}", catalogue=False)


def history(region: str, periode: str | None = None) -> list[RegiovisieVersie]:
    rows = RegiovisieVersie.objects.filter(regio=region)
    if periode:
        rows = rows.filter(periode__in=[periode, ""])
    return list(rows.order_by("-versie"))


def save(region: str, regiovisie: Regiovisie, actor: str, omschrijving: str,
         periode: str = "", request: HttpRequest | None = None) -> RegiovisieVersie:
    """Validate and store ``regiovisie`` as the next version of ``region``."""
    if regiovisie.regio != region:
        raise RegiovisieError(
            "regiovisie_andere_regio",
            _("Deze regiovisie is van regio '{andere}', niet van '{regio}'.").format(
                andere=regiovisie.regio, regio=region),
            _("Zet 'regio' in het bestand op de regio van deze pagina."),
        )
    fouten = check_regiovisie(regiovisie)
    if fouten:
        record(request, Actie.WIJZIGING, f"regiovisie:{region}:geweigerd", Resultaat.GEWEIGERD,
               actor)
        raise refused(fouten, _("de wijziging"))
    text = dump_regiovisie(regiovisie)
    for _attempt in range(3):  # two saves at the same moment: the second takes the next number
        try:
            with transaction.atomic():
                last = RegiovisieVersie.objects.filter(regio=region).aggregate(m=Max("versie"))["m"]
                row = RegiovisieVersie.objects.create(
                    regio=region, versie=(last or 0) + 1, yaml=text, periode=periode,
                    omschrijving=omschrijving[:300], opgeslagen_door=actor)
            break
        except IntegrityError:
            continue
    else:
        raise RegiovisieError("regiovisie_gelijktijdig",
                              _("De regiovisie werd tegelijk door iemand anders opgeslagen."),
                              _("Laad de pagina opnieuw en probeer het nog eens."))
    record(request, Actie.WIJZIGING,
           f"regiovisie:{region}:v{row.versie}:{periode or '-'}:{omschrijving[:80]}", actor=actor)
    return row


def import_yaml(region: str, text: str, actor: str, request: HttpRequest | None = None,
                bron: str = "upload") -> RegiovisieVersie:
    """Parse, check and store a YAML text (Dutch errors with line numbers when it is wrong)."""
    regiovisie = parse_regiovisie(text, bron=bron, catalogue=False)
    return save(region, regiovisie, actor, _("Geïmporteerd uit {bron}").format(bron=bron),
                request=request)


def import_example(region: str) -> RegiovisieVersie | None:
    """The package's example regiovisie, for the demo; only when the region has none yet."""
    if RegiovisieVersie.objects.filter(regio=region).exists():
        return None
    text = example_path().read_text(encoding="utf-8")
    regiovisie = parse_regiovisie(text, bron=example_path().name, catalogue=False)
    if regiovisie.regio != region:
        return None
    return save(region, regiovisie, SYSTEM, _("Voorbeeldregiovisie geladen"))
