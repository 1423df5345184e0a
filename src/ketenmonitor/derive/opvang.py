# SPDX-License-Identifier: EUPL-1.2
"""Shelter trajectories (vrouwenopvang) with waiting time, length of stay and re-admission.

``afg_opvang`` has one row per delivered ``vo_traject`` (ADR 0026):

- ``wachtdagen``: calendar days from aanmelding to opname (empty without opname);
- ``verblijfdagen``: calendar days from opname to vertrek (empty while the stay runs);
- ``heropname_12m``: for a row with an opname, whether the same client left an earlier stay at
  most 12 calendar months before this opname (a vertrek exactly 12 months earlier counts; a
  vertrek on the day of the opname too). The client is the betrokkene with role SLACHTOFFER (the
  lowest volgnummer when there are more), as linked into a person; an unlinked client has no
  earlier stay, so linkage misses lower the figure, never raise it. Empty without opname.

Contract: reads ``vo_traject``, ``betrokkene`` and ``link_persoon`` (via ``DeriveSources``, so
the same SQL runs with the simulator's true person ids); writes nothing else.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.derive.sources import DeriveSources

READMISSION_MONTHS = 12

_AFG_OPVANG = """
CREATE OR REPLACE TABLE afg_opvang AS
WITH client AS (
  SELECT b.partner, b.bron_id, arg_min(l.persoon_id, b.volgnummer) AS persoon_id
  FROM {betrokkene} b
  JOIN {link_persoon} l
    ON l.partner = b.partner AND l.bron_id = b.bron_id AND l.volgnummer = b.volgnummer
  WHERE b.rol = 'SLACHTOFFER'
  GROUP BY b.partner, b.bron_id
), t AS (
  SELECT v.*, c.persoon_id
  FROM {vo_traject} v
  LEFT JOIN client c ON c.partner = v.partner AND c.bron_id = v.traject_id
), terug AS (
  SELECT DISTINCT t.partner, t.traject_id
  FROM t
  JOIN t AS e
    ON e.persoon_id = t.persoon_id
   AND NOT (e.partner = t.partner AND e.traject_id = t.traject_id)
   AND e.datum_vertrek BETWEEN CAST(t.datum_opname - INTERVAL {months} MONTH AS DATE)
                           AND t.datum_opname
   AND e.datum_opname < t.datum_opname
  WHERE t.datum_opname IS NOT NULL
)
SELECT t.traject_id, t.gemeente, t.datum_aanmelding, t.soort_hulp, t.opvangvorm,
       t.datum_opname, t.datum_vertrek, t.reden_vertrek, t.bestemming_vertrek,
       t.datum_start_ambulant, t.datum_einde_ambulant, t.aantal_kinderen,
       t.datum_opname - t.datum_aanmelding AS wachtdagen,
       t.datum_vertrek - t.datum_opname AS verblijfdagen,
       CASE WHEN t.datum_opname IS NOT NULL THEN r.traject_id IS NOT NULL END AS heropname_12m
FROM t
LEFT JOIN terug r ON r.partner = t.partner AND r.traject_id = t.traject_id
"""


def afg_opvang_sql(sources: DeriveSources) -> str:
    """The statement that (re)creates ``afg_opvang``."""
    return _AFG_OPVANG.format(
        betrokkene=sources.table("betrokkene"), vo_traject=sources.table("vo_traject"),
        link_persoon=sources.link_persoon, months=READMISSION_MONTHS,
    )


def create_afg_opvang(con: duckdb.DuckDBPyConnection, sources: DeriveSources | None = None) -> None:
    """(Re)create ``afg_opvang``; the derive pipeline calls this after its own tables."""
    con.execute(afg_opvang_sql(sources or DeriveSources()))
