# SPDX-License-Identifier: EUPL-1.2
"""Casus and *eerdere betrokkenheid* of every melding, per the CBS definition (85361NED).

Veilig Thuis groups meldingen into a casus (its own casus number; the handling — veiligheids-
beoordeling, monitoring, afsluiting — is registered with the melding that opened the casus). For
each melding:

- a later melding in a casus that is still open is a *vervolgmelding*, by phase: during the
  veiligheidsbeoordeling (on or before its date, or not yet assessed), during monitoring, or after
  the veiligheidsbeoordeling;
- a melding that opens a casus is a *hermelding* when one (or more) directly involved persons
  belonged to an earlier casus that was already closed — no time window, as CBS;
- otherwise it is a *1e melding*; a melding none of whose directly involved persons could be
  linked is *niet ingedeeld* (the monitor cannot know).
"""

from __future__ import annotations

import duckdb

from ketenmonitor.derive.sources import DeriveSources

_MELDING = """
CREATE OR REPLACE TEMP TABLE melding AS
SELECT v.*, coalesce(v.casus_id, 'B-' || v.bericht_id) AS casus,
       row_number() OVER (PARTITION BY v.partner, coalesce(v.casus_id, 'B-' || v.bericht_id)
                          ORDER BY v.datum_ontvangst, v.bericht_id) = 1 AS opent_casus
FROM {vt_bericht} v
WHERE v.soort = 'MELDING'
"""

_CASUS = """
CREATE OR REPLACE TEMP TABLE casus AS
SELECT partner, casus,
       min(datum_ontvangst) AS datum_start,
       coalesce(any_value(datum_veiligheidsbeoordeling) FILTER (WHERE opent_casus),
                min(datum_veiligheidsbeoordeling)) AS vb_datum,
       coalesce(any_value(datum_monitoring_start) FILTER (WHERE opent_casus),
                min(datum_monitoring_start)) AS monitoring_start,
       coalesce(any_value(datum_monitoring_einde) FILTER (WHERE opent_casus),
                max(datum_monitoring_einde)) AS monitoring_einde,
       CASE WHEN bool_or(opent_casus AND datum_afsluiting IS NULL) THEN NULL
            ELSE max(datum_afsluiting) END AS datum_afsluiting
FROM melding
GROUP BY partner, casus
"""

_CASUS_PERSOON = """
CREATE OR REPLACE TEMP TABLE casus_persoon AS
SELECT DISTINCT m.partner, m.casus, bp.persoon_id
FROM melding m
JOIN bron_persoon bp ON bp.partner = m.partner AND bp.bron_id = m.bericht_id
WHERE bp.direct_betrokken AND bp.persoon_gekoppeld
"""

_EERDERE_BETROKKENHEID = """
CREATE OR REPLACE TEMP TABLE eerdere_betrokkenheid AS
WITH direct AS (
  SELECT m.partner, m.bericht_id, m.casus, m.datum_ontvangst,
         count(*) AS n_direct,
         count(*) FILTER (WHERE bp.persoon_gekoppeld) AS n_gekoppeld
  FROM melding m
  LEFT JOIN bron_persoon bp
    ON bp.partner = m.partner AND bp.bron_id = m.bericht_id AND bp.direct_betrokken
  GROUP BY ALL
), bekend AS (
  SELECT m.partner, m.bericht_id, count(DISTINCT bp.persoon_id) AS n_bekend
  FROM melding m
  JOIN bron_persoon bp
    ON bp.partner = m.partner AND bp.bron_id = m.bericht_id
   AND bp.direct_betrokken AND bp.persoon_gekoppeld
  JOIN casus_persoon cp ON cp.persoon_id = bp.persoon_id AND cp.casus <> m.casus
  JOIN casus c ON c.partner = cp.partner AND c.casus = cp.casus
  WHERE c.datum_afsluiting < m.datum_ontvangst
  GROUP BY ALL
)
SELECT m.partner, m.bericht_id, m.opent_casus,
  CASE
    WHEN NOT m.opent_casus THEN
      CASE
        WHEN c.vb_datum IS NULL OR m.datum_ontvangst <= c.vb_datum THEN 'VERVOLG_TIJDENS_VB'
        WHEN c.monitoring_start IS NOT NULL AND m.datum_ontvangst >= c.monitoring_start
             AND (c.monitoring_einde IS NULL OR m.datum_ontvangst <= c.monitoring_einde)
          THEN 'VERVOLG_MONITORING'
        ELSE 'VERVOLG_NA_VB'
      END
    WHEN coalesce(b.n_bekend, 0) = 1 THEN 'HERMELDING_EEN'
    WHEN coalesce(b.n_bekend, 0) >= 2 THEN 'HERMELDING_MEERDERE'
    WHEN coalesce(d.n_gekoppeld, 0) = 0 THEN 'NIET_INGEDEELD'
    ELSE 'EERSTE'
  END AS eerdere_betrokkenheid
FROM melding m
JOIN casus c USING (partner, casus)
LEFT JOIN direct d USING (partner, bericht_id)
LEFT JOIN bekend b USING (partner, bericht_id)
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
