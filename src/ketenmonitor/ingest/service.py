# SPDX-License-Identifier: EUPL-1.2
"""Ingest deliveries into the warehouse: check, validate, load or quarantine, keep the ledger.

A delivery already in the ledger (same delivery id, so same file) changes nothing. A new delivery
for the same partner, record type and period replaces the earlier one in the same transaction;
the ledger keeps both and marks the old one ``vervangen``. Exit codes: 0 all loaded (or already
loaded), 1 some rows quarantined, 2 delivery refused; over several deliveries, the worst.
Replacement follows explicit rules (:mod:`ketenmonitor.ingest.replacement`): an older export, an
empty delivery over a full one, a future period or a betrokkene delivery under another key id is
refused unless the operator lifts that rule with a reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb

from ketenmonitor.core.errors import ConfigurationError, InputRefused
from ketenmonitor.core.faults import printable
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.source_lines import ensure_columns as ensure_source_columns
from ketenmonitor.delivery.checks import CheckedDelivery, check_delivery_file
from ketenmonitor.delivery.files import MANIFEST_SUFFIX
from ketenmonitor.delivery.manifest import find_deliveries, manifest_for, read_manifest
from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.ingest.authenticity import register_key, verify_manifest
from ketenmonitor.ingest.held_back import ensure_tables as ensure_held_back
from ketenmonitor.ingest.held_back import is_event_delivery, rebalance
from ketenmonitor.ingest.ledger_events import add_event
from ketenmonitor.ingest.ledger_events import ensure_table as ensure_events
from ketenmonitor.ingest.loader import (
    Reference,
    Staging,
    Validation,
    check_balance,
    commit_delivery,
)
from ketenmonitor.ingest.pipeline import WORKERS, bulk_checkpoints, events_first, run_pipelined
from ketenmonitor.ingest.replacement import (
    NONE,
    Allowance,
    Rule,
    check_period,
    check_replacement,
    record,
)
from ketenmonitor.ingest.replacement import ensure_table as ensure_export_dates
from ketenmonitor.ingest.results import (
    LOADED,
    IngestReport,
    IngestResult,
    IngestStatus,
    QuarantineRow,
    with_counts,
)
from ketenmonitor.warehouse import connect

__all__ = ["IngestReport", "IngestResult", "IngestStatus", "QuarantineRow", "ensure_tables",
           "ingest_delivery", "ingest_paths", "quarantine_rows", "restore_delivery"]

log = get_logger(__name__)


Earlier = tuple[int, int, int, str | None]  # rows in, loaded, quarantined; replaced by


def _already_loaded(con: duckdb.DuckDBPyConnection, delivery_id: str) -> Earlier | None:
    rows = con.execute(
        "SELECT rows_in, rows_loaded, rows_quarantined, replaced_by FROM ledger "
        "WHERE delivery_id = ?", [delivery_id]).fetchall()
    if not rows:
        return None
    rows_in, loaded, quarantined, replaced_by = rows[0]
    return int(rows_in), int(loaded), int(quarantined), replaced_by


def _ledger_at_commit(con: duckdb.DuckDBPyConnection, delivery_id: str, partner: str,
                      record_type: str, period: str) -> tuple[Earlier | None, list[str]]:
    """In one query (one of a dozen per delivery, thousands of deliveries per run): the
    delivery's own ledger entry, if any, and the deliveries in force it would replace (same
    partner, record type and period; in loading order)."""
    rows = con.execute(
        "SELECT delivery_id = ? AS own, status NOT IN ('vervangen', 'verwijderd') "
        "AND partner = ? AND record_type = ? AND period = ? AS in_force, delivery_id, rows_in, "
        "rows_loaded, rows_quarantined, replaced_by FROM ledger WHERE delivery_id = ? OR "
        "(partner = ? AND record_type = ? AND period = ? "
        "AND status NOT IN ('vervangen', 'verwijderd')) ORDER BY loaded_at",
        [delivery_id, partner, record_type, period, delivery_id, partner, record_type,
         period]).fetchall()
    own = next(((int(r[3]), int(r[4]), int(r[5]), r[6]) for r in rows if r[0]), None)
    return own, [str(r[2]) for r in rows if r[1]]


def other_key_ids(con: duckdb.DuckDBPyConnection, key_id: str) -> list[str]:
    """Key ids of betrokkene deliveries in force other than ``key_id`` (their tokens cannot be
    linked with tokens under ``key_id``)."""
    rows = con.execute(
        "SELECT DISTINCT k.key_id FROM ledger l JOIN ledger_key k USING (delivery_id) "
        "WHERE l.record_type = 'betrokkene' AND l.status NOT IN ('vervangen', 'verwijderd') "
        "AND k.key_id <> ? "
        "ORDER BY k.key_id", [key_id]).fetchall()
    return [str(r[0]) for r in rows]


@dataclass
class _Prepared:
    """A delivery staged and validated on ``con``, waiting for its turn to commit."""

    con: duckdb.DuckDBPyConnection
    checked: CheckedDelivery
    staging: Staging
    validation: Validation
    base: IngestResult
    started: float


def _already(base: IngestResult, started: float, earlier: Earlier | None
             ) -> IngestResult | None:
    """The result of a delivery already in the ledger (``earlier``: its entry), else None."""
    if earlier is None:
        return None
    rows_in, loaded, quarantined, replaced_by = earlier
    log.info("levering_al_geladen", delivery_id=base.delivery_id)
    return replace(base, status=IngestStatus.AL_GELADEN, rows_in=rows_in, rows_loaded=loaded,
                   rows_quarantined=quarantined, replaced_by=replaced_by,
                   seconds=time.perf_counter() - started)


def _prepare(con: duckdb.DuckDBPyConnection, reference: Reference, path: Path, today: date,
             allowance: Allowance = NONE, restoring: bool = False) -> _Prepared | IngestResult:
    """Check, stage and validate one delivery (no warehouse table is touched), or the result
    when it is already loaded (unless ``restoring`` it). Raises :class:`InputRefused` if
    refused."""
    started = time.perf_counter()
    manifest = read_manifest(manifest_for(path))
    verify_manifest(con, manifest_for(path), reference.public_key)
    checked = check_delivery_file(manifest)
    base = IngestResult(source=path, status=IngestStatus.GELADEN,
                        delivery_id=manifest.delivery_id, partner=manifest.partner,
                        record_type=manifest.record_type, period=manifest.period.code)
    done = None if restoring else _already(
        base, started, _already_loaded(con, base.delivery_id or ""))
    if done is not None:
        return done
    check_period(manifest, today, allowance)
    staging = Staging(con, RECORD_TYPES[manifest.record_type], reference)
    try:
        staging.load_file(checked)
        validation = staging.validate(checked, today)
        if validation.rows_in != manifest.row_count:
            raise AssertionError("rijen in de staging wijken af van het manifest")
    except BaseException:
        staging.drop()
        raise
    return _Prepared(con, checked, staging, validation, base, started)


def _commit(prepared: _Prepared, before_commit: Callable[[], None] | None = None,
            allowance: Allowance = NONE, restoring: bool = False) -> IngestResult:
    """Load a prepared delivery in one transaction (replacing earlier ones of its period)."""
    con, manifest = prepared.con, prepared.checked.manifest
    validation = prepared.validation
    try:
        own, replaces = _ledger_at_commit(con, manifest.delivery_id, manifest.partner,
                                          manifest.record_type, manifest.period.code)
        # loaded by an earlier duplicate (a restored delivery is in the ledger as 'vervangen')
        done = None if restoring else _already(prepared.base, prepared.started, own)
        if done is not None:
            return done
        others = (other_key_ids(con, manifest.key_id)
                  if manifest.record_type == "betrokkene" else [])
        check_replacement(con, manifest, validation.rows_in, replaces, others, allowance)

        def inside() -> None:
            record(con, manifest, restoring)
            if is_event_delivery(manifest.record_type, str(manifest.partner_type)):
                rebalance(con, manifest.partner, str(manifest.partner_type),
                          manifest.period.code, events_removed=bool(replaces))
            if restoring:
                add_event(con, manifest.delivery_id, "hersteld", allowance.reason,
                          replaces=replaces)
            if before_commit is not None:
                before_commit()

        committed = commit_delivery(prepared.staging, prepared.checked, validation, replaces,
                                    inside, restoring)
    finally:
        prepared.staging.drop()
    loaded = committed.loaded
    check_balance(validation.rows_in, loaded, validation.rows_quarantined, committed.held_back)
    status = (IngestStatus.GELADEN if validation.rows_quarantined == 0
              else IngestStatus.DEELS_GELADEN if loaded else IngestStatus.NIETS_GELADEN)
    result = replace(
        prepared.base, status=status, rows_in=validation.rows_in, rows_loaded=loaded,
        rows_quarantined=validation.rows_quarantined, rows_held_back=committed.held_back,
        replaced=tuple(replaces), seconds=time.perf_counter() - prepared.started)
    log.info("levering_geladen", delivery_id=manifest.delivery_id, status=str(result.status),
             rows_in=result.rows_in, rows_loaded=result.rows_loaded,
             rows_quarantined=result.rows_quarantined, rows_held_back=result.rows_held_back,
             replaced=list(replaces), seconds=round(result.seconds, 3))
    return result


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The tables and columns ingest adds to a warehouse; once per run, outside any loading
    transaction (not per delivery: catalogue changes cost as much as loading a small file)."""
    ensure_events(con)
    ensure_held_back(con)
    ensure_source_columns(con)
    ensure_export_dates(con)


