# SPDX-License-Identifier: EUPL-1.2
"""The interval attack as a gate before publishing (issue 12, ADR 0010).

Before a publication is written, ``attack.attack`` runs over its tables together with every
earlier publication of the same region under the publication root (an earlier publication's
figures stay public; after a corrected delivery the unchanged cells of both describe the same
people). When it narrows a hidden count down further than the protection interval
(``Settings.protection_interval``) the publication is refused with a Dutch message.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.attack import AttackReport, attack
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.rounding import round_value
from ketenmonitor.publish.reader import list_publications, read_publication


def values_from_rounded(tables: Mapping[str, pa.Table], catalogue: Catalogue) -> bool:
    """Whether every published share and rate equals the one from its rounded counts (true
    for publications since ADR 0010; older ones computed it from the unrounded counts)."""
    for ind, table in tables.items():
        if ind not in catalogue or catalogue[ind].eenheid.factor == 1:
            continue
        factor = catalogue[ind].eenheid.factor
        for t, n, w in zip(table.column("teller").to_pylist(), table.column("noemer").to_pylist(),
                           table.column("waarde").to_pylist(), strict=True):
            if t is not None and n and w is not None and round_value(factor * t / n) != w:
                return False
    return True


def earlier_publications(
    pub_root: Path | None, region: str, catalogue: Catalogue
) -> list[Published]:
    """Every readable earlier publication of ``region`` under ``pub_root``."""
    if pub_root is None:
        return []
    found: list[Published] = []
    for path in list_publications(pub_root, region):
        publication = read_publication(path)
        tables = {i: publication.table(i) for i in publication.indicator_ids}
        found.append(Published(tables, values_from_rounded(tables, catalogue)))
    return found


def check_protection(
    truth: Mapping[str, pa.Table],
    tables: Mapping[str, pa.Table],
    catalogue: Catalogue,
    settings: Settings,
    earlier: list[Published],
) -> AttackReport:
    """Run the attack and refuse (``PublicationError``) when it recovers anything."""
    report = attack(
        truth, tables, catalogue,
        threshold=settings.suppression_threshold, base=settings.rounding_base,
        protection=settings.protection_interval,
        values_from_rounded=values_from_rounded(tables, catalogue), earlier=earlier,
    )
    if report.findings:
        worst = sorted(report.per_indicator().items(), key=lambda kv: -kv[1])[:3]
        raise PublicationError(
            "onthulling_terug_te_rekenen",
            _("De publicatie wordt niet geschreven: uit de gepubliceerde tabellen (samen met "
              "{earlier} eerdere publicatie(s) van deze regio) zijn {count} verborgen aantallen "
              "nauwer terug te rekenen dan ±{interval} (meeste in: {where}).").format(
                earlier=len(earlier), count=len(report.findings),
                interval=settings.protection_interval,
                where=", ".join(f"{ind} ({n})" for ind, n in worst),
            ),
            _("Dit is een fout in de onthullingsbeveiliging, niet in uw gegevens: publiceer niet "
              "en meld het aan de beheerder (zie docs/onthullingsbeveiliging.md)."),
        )
    return report
