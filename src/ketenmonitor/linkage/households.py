# SPDX-License-Identifier: EUPL-1.2
"""Households: connected components of records that share an event, a person or an address.

A household is what the chain partners see together over time, so three kinds of evidence join
records into one household:

- the same event (a melding, incident, trajectory or MDA++ casus): everyone involved in one event
  belongs to one household, also an ex-partner who lives elsewhere;
- the same person (after linkage): a person who moves takes the household along, so the old and
  the new address end up in one household (moves over time);
- the same address token (postcode + house number), at any time.

The components are found with min-label propagation in SQL, with pointer jumping (a record takes
over the label of the record its label points at), so it converges in a handful of rounds. Known
limitation, documented in ADR 0003: an address that changes hands joins the old and the new
occupants; with addresses from partners' records over nine years that is rare but possible.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)
MAX_ROUNDS = 200


def household_components(con: duckdb.DuckDBPyConnection, persons: str, betrokkene: str) -> str:
    """TEMP table ``_lp_households(partner, bron_id, volgnummer, cluster, methode)``.

    ``persons`` has ``(partner, bron_id, volgnummer, cluster)`` with the person clusters.
    """
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _hh AS
    SELECT row_number() OVER (ORDER BY b.partner, b.bron_id, b.volgnummer) AS rid,
           b.partner, b.bron_id, b.volgnummer, b.adres_token, p.cluster AS person,
           0::BIGINT AS label
    FROM {betrokkene} b JOIN {persons} p USING (partner, bron_id, volgnummer)
    """)
    con.execute("UPDATE _hh SET label = rid")
    rounds = 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        con.execute("""
        CREATE OR REPLACE TEMP TABLE _hh_next AS
        WITH ev AS (SELECT partner, bron_id, min(label) AS m FROM _hh GROUP BY ALL),
             pe AS (SELECT person, min(label) AS m FROM _hh GROUP BY ALL),
             ad AS (SELECT adres_token, min(label) AS m FROM _hh
                    WHERE adres_token IS NOT NULL GROUP BY ALL),
             step AS (
               SELECT h.rid, h.partner, h.bron_id, h.volgnummer, h.adres_token, h.person,
                      h.label AS old, least(h.label, ev.m, pe.m, coalesce(ad.m, h.label)) AS label
               FROM _hh h
               JOIN ev USING (partner, bron_id)
               JOIN pe USING (person)
               LEFT JOIN ad USING (adres_token))
        SELECT s.rid, s.partner, s.bron_id, s.volgnummer, s.adres_token, s.person,
               least(s.label, j.label) AS label, s.old
        FROM step s JOIN step j ON j.rid = s.label
        """)
        changed = con.execute("SELECT count(*) FROM _hh_next WHERE label <> old").fetchall()[0][0]
        con.execute("CREATE OR REPLACE TEMP TABLE _hh AS SELECT * EXCLUDE (old) FROM _hh_next")
        if not changed:
            break
    con.execute("""
    CREATE OR REPLACE TEMP TABLE _lp_households AS
    WITH sizes AS (SELECT label, count(*) AS n FROM _hh GROUP BY ALL),
         events AS (SELECT partner, bron_id, count(*) AS n FROM _hh GROUP BY ALL)
    SELECT h.partner, h.bron_id, h.volgnummer, h.label AS cluster,
           CASE WHEN s.n = 1 THEN 'ongekoppeld'
                WHEN h.adres_token IS NOT NULL THEN 'adres_token'
                WHEN e.n > 1 THEN 'zelfde_gebeurtenis'
                ELSE 'persoon' END AS methode
    FROM _hh h JOIN sizes s USING (label) JOIN events e USING (partner, bron_id)
    """)
    for table in ("_hh", "_hh_next"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    log.debug("households_done", rounds=rounds)
    return "_lp_households"
