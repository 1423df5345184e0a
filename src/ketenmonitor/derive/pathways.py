# SPDX-License-Identifier: EUPL-1.2
"""What happens around a melding across partners: earlier signals and the pathway after it.

- *Eerder signaal*: any partner whose kind counts as a signal (``signaal`` in the source
  catalogue: VT, politie, lokaal team, MDA++ and a region's own) had a record on a person or
  household of the bericht between 365 and 14 days before it. The last 13 days are left out so
  that the police incident that itself led to the zorgmelding does not count as an earlier signal.
  ``eerder_signaal_bij`` lists the kinds of those records (code list ``signaal_bron``).
- *Hulp gestart*: after an overdracht to an organisation (a code of ``overdracht_organisatie``),
  help of the same person or household starts at a partner kind that receives that code
  (``overdracht`` in the catalogue: the lokaal team receives ``LOKAAL_TEAM``) between 7 days
  before and 180 days after the overdracht; days = start − overdracht (0 when the partner was
  already involved). Unknown (NULL) while 180 days have not passed, and for a code that no
  delivering partner receives (see ``overdracht_ontvanger`` in :mod:`derive.events`).
- *Gevolgd na 12/18 maanden*: at that moment the casus is still open at VT, or a trajectory of a
  kind marked ``gevolgd`` (lokaal team, MDA++) of the same person or household is running.
  Unknown while the moment lies after the peildatum.
- *Nieuwe melding na afsluiting*: a melding in another casus with the same person or household
  within 365 days after the casus was closed. Unknown while 365 days have not passed.
"""

from __future__ import annotations

import duckdb

SIGNAL_WINDOW_DAYS = 365
SIGNAL_GAP_DAYS = 14
HELP_WINDOW_DAYS = 180
HELP_EARLY_DAYS = 7

_SIGNAAL = f"""
CREATE OR REPLACE TEMP TABLE eerder_signaal AS
SELECT DISTINCT e.partner, e.bron_id
FROM entiteit e
JOIN entiteit f
  ON f.entiteit = e.entiteit
 AND f.datum BETWEEN e.datum - {SIGNAL_WINDOW_DAYS} AND e.datum - {SIGNAL_GAP_DAYS}
 AND NOT (f.partner = e.partner AND f.bron_id = e.bron_id)
 AND f.signaal
WHERE e.recordsoort = 'vt_bericht'
"""

_SIGNAAL_BRON = f"""
CREATE OR REPLACE TEMP TABLE eerder_signaal_bron AS
SELECT e.partner, e.bron_id, list_sort(list_distinct(list(f.soort))) AS eerder_signaal_bij
FROM entiteit e
JOIN entiteit f
  ON f.entiteit = e.entiteit
 AND f.datum BETWEEN e.datum - {SIGNAL_WINDOW_DAYS} AND e.datum - {SIGNAL_GAP_DAYS}
 AND NOT (f.partner = e.partner AND f.bron_id = e.bron_id)
 AND f.signaal
WHERE e.recordsoort = 'vt_bericht'
GROUP BY e.partner, e.bron_id
"""

_HULP = f"""
CREATE OR REPLACE TEMP TABLE hulp AS
SELECT m.partner, m.bericht_id,
       greatest(0, min(g.hulp_start) - m.datum_overdracht) AS dagen_tot_hulp
FROM melding m
JOIN overdracht_ontvanger o ON o.code = m.overdracht_organisatie
JOIN entiteit em ON em.partner = m.partner AND em.bron_id = m.bericht_id
JOIN entiteit el ON el.entiteit = em.entiteit AND el.recordsoort = o.recordsoort
JOIN gebeurtenis g ON g.partner = el.partner AND g.bron_id = el.bron_id
WHERE m.opent_casus
  AND g.hulp_start BETWEEN m.datum_overdracht - {HELP_EARLY_DAYS}
                        AND m.datum_overdracht + {HELP_WINDOW_DAYS}
GROUP BY m.partner, m.bericht_id, m.datum_overdracht
"""

_GEVOLGD = """
CREATE OR REPLACE TEMP TABLE gevolgd AS
WITH momenten AS (
  SELECT m.partner, m.bericht_id, m.casus, k.maanden,
         (m.datum_ontvangst + to_months(k.maanden))::DATE AS moment
  FROM melding m, (VALUES (12), (18)) k(maanden)
  WHERE m.opent_casus
), via_vt AS (
  SELECT mo.partner, mo.bericht_id, mo.maanden
  FROM momenten mo JOIN casus c USING (partner, casus)
  WHERE c.datum_afsluiting IS NULL OR c.datum_afsluiting >= mo.moment
), via_hulp AS (
  SELECT DISTINCT mo.partner, mo.bericht_id, mo.maanden
  FROM momenten mo
  JOIN entiteit em ON em.partner = mo.partner AND em.bron_id = mo.bericht_id
  JOIN entiteit eh ON eh.entiteit = em.entiteit AND eh.gevolgd
  JOIN gebeurtenis g ON g.partner = eh.partner AND g.bron_id = eh.bron_id
  WHERE g.datum_start <= mo.moment AND (g.datum_einde IS NULL OR g.datum_einde >= mo.moment)
)
SELECT mo.partner, mo.bericht_id, mo.maanden, mo.moment,
       EXISTS (SELECT 1 FROM via_vt v WHERE v.partner = mo.partner
                 AND v.bericht_id = mo.bericht_id AND v.maanden = mo.maanden)
       OR EXISTS (SELECT 1 FROM via_hulp h WHERE h.partner = mo.partner
                 AND h.bericht_id = mo.bericht_id AND h.maanden = mo.maanden) AS gevolgd
FROM momenten mo
"""

_NIEUWE_MELDING = f"""
CREATE OR REPLACE TEMP TABLE nieuwe_melding AS
SELECT DISTINCT m.partner, m.bericht_id
FROM melding m
JOIN casus c USING (partner, casus)
JOIN melding mc ON mc.partner = m.partner AND mc.casus = m.casus
JOIN entiteit em ON em.partner = mc.partner AND em.bron_id = mc.bericht_id
JOIN entiteit en ON en.entiteit = em.entiteit AND en.soort = 'VT_MELDING'
JOIN melding m2 ON m2.partner = en.partner AND m2.bericht_id = en.bron_id
WHERE m.opent_casus AND c.datum_afsluiting IS NOT NULL AND m2.casus <> m.casus
  AND m2.datum_ontvangst > c.datum_afsluiting
  AND m2.datum_ontvangst <= c.datum_afsluiting + {SIGNAL_WINDOW_DAYS}
"""


def create_pathway_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Temp tables ``eerder_signaal`` (with ``eerder_signaal_bron``: which kinds of partner
    records), ``hulp``, ``gevolgd``, ``nieuwe_melding``.

    Whether an outcome is still unknown at the peildatum is decided in :mod:`derive.pipeline`.
    """
    for statement in (_SIGNAAL, _SIGNAAL_BRON, _HULP, _GEVOLGD, _NIEUWE_MELDING):
        con.execute(statement)