def ingest_delivery(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    today: date | None = None,
    before_commit: Callable[[], None] | None = None,
    reference: Reference | None = None,
    allowance: Allowance = NONE,
) -> IngestResult:
    """Ingest one delivery (manifest or Parquet path). Raises :class:`InputRefused` if refused.

    ``before_commit`` runs inside the transaction just before COMMIT (tests inject a failure).
    """
    ensure_tables(con)
    return _ingest_one(con, path, today or date.today(), before_commit, reference, allowance)


def _ingest_one(con: duckdb.DuckDBPyConnection, path: Path, today: date,
                before_commit: Callable[[], None] | None, reference: Reference | None,
                allowance: Allowance) -> IngestResult:
    used = reference if reference is not None else Reference(con)
    try:
        prepared = _prepare(con, used, path, today, allowance)
        if isinstance(prepared, IngestResult):
            return prepared
        return _commit(prepared, before_commit, allowance)
    finally:
        if reference is None:
            used.drop()


def _refused(path: Path, error: InputRefused) -> IngestResult:
    log.info("levering_geweigerd", file=path.name, code=error.code)
    return IngestResult(source=path, status=IngestStatus.GEWEIGERD, error=error)


def ingest_paths(
    paths: Sequence[Path],
    *,
    warehouse: Path | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    today: date | None = None,
    workers: int | None = None,
    allowance: Allowance = NONE,
    verification_key: str | None = None,
) -> IngestReport:
    """Ingest every delivery found in ``paths`` (manifests, Parquet files or directories).

    With ``workers`` > 1 (default: :data:`WORKERS`) deliveries are staged and validated in
    parallel, each worker on its own connection, and committed one by one in the order found,
    exactly as one worker would (see :mod:`ketenmonitor.ingest.pipeline`). ``verification_key``
    (hex) registers the region's public key first; once registered, every manifest must carry a
    valid signature (:mod:`ketenmonitor.ingest.authenticity`).
    """
    found = find_deliveries(list(paths))
    if not found:
        raise InputRefused(
            "geen_leveringen",
            _("Geen leveringen gevonden in {paden}.").format(
                paden=", ".join(str(p) for p in paths)),
            _("Geef manifesten (.manifest.json), Parquet-bestanden met manifest of een map met "
              "leveringen op."),
        )
    if con is None:
        if warehouse is None:
            raise ConfigurationError("warehouse_ontbreekt", _("Geen warehouse opgegeven."),
                                     _("Gebruik --warehouse PAD."))
        con = connect(warehouse)
    if verification_key is not None:
        register_key(con, verification_key)
    day = today or date.today()
    count = min(workers or WORKERS, len(found))
    ensure_tables(con)
    order = events_first(found)
    with bulk_checkpoints(con):
        if count > 1:
            results: list[IngestResult] = run_pipelined(
                con, order, count, lambda c, r, p: _prepare(c, r, p, day, allowance),
                lambda p: _commit(p, None, allowance), _refused,
                is_result=lambda x: isinstance(x, IngestResult))
        else:
            reference = Reference(con)
            results = []
            try:
                for path in order:
                    try:
                        results.append(_ingest_one(con, path, day, None, reference, allowance))
                    except InputRefused as error:
                        results.append(_refused(path, error))
            finally:
                reference.drop()
    position = {path: i for i, path in enumerate(found)}
    results.sort(key=lambda r: position.get(r.source, len(found)))  # reported as found
    return IngestReport(_refreshed_all(con, results))


