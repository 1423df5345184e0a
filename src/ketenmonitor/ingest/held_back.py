# SPDX-License-Identifier: EUPL-1.2
"""Betrokkenen whose event is not loaded are held back, not loaded as orphans (issue 13.5).

A betrokkene row names its event by ``bron_id`` (the key of the partner's event record). When
that event is quarantined or was never delivered, the person would enter linkage and the
derivations without anything that happened to them. Such rows go to
``betrokkene_achtergehouden`` (same columns as ``betrokkene``) and are counted in the ledger
(``rows_held_back``), so rows in = loaded + quarantined + held back for every delivery.

Which rows are held back depends on other deliveries (the event delivery may come later, or be
replaced), so after every commit of a partner's event or betrokkene delivery
:func:`rebalance` moves rows both ways for that partner and period, inside the same
transaction, and rewrites the counts of those betrokkene deliveries in force.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.delivery.schema import BETROKKENE, EVENT_RECORD_TYPE
from ketenmonitor.ingest.sqltext import ident

TABLE = "betrokkene_achtergehouden"
_IN_FORCE = "status NOT IN ('vervangen', 'verwijderd')"


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


def rebalance(con: duckdb.DuckDBPyConnection, partner: str, partner_type: str,
              period: str) -> None:
    """Hold back this partner's betrokkenen of ``period`` without a loaded event (of any
    period); release those whose event is loaded now; update the ledger counts. Runs inside the
    caller's transaction. Limited to one period so that a load of many deliveries does not scan
    every betrokkene of the partner at each commit: an export's betrokkenen and events share
    their period."""
    event = EVENT_RECORD_TYPE[partner_type]
    table, key = ident(event.name), ident(event.key[0])
    has_event = (f"EXISTS (SELECT 1 FROM {table} e WHERE e.partner = x.partner "
                 f"AND e.{key} = x.bron_id)")
    deliveries = ("(SELECT delivery_id FROM ledger WHERE partner = ? AND period = ? "
                  f"AND record_type = '{BETROKKENE.name}')")
    moves = ((BETROKKENE.name, TABLE, f"NOT {has_event}"), (TABLE, BETROKKENE.name, has_event))
    for source, target, condition in moves:
        where = f"x.partner = ? AND x.delivery_id IN {deliveries} AND {condition}"
        con.execute(f"INSERT INTO {target} SELECT * FROM {source} x WHERE {where}",
                    [partner, partner, period])
        con.execute(f"DELETE FROM {source} x WHERE {where}", [partner, partner, period])
    con.execute(
        f"UPDATE ledger l SET "
        f"rows_loaded = (SELECT count(*) FROM {BETROKKENE.name} b "
        f"  WHERE b.delivery_id = l.delivery_id), "
        f"rows_held_back = (SELECT count(*) FROM {TABLE} h WHERE h.delivery_id = l.delivery_id) "
        f"WHERE l.partner = ? AND l.period = ? AND l.record_type = ? AND l.{_IN_FORCE}",
        [partner, period, BETROKKENE.name])
    # "deels geladen" is never the state of a delivery of which nothing is loaded
    con.execute(
        "UPDATE ledger SET status = CASE WHEN rows_quarantined = 0 THEN 'geladen' "
        "WHEN rows_loaded > 0 THEN 'deels_geladen' ELSE 'niets_geladen' END "
        f"WHERE partner = ? AND period = ? AND record_type = ? AND {_IN_FORCE}",
        [partner, period, BETROKKENE.name])


def affects(record_type: str, partner_type: str) -> bool:
    """Whether a delivery of this record type can change which betrokkenen are held back."""
    return (record_type == BETROKKENE.name
            or EVENT_RECORD_TYPE[partner_type].name == record_type)
