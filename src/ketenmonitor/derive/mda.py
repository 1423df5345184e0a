# SPDX-License-Identifier: EUPL-1.2
"""MDA++ casussen with their waiting time, duration and the link back to Veilig Thuis.

``na_vt_melding``: a melding at Veilig Thuis about a person or household of the MDA++ casus in
the 365 days before the aanmelding — the route the regiovisie intends for the most severe,
structurally unsafe cases. Unlinked persons contribute nothing, as everywhere in the chain.
"""

from __future__ import annotations

from ketenmonitor.derive.pathways import SIGNAL_WINDOW_DAYS
from ketenmonitor.derive.sources import DeriveSources

_AFG_MDA = f"""
CREATE OR REPLACE TABLE afg_mda AS
WITH via_vt AS (
  SELECT DISTINCT em.partner, em.bron_id
  FROM entiteit em
  JOIN entiteit ev ON ev.entiteit = em.entiteit AND ev.soort = 'VT_MELDING'
   AND ev.datum BETWEEN em.datum - {SIGNAL_WINDOW_DAYS} AND em.datum
  WHERE em.recordsoort = 'mda_casus'
)
SELECT c.gemeente, c.datum_aanmelding, c.datum_start, c.datum_einde,
       CASE WHEN c.datum_einde IS NOT NULL THEN c.uitkomst END AS uitkomst,
       c.datum_start - c.datum_aanmelding AS wachtdagen,
       c.datum_einde - coalesce(c.datum_start, c.datum_aanmelding) AS doorlooptijd_dagen,
       v.bron_id IS NOT NULL AS na_vt_melding
FROM {{mda_casus}} c
LEFT JOIN via_vt v ON v.partner = c.partner AND v.bron_id = c.mda_id
"""


def afg_mda_sql(sources: DeriveSources) -> str:
    """The statement that (re)creates ``afg_mda`` (needs the temp table ``entiteit``)."""
    return sources.sql(_AFG_MDA)
