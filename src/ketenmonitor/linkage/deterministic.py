# SPDX-License-Identifier: EUPL-1.2
"""Deterministic linkage on the BSN token (kept for comparison: ``ketenmonitor link --methode bsn``).

Records with the same ``bsn_token`` are one person. Records without a BSN token stay unlinked:
each becomes its own person (``methode = 'ongekoppeld'``) and is counted, so the loss is visible
in the report instead of hidden. Households come from the address token; a record without one
takes the household of another betrokkene of the same event (co-occurrence), else stays alone.

Ids are derived from the tokens themselves (a hash prefix), so re-running on the same input gives
the same ids and adding deliveries never renumbers existing persons.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.core.logging import get_logger
from ketenmonitor.linkage.summary import LinkageSummary, write_summary

log = get_logger(__name__)

METHOD = "bsn_token"

_LINK_PERSON_SQL = """
CREATE OR REPLACE TABLE link_persoon AS
SELECT
  partner, bron_id, volgnummer,
  CASE WHEN bsn_token IS NOT NULL
       THEN 'P' || substr(sha256(hex(bsn_token)), 1, 16)
       ELSE 'U' || substr(sha256(partner || '|' || bron_id || '|' || volgnummer::VARCHAR), 1, 16)
  END AS persoon_id,
  CASE WHEN bsn_token IS NOT NULL THEN 'bsn_token' ELSE 'ongekoppeld' END AS methode
FROM betrokkene
"""

_LINK_HOUSEHOLD_SQL = """
CREATE OR REPLACE TABLE link_huishouden AS
WITH own AS (
  SELECT partner, bron_id, volgnummer,
         CASE WHEN adres_token IS NOT NULL
              THEN 'H' || substr(sha256(hex(adres_token)), 1, 16) END AS huishouden_id
  FROM betrokkene
), per_event AS (
  SELECT partner, bron_id, min(huishouden_id) AS huishouden_id
  FROM own WHERE huishouden_id IS NOT NULL GROUP BY partner, bron_id
)
SELECT o.partner, o.bron_id, o.volgnummer,
       coalesce(o.huishouden_id, e.huishouden_id,
                'U' || substr(sha256(o.partner || '|' || o.bron_id || '|h'), 1, 16)) AS huishouden_id,
       CASE WHEN o.huishouden_id IS NOT NULL THEN 'adres_token'
            WHEN e.huishouden_id IS NOT NULL THEN 'zelfde_gebeurtenis'
            ELSE 'ongekoppeld' END AS methode
FROM own o LEFT JOIN per_event e USING (partner, bron_id)
"""


def link_deterministic(con: duckdb.DuckDBPyConnection, *, fallback_reason: str | None = None,
                       min_training_pairs: int | None = None) -> LinkageSummary:
    """Build ``link_persoon``, ``link_huishouden`` and ``link_samenvatting`` in one transaction.

    ``fallback_reason``/``min_training_pairs``: set when the probabilistic linkage fell back to
    this one, recorded in the summary so that CLI, report and publication say so.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_LINK_PERSON_SQL)
        con.execute(_LINK_HOUSEHOLD_SQL)
        row = con.execute(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE methode = 'bsn_token'),
                   count(*) FILTER (WHERE methode = 'ongekoppeld'),
                   count(DISTINCT persoon_id) FILTER (WHERE methode = 'bsn_token'),
                   (SELECT count(DISTINCT huishouden_id) FROM link_huishouden
                     WHERE methode <> 'ongekoppeld')
            FROM link_persoon
            """
        ).fetchall()[0]
        records, linked, unlinked, persons, households = (int(v) for v in row)
        summary = LinkageSummary(METHOD, records=records, linked_records=linked,
                                 unlinked_records=unlinked, persons=persons,
                                 households=households, fallback_reason=fallback_reason,
                                 min_training_pairs=min_training_pairs)
        write_summary(con, summary)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    log.info("linkage_done", **summary.log_fields())
    return summary
