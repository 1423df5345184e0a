# SPDX-License-Identifier: EUPL-1.2
"""What ingest reports per delivery and per run (the service's results)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from ketenmonitor.core.errors import ExitCode, KetenmonitorError


class IngestStatus(StrEnum):
    GELADEN = "geladen"
    DEELS_GELADEN = "deels_geladen"
    NIETS_GELADEN = "niets_geladen"  # every row quarantined: never called "deels geladen"
    AL_GELADEN = "al_geladen"
    GEWEIGERD = "geweigerd"


@dataclass(frozen=True)
class IngestResult:
    """What happened to one delivery. Counts are rows of the delivery file."""

    source: Path
    status: IngestStatus
    delivery_id: str | None = None
    partner: str | None = None
    record_type: str | None = None
    period: str | None = None
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_held_back: int = 0  # betrokkenen whose event is not loaded (see ingest.held_back)
    replaced: tuple[str, ...] = ()
    replaced_by: str | None = None
    error: KetenmonitorError | None = None
    seconds: float = 0.0

    @property
    def exit_code(self) -> ExitCode:
        if self.status in (IngestStatus.GEWEIGERD, IngestStatus.NIETS_GELADEN):
            return ExitCode.REFUSED
        if self.status is IngestStatus.DEELS_GELADEN:
            return ExitCode.PARTIAL
        return ExitCode.OK

    @property
    def rows_per_second(self) -> float:
        return self.rows_in / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class IngestReport:
    results: list[IngestResult]

    @property
    def exit_code(self) -> ExitCode:
        return max((r.exit_code for r in self.results), default=ExitCode.OK)


@dataclass(frozen=True)
class QuarantineRow:
    row_number: int
    reason_code: str
    field: str | None
    message: str
    record_key: str | None
    source_file: str | None = None  # the partner's file and line, when the delivery carries them
    source_line: int | None = None


LOADED = (IngestStatus.GELADEN, IngestStatus.DEELS_GELADEN, IngestStatus.NIETS_GELADEN)


def with_counts(result: IngestResult, counts: Sequence[Any]) -> IngestResult:
    """``result`` with the ledger's (loaded, quarantined, held back) counts."""
    loaded, quarantined, held = (int(v or 0) for v in counts)
    status = (IngestStatus.GELADEN if quarantined == 0
              else IngestStatus.DEELS_GELADEN if loaded else IngestStatus.NIETS_GELADEN)
    return replace(result, status=status, rows_loaded=loaded, rows_held_back=held)