def _refreshed_all(con: duckdb.DuckDBPyConnection, results: list[IngestResult]
                   ) -> list[IngestResult]:
    """The results with the ledger's current loaded and held-back counts: a later delivery of
    the partner (its events) may have released betrokkenen held back when one was loaded."""
    ids = [r.delivery_id for r in results if r.status in LOADED and r.delivery_id]
    if not ids:
        return results
    counts = {str(r[0]): r[1:] for r in con.execute(
        "SELECT delivery_id, rows_loaded, rows_quarantined, rows_held_back FROM ledger "
        "WHERE list_contains(?, delivery_id)", [ids]).fetchall()}
    return [with_counts(r, counts[r.delivery_id])
            if r.status in LOADED and r.delivery_id in counts else r for r in results]


def quarantine_rows(con: duckdb.DuckDBPyConnection, delivery_id: str) -> list[QuarantineRow]:
    """The quarantined rows of a delivery with their Dutch messages, in row order."""
    if not con.execute("SELECT 1 FROM ledger WHERE delivery_id = ?", [delivery_id]).fetchall():
        raise ConfigurationError(
            "levering_onbekend",
            _("Levering {id} staat niet in het logboek van de warehouse.").format(id=delivery_id),
            _("Gebruik een leveringsnummer uit het overzicht van 'ketenmonitor ingest'."),
        )
    columns = {r[0] for r in con.execute("DESCRIBE quarantine").fetchall()}
    source = ("source_file, source_line" if "source_line" in columns
              else "NULL, NULL")  # a warehouse from before source lines
    rows = con.execute(
        f"SELECT row_number, reason_code, field, message, record_key, {source} FROM quarantine "
        "WHERE delivery_id = ? ORDER BY row_number, rowid", [delivery_id]).fetchall()
    return [QuarantineRow(int(r[0]), str(r[1]), r[2], printable(str(r[3])),
                          None if r[4] is None else printable(str(r[4])),
                          None if r[5] is None else printable(str(r[5])),
                          None if r[6] is None else int(r[6])) for r in rows]


