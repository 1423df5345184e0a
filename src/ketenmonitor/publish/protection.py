# SPDX-License-Identifier: EUPL-1.2
"""What the interval attack needs from earlier publications (issue 12, ADR 0010).

Before a publication is written, ``indicators.protect.protect_tables`` (through
``compute.protect_all``) suppresses until the interval attack finds nothing over its tables
together with every earlier publication of the same region under the publication root (an
earlier publication's figures stay public; after a corrected delivery the unchanged cells of
both describe the same people), and refuses the publication with a Dutch message otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

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
