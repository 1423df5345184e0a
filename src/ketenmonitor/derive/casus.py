# SPDX-License-Identifier: EUPL-1.2
"""Casus and *eerdere betrokkenheid* of every melding, per the CBS definition (85361NED).

The rules and their ids (EB-1 … EB-10) are stated with examples in ``docs/afleidingen.md``;
``tests/derive/case_histories.yaml`` exercises every one of them. In short:

- Veilig Thuis groups meldingen into a casus (its casus number). A casus number that receives a
  melding *after* one of its recorded afsluitingen was reopened: from that melding on it is a new
  *episode* (EB-4). All rules below work on episodes, so "casus" means episode.
- The afsluiting of an episode is the earliest afsluiting recorded on any melding of the casus
  number on or after the episode's start, whichever delivery carried it (EB-8); the other handling
  dates come from the melding that opened the episode, else from the other meldingen (EB-8).
- A casus is open from its first melding up to and including the day before its afsluiting; on
  the afsluiting day it counts as closed for other casussen (EB-3), while a melding registered
  under the casus number itself on that day still joins it (EB-5).
- Meldingen are ordered by date and, on the same date, by bericht number (EB-6).
- A later melding in an open episode is a *vervolgmelding* by phase (EB-1). A melding that opens
  an episode is also a vervolgmelding when a direct betrokkene is, at that moment, in another
  open episode — person-based, as CBS (EB-2). Otherwise it is a *hermelding* when direct
  betrokkenen were in an earlier, closed episode (EB-3, no time window), else a *1e melding*;
  *niet ingedeeld* when none of its direct betrokkenen could be linked (EB-7).
"""

from __future__ import annotations

import duckdb

from ketenmonitor.derive.sources import DeriveSources

_MELDING = """
CREATE OR REPLACE TEMP TABLE melding AS
WITH ruw AS (
  SELECT v.*, coalesce(v.casus_id, 'B-' || v.bericht_id) AS casus_nummer
  FROM {vt_bericht} v
  WHERE v.soort = 'MELDING'
), afsluiting AS (
  SELECT DISTINCT partner, casus_nummer, datum_afsluiting AS datum
  FROM ruw WHERE datum_afsluiting IS NOT NULL
), episode AS (
  SELECT r.partner, r.bericht_id, count(a.datum) AS episode
  FROM ruw r
  LEFT JOIN afsluiting a
    ON a.partner = r.partner AND a.casus_nummer = r.casus_nummer AND a.datum < r.datum_ontvangst
  GROUP BY ALL
), genummerd AS (
  SELECT r.*, e.episode,
         r.casus_nummer || CASE WHEN e.episode > 0 THEN '#' || e.episode ELSE '' END AS casus
  FROM ruw r JOIN episode e USING (partner, bericht_id)
)
SELECT *,
       row_number() OVER (PARTITION BY partner, casus
                          ORDER BY datum_ontvangst, bericht_id) = 1 AS opent_casus
FROM genummerd
"""

_CASUS = """
CREATE OR REPLACE TEMP TABLE casus AS
WITH afsluiting AS (
  SELECT DISTINCT partner, casus_nummer, datum_afsluiting AS datum
  FROM melding WHERE datum_afsluiting IS NOT NULL
), episode AS (
  SELECT partner, casus, any_value(casus_nummer) AS casus_nummer,
         min(datum_ontvangst) AS datum_start,
         any_value(bericht_id) FILTER (WHERE opent_casus) AS opener,
         coalesce(any_value(datum_veiligheidsbeoordeling) FILTER (WHERE opent_casus),
                  min(datum_veiligheidsbeoordeling)) AS vb_datum,
         coalesce(any_value(datum_monitoring_start) FILTER (WHERE opent_casus),
                  min(datum_monitoring_start)) AS monitoring_start,
         coalesce(any_value(datum_monitoring_einde) FILTER (WHERE opent_casus),
                  max(datum_monitoring_einde)) AS monitoring_einde
  FROM melding
  GROUP BY partner, casus
)
SELECT e.partner, e.casus, e.datum_start, e.opener, e.vb_datum, e.monitoring_start,
       e.monitoring_einde, min(a.datum) AS datum_afsluiting
FROM episode e
LEFT JOIN afsluiting a
  ON a.partner = e.partner AND a.casus_nummer = e.casus_nummer AND a.datum >= e.datum_start
GROUP BY ALL
"""

# Per person and episode: when the person first appeared in it (date, bericht number).
_CASUS_PERSOON = """
CREATE OR REPLACE TEMP TABLE casus_persoon AS
SELECT m.partner, m.casus, bp.persoon_id,
       arg_min(m.datum_ontvangst, (m.datum_ontvangst, m.bericht_id)) AS sinds_datum,
       arg_min(m.bericht_id, (m.datum_ontvangst, m.bericht_id)) AS sinds_bericht
FROM melding m
JOIN bron_persoon bp ON bp.partner = m.partner AND bp.bron_id = m.bericht_id
WHERE bp.direct_betrokken AND bp.persoon_gekoppeld
GROUP BY ALL
"""