def _find_delivery(paths: Sequence[Path], delivery_id: str) -> Path | None:
    """The manifest of ``delivery_id`` in ``paths`` (folders searched with their subfolders: an
    archive of deliveries is often kept per period or per run)."""
    found = [m for p in paths if p.is_dir() for m in sorted(p.rglob("*" + MANIFEST_SUFFIX))]
    for path in found + [p for p in paths if not p.is_dir()]:
        try:
            if read_manifest(manifest_for(path)).delivery_id == delivery_id:
                return path
        except InputRefused:  # another, broken delivery in the same folder
            continue
    return None


def restore_delivery(
    con: duckdb.DuckDBPyConnection,
    paths: Sequence[Path],
    delivery_id: str,
    reason: str,
    *,
    today: date | None = None,
    allowance: Allowance = NONE,
) -> IngestResult:
    """Put a replaced delivery back in force from its files (found in ``paths``).

    The delivery in force for its partner, record type and period is replaced by it, in one
    transaction, even when it is newer (a restore is the operator's explicit choice, so the rule
    'ouder' is lifted with ``reason``); the other rules and the signature check still apply. The
    ledger gets a fresh entry for the restored delivery and ``ledger_event`` a ``hersteld`` row
    with the reason. Raises :class:`InputRefused` if the delivery cannot be restored.
    """
    if not reason.strip():
        raise ConfigurationError(
            "reden_ontbreekt", _("--herstel vereist een reden."),
            _("Geef met --reden op waarom deze levering weer moet gelden."))
    state = con.execute("SELECT status, replaced_by FROM ledger WHERE delivery_id = ?",
                        [delivery_id]).fetchall()
    if not state:
        raise ConfigurationError(
            "levering_onbekend",
            _("Levering {id} staat niet in het logboek van de warehouse.").format(id=delivery_id),
            _("Gebruik een leveringsnummer uit het overzicht van 'ketenmonitor ingest'."))
    if state[0][0] != "vervangen":
        raise InputRefused(
            "niet_vervangen",
            _("Levering {id} is niet vervangen (status {status}); er is niets te "
              "herstellen.").format(id=delivery_id, status=state[0][0]),
            _("Alleen een vervangen levering kan worden hersteld."))
    path = _find_delivery(paths, delivery_id)
    if path is None:
        raise InputRefused(
            "herstel_bestand_ontbreekt",
            _("De bestanden van levering {id} staan niet in {paden}.").format(
                id=delivery_id, paden=", ".join(str(p) for p in paths)),
            _("Geef de map of het manifest van de oorspronkelijke levering op (met het "
              ".sig-bestand ernaast)."))
    lifted = Allowance(allowance.rules | {Rule.OUDER}, reason.strip())
    ensure_tables(con)
    reference = Reference(con)
    try:
        prepared = _prepare(con, reference, path, today or date.today(), lifted, restoring=True)
        if isinstance(prepared, IngestResult):  # pragma: no cover - restoring never skips
            return prepared
        result = _commit(prepared, None, lifted, restoring=True)
    finally:
        reference.drop()
    log.warning("levering_hersteld", delivery_id=delivery_id, replaces=list(result.replaced),
                reason=reason.strip(), previously_replaced_by=state[0][1])
    return result
