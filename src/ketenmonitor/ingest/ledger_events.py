# SPDX-License-Identifier: EUPL-1.2
"""What happened to a delivery after it was loaded: restored (``hersteld``) or removed at the
end of its retention period (``verwijderd``).

The ledger row of a delivery says its current state; ``ledger_event`` keeps the history of the
operator's actions on it, with who, when and why, so that an auditor can follow every change of
what is in force. The table holds no personal data (delivery ids, counts and the reason).
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

TABLE = "ledger_event"


@dataclass(frozen=True)
class LedgerEvent:
    delivery_id: str
    event: str
    at: datetime
    by_user: str
    reason: str
    details: dict[str, object]


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (delivery_id VARCHAR NOT NULL, "
                "event VARCHAR NOT NULL, event_at TIMESTAMP NOT NULL, by_user VARCHAR NOT NULL, "
                "reason VARCHAR NOT NULL, details VARCHAR NOT NULL)")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "onbekend"


def add_event(con: duckdb.DuckDBPyConnection, delivery_id: str, event: str, reason: str,
              **details: object) -> None:
    """Record one event (inside the caller's transaction, so it commits with the change)."""
    con.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                [delivery_id, event, datetime.now(UTC).replace(tzinfo=None), _user(), reason,
                 json.dumps(details, sort_keys=True, default=str)])


def events(con: duckdb.DuckDBPyConnection, delivery_id: str | None = None) -> list[LedgerEvent]:
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                         [TABLE]).fetchall()[0][0]
    if not exists:  # nothing happened yet (and a read-only connection cannot create it)
        return []
    where, params = ("WHERE delivery_id = ?", [delivery_id]) if delivery_id else ("", [])
    rows = con.execute(f"SELECT delivery_id, event, event_at, by_user, reason, details FROM {TABLE} "
                       f"{where} ORDER BY event_at, rowid", params).fetchall()
    return [LedgerEvent(str(r[0]), str(r[1]), r[2], str(r[3]), str(r[4]), json.loads(r[5]))
            for r in rows]