_PHASE = """
      CASE
        WHEN {c}.vb_datum IS NULL OR m.datum_ontvangst <= {c}.vb_datum THEN 'VERVOLG_TIJDENS_VB'
        WHEN {c}.monitoring_start IS NOT NULL AND m.datum_ontvangst >= {c}.monitoring_start
             AND ({c}.monitoring_einde IS NULL OR m.datum_ontvangst <= {c}.monitoring_einde)
          THEN 'VERVOLG_MONITORING'
        ELSE 'VERVOLG_NA_VB'
      END"""

_EERDERE_BETROKKENHEID = f"""
CREATE OR REPLACE TEMP TABLE eerdere_betrokkenheid AS
WITH direct AS (
  SELECT m.partner, m.bericht_id,
         count(*) FILTER (WHERE bp.persoon_gekoppeld) AS n_gekoppeld
  FROM melding m
  LEFT JOIN bron_persoon bp
    ON bp.partner = m.partner AND bp.bron_id = m.bericht_id AND bp.direct_betrokken
  GROUP BY ALL
), eerder AS (
  -- every other episode a direct betrokkene of the melding was in before it (EB-6 order)
  SELECT m.partner, m.bericht_id, bp.persoon_id, c.partner AS c_partner, c.casus AS c_casus,
         c.datum_start, c.opener,
         c.datum_afsluiting IS NOT NULL AND c.datum_afsluiting <= m.datum_ontvangst AS gesloten
  FROM melding m
  JOIN bron_persoon bp
    ON bp.partner = m.partner AND bp.bron_id = m.bericht_id
   AND bp.direct_betrokken AND bp.persoon_gekoppeld
  JOIN casus_persoon cp ON cp.persoon_id = bp.persoon_id
   AND NOT (cp.partner = m.partner AND cp.casus = m.casus)
   AND (cp.sinds_datum < m.datum_ontvangst
        OR (cp.sinds_datum = m.datum_ontvangst AND cp.sinds_bericht < m.bericht_id))
  JOIN casus c ON c.partner = cp.partner AND c.casus = cp.casus
  WHERE m.opent_casus
), bekend AS (
  SELECT partner, bericht_id, count(DISTINCT persoon_id) AS n_bekend
  FROM eerder WHERE gesloten GROUP BY ALL
), open_elders AS (
  -- the open episode VT was involved in longest decides the phase (EB-2)
  SELECT partner, bericht_id,
         arg_min(c_partner, (datum_start, opener)) AS c_partner,
         arg_min(c_casus, (datum_start, opener)) AS c_casus
  FROM eerder WHERE NOT gesloten GROUP BY ALL
)
SELECT m.partner, m.bericht_id, m.opent_casus,
  CASE
    WHEN NOT m.opent_casus THEN {_PHASE.format(c="c")}
    WHEN o.c_casus IS NOT NULL THEN {_PHASE.format(c="oc")}
    WHEN coalesce(b.n_bekend, 0) = 1 THEN 'HERMELDING_EEN'
    WHEN coalesce(b.n_bekend, 0) >= 2 THEN 'HERMELDING_MEERDERE'
    WHEN coalesce(d.n_gekoppeld, 0) = 0 THEN 'NIET_INGEDEELD'
    ELSE 'EERSTE'
  END AS eerdere_betrokkenheid
FROM melding m
JOIN casus c USING (partner, casus)
LEFT JOIN direct d USING (partner, bericht_id)
LEFT JOIN bekend b USING (partner, bericht_id)
LEFT JOIN open_elders o USING (partner, bericht_id)
LEFT JOIN casus oc ON oc.partner = o.c_partner AND oc.casus = o.c_casus
"""

_EERSTE_MELDING_PERSOON = """
CREATE OR REPLACE TEMP TABLE eerste_melding_persoon AS
WITH volgorde AS (
  SELECT bp.persoon_id, m.partner, m.bericht_id,
         row_number() OVER (PARTITION BY bp.persoon_id
                            ORDER BY m.datum_ontvangst, m.bericht_id) AS rang
  FROM melding m
  JOIN bron_persoon bp
    ON bp.partner = m.partner AND bp.bron_id = m.bericht_id AND bp.direct_betrokken
)
SELECT DISTINCT partner, bericht_id FROM volgorde WHERE rang = 1
"""


def create_casus_tables(con: duckdb.DuckDBPyConnection, sources: DeriveSources) -> None:
    """Temp tables ``melding``, ``casus``, ``casus_persoon``, ``eerdere_betrokkenheid``,
    ``eerste_melding_persoon`` (needs ``bron_persoon`` from :mod:`derive.events`)."""
    con.execute(sources.sql(_MELDING))
    for statement in (_CASUS, _CASUS_PERSOON, _EERDERE_BETROKKENHEID, _EERSTE_MELDING_PERSOON):
        con.execute(statement)
