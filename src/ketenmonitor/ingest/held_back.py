# SPDX-License-Identifier: EUPL-1.2
"""Betrokkenen whose event is not loaded are held back, not loaded as orphans (issue 13.5).

A betrokkene row names its event by ``bron_id`` (the key of the partner's event record). When
that event is quarantined or was never delivered, the person would enter linkage and the
derivations without anything that happened to them. Such rows go to
``betrokkene_achtergehouden`` (same columns as ``betrokkene``) and are counted in the ledger
(``rows_held_back``), so rows in = loaded + quarantined + held back for every delivery.

Which rows are held back depends on other deliveries (the event delivery may come later, or be
replaced). All of it is decided inside the loading transaction, and only for the rows the
delivery can change, so that the cost of a commit does not grow with the warehouse:

- a betrokkene delivery splits its own good rows on the way in (:func:`has_event_sql`): rows
  with a loaded event of the partner (of any period) go to ``betrokkene``, the others here;
- an event delivery of a partner and period (:func:`rebalance`) releases the held-back rows of
  the betrokkene deliveries in force for that partner and period whose event is loaded now;
  only when it took events away (it replaced or restored a delivery) does it also look for
  loaded betrokkenen of that period whose event is gone. The ledger counts of those deliveries
  change by the rows moved (no recount of the tables).

Betrokkenen and events of one export share their period, hence the limit to one period.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.delivery.schema import BETROKKENE, EVENT_RECORD_TYPE, RECORD_TYPES
from ketenmonitor.ingest.sqltext import ident, literal

TABLE = "betrokkene_achtergehouden"
_IN_FORCE = "status NOT IN ('vervangen', 'verwijderd')"
_STATUS = ("CASE WHEN rows_quarantined = 0 THEN 'geladen' WHEN {loaded} > 0 THEN "
           "'deels_geladen' ELSE 'niets_geladen' END")  # never "deels geladen" when none loads


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The held-back table and the ledger column (outside any loading transaction)."""
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} AS SELECT * FROM {BETROKKENE.name} "
                "WITH NO DATA")
    columns = ("SELECT column_name, data_type FROM information_schema.columns "
               "WHERE table_name = ? ORDER BY ordinal_position")
    held = {r[0] for r in con.execute(columns, [TABLE]).fetchall()}
    for name, sql_type in con.execute(columns, [BETROKKENE.name]).fetchall():
        if name not in held:  # a newer schema version added a column to betrokkene
            con.execute(f"ALTER TABLE {TABLE} ADD COLUMN {ident(name)} {sql_type}")
    con.execute("ALTER TABLE ledger ADD COLUMN IF NOT EXISTS rows_held_back BIGINT DEFAULT 0")


def held_back_count(con: duckdb.DuckDBPyConnection, delivery_id: str) -> int:
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                       [TABLE]).fetchall()[0][0]:
        return 0  # a warehouse from before held-back rows
    return int(con.execute(f"SELECT count(*) FROM {TABLE} WHERE delivery_id = ?",
                           [delivery_id]).fetchall()[0][0])


def has_event_sql(partner: str, partner_type: str, bron_id: str) -> str:
    """SQL condition: the event that ``bron_id`` (an SQL expression) names is loaded for this
    partner. The partner is a literal, so the scan of the event table skips other partners."""
    event = EVENT_RECORD_TYPE[partner_type]
    return (f"EXISTS (SELECT 1 FROM {ident(event.name)} e WHERE e.partner = {literal(partner)} "
            f"AND e.{ident(event.key[0])} = {bron_id})")


def _move(con: duckdb.DuckDBPyConnection, source: str, target: str, delivery_id: str,
          condition: str) -> int:
    names = ", ".join(["delivery_id", "partner"]
                      + [ident(f.name) for f in RECORD_TYPES[BETROKKENE.name].fields])
    where = f"x.delivery_id = {literal(delivery_id)} AND {condition}"
    (moved,) = con.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM {source} x "
                           f"WHERE {where}").fetchall()[0]
    if moved:
        con.execute(f"DELETE FROM {source} x WHERE {where}")
    return int(moved)


def rebalance(con: duckdb.DuckDBPyConnection, partner: str, partner_type: str, period: str,
              events_removed: bool) -> None:
    """After loading events of ``partner`` for ``period`` (inside the caller's transaction):
    release that period's held-back betrokkenen whose event is loaded now and, when the load
    took events away (``events_removed``), hold back loaded ones whose event is gone; update
    the ledger counts and status of those betrokkene deliveries."""
    has_event = has_event_sql(partner, partner_type, "x.bron_id")
    deliveries = con.execute(
        "SELECT delivery_id, rows_loaded, rows_held_back FROM ledger WHERE partner = ? "
        f"AND period = ? AND record_type = ? AND {_IN_FORCE} ORDER BY delivery_id",
        [partner, period, BETROKKENE.name]).fetchall()
    for delivery_id, loaded, held_back in deliveries:  # the counts say where to look at all
        released = (_move(con, TABLE, BETROKKENE.name, delivery_id, has_event)
                    if held_back else 0)
        held = (_move(con, BETROKKENE.name, TABLE, delivery_id, f"NOT {has_event}")
                if events_removed and loaded else 0)
        if released or held:
            change = released - held
            con.execute(
                "UPDATE ledger SET rows_loaded = rows_loaded + ?, "
                "rows_held_back = rows_held_back - ?, "
                f"status = {_STATUS.format(loaded='rows_loaded + ?')} WHERE delivery_id = ?",
                [change, change, change, delivery_id])


def is_event_delivery(record_type: str, partner_type: str) -> bool:
    """Whether a delivery of this record type can release or hold back betrokkenen."""
    return EVENT_RECORD_TYPE[partner_type].name == record_type
