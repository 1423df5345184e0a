# SPDX-License-Identifier: EUPL-1.2
"""The persons involved in each advies and melding: role, sex and age group, as delivered.

Partners deliver ``geslacht`` and ``leeftijdsklasse`` (the age group on the date of the record,
computed by ``ketenmonitor pseudonymise`` from the date of birth, which itself never leaves the
partner). ``afg_betrokkene`` has one row per person per advies or melding — a person in two
meldingen counts twice, as the CBS counts persons involved per melding — without any identifier.

Per bericht, ``kind_betrokken`` says whether a child is directly involved: a betrokkene with
role *kind* or a victim or perpetrator younger than 18. NULL when no betrokkene was delivered.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.derive.events import DIRECT_ROLES
from ketenmonitor.derive.sources import DeriveSources

MINOR_AGE_GROUPS = ("0-3", "4-11", "12-17")

_AFG_BETROKKENE = """
CREATE OR REPLACE TABLE afg_betrokkene AS
SELECT v.soort, v.datum_ontvangst, v.gemeente, b.rol, b.rol IN {direct_roles} AS direct_betrokken,
       b.geslacht, b.leeftijdsklasse, v.aard
FROM {vt_bericht} v
JOIN {betrokkene} b ON b.partner = v.partner AND b.bron_id = v.bericht_id
"""

_BERICHT_PERSONEN = """
CREATE OR REPLACE TEMP TABLE bericht_personen AS
SELECT b.partner, b.bron_id AS bericht_id,
       count(*) FILTER (WHERE b.rol IN {direct_roles}) AS aantal_direct_betrokkenen,
       bool_or(b.rol = 'KIND'
               OR coalesce(b.rol IN {direct_roles} AND b.leeftijdsklasse IN {minors}, false))
         AS kind_betrokken
FROM {betrokkene} b
JOIN {vt_bericht} v ON v.partner = b.partner AND v.bericht_id = b.bron_id
GROUP BY b.partner, b.bron_id
"""


def _tuple(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def create_people_tables(con: duckdb.DuckDBPyConnection, sources: DeriveSources) -> None:
    """Temp table ``bericht_personen``; table ``afg_betrokkene`` is written by the pipeline."""
    sql = _BERICHT_PERSONEN.replace("{direct_roles}", _tuple(DIRECT_ROLES))
    con.execute(sources.sql(sql.replace("{minors}", _tuple(MINOR_AGE_GROUPS))))


def afg_betrokkene_sql(sources: DeriveSources) -> str:
    """The statement that (re)creates ``afg_betrokkene``; run inside the pipeline's transaction."""
    return sources.sql(_AFG_BETROKKENE.replace("{direct_roles}", _tuple(DIRECT_ROLES)))
