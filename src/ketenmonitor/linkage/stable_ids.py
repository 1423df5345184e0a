# SPDX-License-Identifier: EUPL-1.2
"""Stable person and household ids across runs and new deliveries.

A linkage run produces clusters with run-local numbers. The register (``link_persoon_register``,
``link_huishouden_register``: one row per record with its id and the moment that id was first
issued) turns them into ids that survive:

- a cluster takes the id of its records that was issued first (the oldest person wins when a new
  delivery shows two known persons are one);
- when a cluster splits, the part with most records under the old id keeps it (tie: the part with
  the smallest record key); the other part takes its next-oldest id or a new one;
- a new cluster gets ``prefix + sha256(smallest record key)[:16]``, salted with a counter in the
  rare case that id is already in use, so a first run on the same input always gives the same ids.

Re-running on the same input therefore changes nothing, and a new half-year's deliveries join the
existing persons without renumbering them. Records that no longer occur keep their register row,
so a re-delivered record finds its old id back.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

_KEY = "partner || '|' || bron_id || '|' || volgnummer::VARCHAR"
_MAX_SALT_ROUNDS = 20


def ensure_register(con: duckdb.DuckDBPyConnection, register: str, id_column: str) -> None:
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {register} (partner VARCHAR NOT NULL, "
        f"bron_id VARCHAR NOT NULL, volgnummer INTEGER NOT NULL, {id_column} VARCHAR NOT NULL, "
        "first_seen TIMESTAMP NOT NULL)"
    )


def _choose_existing(con: duckdb.DuckDBPyConnection, clusters: str, register: str,
                     id_column: str) -> None:
    """TEMP table ``_sid_kept(cluster, id, first_seen)``: clusters that keep a registered id."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _sid_claims AS
    WITH issued AS (
      SELECT {id_column} AS id, min(first_seen) AS first_seen FROM {register} GROUP BY ALL
    ), sizes AS (
      SELECT cluster, min({_KEY}) AS min_key FROM {clusters} GROUP BY cluster
    )
    SELECT c.cluster, r.{id_column} AS id, i.first_seen, count(*) AS n, s.min_key
    FROM {clusters} c
    JOIN {register} r USING (partner, bron_id, volgnummer)
    JOIN issued i ON i.id = r.{id_column}
    JOIN sizes s ON s.cluster = c.cluster
    GROUP BY ALL
    """)
    con.execute("""
    CREATE OR REPLACE TEMP TABLE _sid_kept AS
    WITH winners AS (
      SELECT cluster, id, first_seen FROM _sid_claims
      QUALIFY row_number() OVER (PARTITION BY id ORDER BY n DESC, min_key) = 1
    )
    SELECT cluster, id, first_seen FROM winners
    QUALIFY row_number() OVER (PARTITION BY cluster ORDER BY first_seen, id) = 1
    """)


def _issue_new(con: duckdb.DuckDBPyConnection, clusters: str, register: str, id_column: str,
               prefix: str) -> None:
    """TEMP table ``_sid_new(cluster, id)``: fresh ids, salted until none is in use."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _sid_new AS
    SELECT cluster, min({_KEY}) AS min_key, 0 AS salt, NULL::VARCHAR AS id
    FROM {clusters} WHERE cluster NOT IN (SELECT cluster FROM _sid_kept) GROUP BY cluster
    """)
    for _round in range(_MAX_SALT_ROUNDS):
        con.execute(f"""
        UPDATE _sid_new SET id = '{prefix}' || substr(sha256(
          CASE WHEN salt = 0 THEN min_key ELSE min_key || '#' || salt::VARCHAR END), 1, 16)
        """)
        clashes = con.execute(f"""
        UPDATE _sid_new n SET salt = salt + 1
        WHERE n.id IN (SELECT id FROM _sid_kept)
           OR n.id IN (SELECT {id_column} FROM {register})
           OR EXISTS (SELECT 1 FROM _sid_new o WHERE o.id = n.id AND o.min_key < n.min_key)
        """).fetchall()[0][0]
        if not clashes:
            return
    raise RuntimeError("stable_ids: no free id after salting")  # 2^-64 chance per round


def assign_stable_ids(con: duckdb.DuckDBPyConnection, clusters: str, register: str,
                      id_column: str, prefix: str, run_at: datetime) -> str:
    """Stable ids for ``clusters(partner, bron_id, volgnummer, cluster)``; updates the register.

    Returns the name of a TEMP table ``(partner, bron_id, volgnummer, <id_column>)``.
    """
    ensure_register(con, register, id_column)
    _choose_existing(con, clusters, register, id_column)
    _issue_new(con, clusters, register, id_column, prefix)
    out = f"_sid_{id_column}"
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE {out} AS
    WITH ids AS (
      SELECT cluster, id, first_seen FROM _sid_kept
      UNION ALL
      SELECT cluster, id, ?::TIMESTAMP FROM _sid_new
    )
    SELECT c.partner, c.bron_id, c.volgnummer, ids.id AS {id_column}, ids.first_seen
    FROM {clusters} c JOIN ids USING (cluster)
    """, [run_at])
    # Rebuilt rather than upserted: an upsert of every record through an index is far slower.
    con.execute(f"""
    CREATE OR REPLACE TABLE {register} AS
    SELECT partner, bron_id, volgnummer, {id_column}, first_seen FROM {out}
    UNION ALL
    SELECT r.* FROM {register} r ANTI JOIN {out} o USING (partner, bron_id, volgnummer)
    """)
    for table in ("_sid_claims", "_sid_kept", "_sid_new"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return out
