# SPDX-License-Identifier: EUPL-1.2
"""The trained linkage model, kept in the warehouse (``link_model``) for reuse.

Training (u by sampling, m by EM) is most of the linkage time. The m and u probabilities of a
region change slowly, so a later run reuses the stored model when its definition (comparisons,
blocking and training rules: :func:`ketenmonitor.linkage.splink_model.signature`) is unchanged;
``ketenmonitor link --hertrain`` trains anew. Reuse also makes a re-run reproducible to the bit.
The model holds parameters only (probabilities per comparison level), never a token value.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

MODEL_TABLE = "link_model"


def _ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {MODEL_TABLE} (signature VARCHAR PRIMARY KEY, "
                "trained_at TIMESTAMP NOT NULL, model VARCHAR NOT NULL)")


def load_model(con: duckdb.DuckDBPyConnection, signature: str) -> str | None:
    """The stored model JSON for this model definition, or None."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                         [MODEL_TABLE]).fetchall()[0][0]
    if not exists:
        return None
    rows = con.execute(f"SELECT model FROM {MODEL_TABLE} WHERE signature = ?",
                       [signature]).fetchall()
    return str(rows[0][0]) if rows else None


def store_model(con: duckdb.DuckDBPyConnection, signature: str, model: str,
                trained_at: datetime) -> None:
    _ensure(con)
    con.execute(f"INSERT OR REPLACE INTO {MODEL_TABLE} VALUES (?, ?, ?)",
                [signature, trained_at, model])
