# SPDX-License-Identifier: EUPL-1.2
"""Where the derivations read from, so the same SQL runs on the warehouse and on ground truth.

On the warehouse everything is local. For the ground-truth comparison the warehouse is attached
read-only as ``wh`` and the link tables are the simulator's true person and household ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeriveSources:
    source_prefix: str = ""  # e.g. "wh.main." for an attached warehouse
    link_persoon: str = "link_persoon"
    link_huishouden: str = "link_huishouden"

    def table(self, name: str) -> str:
        return f"{self.source_prefix}{name}"

    def sql(self, template: str) -> str:
        """Fill ``{vt_bericht}``-style placeholders with qualified table names."""
        names = {
            name: self.table(name)
            for name in ("vt_bericht", "politie_incident", "lt_traject", "mda_casus", "betrokkene",
                         "ledger")
        }
        names["link_persoon"] = self.link_persoon
        names["link_huishouden"] = self.link_huishouden
        return template.format(**names)
