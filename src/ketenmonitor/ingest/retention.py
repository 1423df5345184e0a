# SPDX-License-Identifier: EUPL-1.2
"""Retention (AVG): deliveries whose period ended longer ago than the retention period are
removed from the warehouse, with their tokens and quarantine rows (ADR 0020).

A delivery is past retention when the last day of its period lies before *today minus the
retention period* (in months). Removing it deletes its rows from the record table (so the tokens
of its betrokkenen), its quarantine rows (they quote partner values) and, on request, its files
(Parquet, manifest, signature) in the deliveries folder. Its ledger row stays, with status
``verwijderd`` and its counts, and ``ledger_event`` records who removed it, when and why: the
ledger must still show what was once loaded, and it holds no personal data.

The stable-id registers of linkage (``link_*_register``) are kept on purpose: they hold record
keys and ids, no tokens, and without them a person whose oldest records were removed could get a
new id at the next linkage run, silently breaking trend series (see :mod:`ketenmonitor.linkage.
stable_ids`). Derived tables (``link_*``, ``afg_*``) are rebuilt by the next ``ketenmonitor
link``.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import MANIFEST_SUFFIX
from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.ingest.held_back import TABLE as HELD_BACK
from ketenmonitor.ingest.held_back import ensure_tables as ensure_held_back
from ketenmonitor.ingest.held_back import held_back_count
from ketenmonitor.ingest.ledger_events import add_event
from ketenmonitor.ingest.ledger_events import ensure_table as ensure_events
from ketenmonitor.ingest.loader import HELD_BACK_OF
from ketenmonitor.ingest.sqltext import ident

log = get_logger(__name__)

REMOVED = "verwijderd"


@dataclass(frozen=True)
class Expired:
    """A delivery past retention and what removing it deletes."""

    delivery_id: str
    partner: str
    record_type: str
    period: str
    status: str
    rows: int  # rows still in the warehouse, held back included (0 for a replaced delivery)
    quarantine_rows: int
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class RetentionPlan:
    months: int
    cutoff: date  # deliveries whose period ended before this day are past retention
    expired: tuple[Expired, ...]

    @property
    def rows(self) -> int:
        return sum(e.rows for e in self.expired)


def months_before(day: date, months: int) -> date:
    """``day`` minus ``months`` calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def check_months(months: int | None) -> int:
    if months is None:
        raise ConfigurationError(
            "bewaartermijn_ontbreekt",
            _("Er is geen bewaartermijn ingesteld."),
            _("Stel KETENMONITOR_BEWAARTERMIJN_MAANDEN in (bijvoorbeeld 60 voor vijf jaar) of "
              "geef --bewaartermijn MAANDEN op; de termijn staat in het verwerkingsregister van "
              "de regio."))
    if months < 1:
        raise ConfigurationError(
            "bewaartermijn_ongeldig",
            _("De bewaartermijn moet minstens 1 maand zijn (opgegeven: {n}).").format(n=months),
            _("Geef het aantal maanden na het einde van een periode dat leveringen bewaard "
              "blijven."))
    return months


def _delivery_files(delivery_id: str, manifests: dict[str, Path]) -> tuple[Path, ...]:
    manifest = manifests.get(delivery_id)
    if manifest is None:
        return ()
    parquet = manifest.with_name(manifest.name[: -len(MANIFEST_SUFFIX)] + ".parquet")
    signature = manifest.with_name(manifest.name + ".sig")
    return tuple(p for p in (parquet, manifest, signature) if p.is_file())


def _manifests(folders: Sequence[Path]) -> dict[str, Path]:
    """delivery id → manifest path, for every readable manifest under ``folders``."""
    found: dict[str, Path] = {}
    for folder in folders:
        for manifest in sorted(folder.rglob("*" + MANIFEST_SUFFIX)):
            try:
                delivery_id = json.loads(manifest.read_text(encoding="utf-8"))["delivery_id"]
            except (OSError, ValueError, KeyError, TypeError):
                continue  # not a manifest of ours: never delete what we cannot identify
            found[str(delivery_id)] = manifest
    return found


def plan_retention(con: duckdb.DuckDBPyConnection, months: int, today: date,
                   folders: Sequence[Path] = ()) -> RetentionPlan:
    """What removing deliveries past retention would delete; changes nothing."""
    cutoff = months_before(today, check_months(months))
    manifests = _manifests(folders)
    expired: list[Expired] = []
    rows = con.execute(
        "SELECT delivery_id, partner, record_type, period, status FROM ledger "
        "ORDER BY period, partner, record_type, loaded_at").fetchall()
    for delivery_id, partner, record_type, period, status in rows:
        if Period.parse(str(period)).end >= cutoff:
            continue
        files = _delivery_files(str(delivery_id), manifests)
        if status == REMOVED and not files:
            continue  # done; a removed delivery with files left (a crash in between) comes back
        table = ident(RECORD_TYPES[str(record_type)].name)
        (loaded,) = con.execute(f"SELECT count(*) FROM {table} WHERE delivery_id = ?",
                                [delivery_id]).fetchall()[0]
        if record_type == HELD_BACK_OF:
            loaded += held_back_count(con, str(delivery_id))
        (quarantined,) = con.execute("SELECT count(*) FROM quarantine WHERE delivery_id = ?",
                                     [delivery_id]).fetchall()[0]
        expired.append(Expired(str(delivery_id), str(partner), str(record_type), str(period),
                               str(status), int(loaded), int(quarantined), files))
    return RetentionPlan(months, cutoff, tuple(expired))


def apply_retention(con: duckdb.DuckDBPyConnection, plan: RetentionPlan, reason: str) -> int:
    """Remove the deliveries of ``plan`` in one transaction, then their files; returns the number
    of rows deleted from record tables. Files go after the commit: a file left behind by a crash
    is found again by the next run, a row deleted before a failed file deletion is not lost."""
    ensure_events(con)
    ensure_held_back(con)
    con.begin()
    try:
        for item in plan.expired:
            table = ident(RECORD_TYPES[item.record_type].name)
            con.execute(f"DELETE FROM {table} WHERE delivery_id = ?", [item.delivery_id])
            if item.record_type == HELD_BACK_OF:
                con.execute(f"DELETE FROM {HELD_BACK} WHERE delivery_id = ?", [item.delivery_id])
            con.execute("DELETE FROM quarantine WHERE delivery_id = ?", [item.delivery_id])
            con.execute("UPDATE ledger SET status = ? WHERE delivery_id = ?",
                        [REMOVED, item.delivery_id])
            add_event(con, item.delivery_id, REMOVED, reason, months=plan.months,
                      cutoff=plan.cutoff.isoformat(), previous_status=item.status,
                      rows=item.rows, quarantine_rows=item.quarantine_rows,
                      files=[p.name for p in item.files])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    for item in plan.expired:
        for path in item.files:
            path.unlink(missing_ok=True)
    log.warning("bewaartermijn_toegepast", months=plan.months, cutoff=plan.cutoff.isoformat(),
                deliveries=len(plan.expired), rows=plan.rows, reason=reason)
    return plan.rows
