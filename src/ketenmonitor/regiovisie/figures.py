# SPDX-License-Identifier: EUPL-1.2
"""Looking up the figure behind a light: a published cell, or an output indicator count.

Only published (disclosure-controlled) values are read, through the publication reader's
:class:`~ketenmonitor.publish.reader.Publication`; a suppressed cell comes back as suppressed,
never as a number.
"""

from __future__ import annotations

from typing import Any

from ketenmonitor.core.formatting import format_number
from ketenmonitor.core.periods import Period
from ketenmonitor.publish.reader import Publication
from ketenmonitor.publish.signs import GEEN_GEGEVENS, ONTHULLING, REASON_COLUMN
from ketenmonitor.regiovisie.programme import OutputIndicator, OutputTabel, compute_output
from ketenmonitor.regiovisie.result import Cijfer

REGIO = "regio"


def previous_period(periode: str) -> str:
    """The period before: 2025 → 2024, 2025-H1 → 2024-H2, 2025-H2 → 2025-H1."""
    p = Period.parse(periode)
    if p.half is None:
        return str(p.year - 1)
    return f"{p.year - 1}-H2" if p.half == 1 else f"{p.year}-H1"


class PublishedFigures:
    """Cells of a publication by (indicator, gebied, periode, dimensie, categorie)."""

    def __init__(self, publication: Publication | None) -> None:
        self.publication = publication
        self._rows: dict[str, list[dict[str, Any]]] = {}

    def info(self, indicator_id: str) -> dict[str, Any] | None:
        if self.publication is None or indicator_id not in self.publication.indicator_ids:
            return None
        return self.publication.indicator(indicator_id)

    def _table(self, indicator_id: str) -> list[dict[str, Any]]:
        if indicator_id not in self._rows:
            assert self.publication is not None
            self._rows[indicator_id] = self.publication.table(indicator_id).to_pylist()
        return self._rows[indicator_id]

    def cell(self, indicator_id: str, gebied: str, periode: str, dimensie: str,
             categorie: str) -> tuple[Cijfer | None, str]:
        """The published figure and its category label; ``(None, '')`` if not published."""
        if self.info(indicator_id) is None:
            return None, ""
        for row in self._table(indicator_id):
            area = row["gebied_niveau"] == REGIO if gebied == REGIO else row["gebied_code"] == gebied
            if (area and row["periode"] == periode and row["dimensie"] == dimensie
                    and row["categorie"] == categorie):
                suppressed = bool(row["onderdrukt"]) or row["waarde"] is None
                reden = row.get(REASON_COLUMN) or (
                    (ONTHULLING if row["onderdrukt"] else GEEN_GEGEVENS) if suppressed else None)
                return (
                    Cijfer(
                        waarde=None if suppressed else float(row["waarde"]),
                        weergave=str(row["weergave"]),
                        periode=periode,
                        gebied_code=str(row["gebied_code"]),
                        gebied_naam=str(row["gebied_naam"]),
                        voorlopig=bool(row["voorlopig"]),
                        onderdrukt=suppressed,
                        reden=reden,
                    ),
                    str(row["categorie_label"]),
                )
        return None, ""

    def area_name(self, gebied: str) -> str:
        """Name of ``gebied`` as the publication writes it (falls back to the code)."""
        if self.publication is None:
            return gebied
        if gebied == REGIO:
            return self.publication.region_name
        for indicator_id in self.publication.indicator_ids:
            for row in self._table(indicator_id):
                if row["gebied_code"] == gebied:
                    return str(row["gebied_naam"])
        return gebied


def output_figure(table: OutputTabel, categorie: str, regio_naam: str) -> tuple[Cijfer | None, str]:
    row = table.rij(categorie)
    if row is None:
        return None, ""
    shown = format_number(row.waarde, 0)
    return Cijfer(float(row.waarde), shown, table.periode, REGIO, regio_naam), row.label


class OutputFigures:
    """Output indicators counted per period, computed once."""

    def __init__(self, indicators: list[OutputIndicator], activiteiten: list[Any],
                 gemeente_names: dict[str, str]) -> None:
        self.indicators = {i.id: i for i in indicators}
        self.activiteiten = activiteiten
        self.names = gemeente_names
        self._cache: dict[tuple[str, str], OutputTabel] = {}

    def table(self, indicator_id: str, periode: str) -> OutputTabel | None:
        indicator = self.indicators.get(indicator_id)
        if indicator is None:
            return None
        key = (indicator_id, periode)
        if key not in self._cache:
            self._cache[key] = compute_output(indicator, self.activiteiten, Period.parse(periode),
                                              self.names)
        return self._cache[key]
