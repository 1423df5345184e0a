# SPDX-License-Identifier: EUPL-1.2
"""Whether the CBS figures of a publication are real or the demo's synthetic ones.

``ketenmonitor demo`` writes invented figures in the StatLine layout (``*_synthetisch.csv``, see
:mod:`ketenmonitor.cbs.synthetic`) so the comparison can be shown without real data. A reader
must never take them for CBS figures: every place that names the CBS as source (report, portal,
exports) asks this module and says "synthetisch" when the imported file was synthetic. The
import keeps the file name and title in the publication's ``cbs_bronnen``, which is what is read
here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ketenmonitor.core.i18n import _

SYNTHETIC_MARK = "synthetisch"


def synthetic_tables(sources: Iterable[Mapping[str, Any]] | None) -> list[str]:
    """The CBS table ids whose imported file is synthetic (file name or title says so)."""
    found: list[str] = []
    for source in sources or []:
        text = f"{source.get('bestand', '')} {source.get('titel', '')}".casefold()
        tabel = str(source.get("tabel", ""))
        if SYNTHETIC_MARK in text and tabel not in found:
            found.append(tabel)
    return found


def nederland_label(synthetic: bool) -> str:
    """Column and series name of the national figures."""
    return _("Nederland (synthetisch)") if synthetic else _("Nederland")


def synthetic_note(tables: list[str]) -> str:
    """One sentence for a definitions sheet, a source line or a page: these are not CBS figures."""
    return _("Let op: de CBS-cijfers ({tabellen}) zijn synthetisch: verzonnen getallen in de "
             "indeling van CBS StatLine, gemaakt voor de demo. Het zijn geen echte cijfers van "
             "het CBS.").format(tabellen=", ".join(tables))
