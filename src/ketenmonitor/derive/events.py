# SPDX-License-Identifier: EUPL-1.2
"""All partners' events on one time line, and the persons and households in each event.

``gebeurtenis`` holds one row per event (VT advies/melding, police incident, local-team
trajectory, MDA++ casus). ``entiteit`` holds which linked person (``P…``) or household (``H…``)
took part in which event; unlinked records contribute nothing, which is exactly the loss that
BSN-only linkage causes and the report shows.

Besides the four kinds written out below, every partner kind of the source catalogue whose
definition says ``signaal: true`` adds its records as events (ADR 0023): on its peildatum, with
its signal code as ``soort`` and its trajectory dates, so a region's own kind shows up in
"eerder signaal bij" without code. Kinds without that flag (the shelter, for instance) add
nothing here, so they change no existing figure.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.delivery.catalogue import PartnerKind, current_catalogue
from ketenmonitor.delivery.schema import PartnerType
from ketenmonitor.derive.sources import DeriveSources

DIRECT_ROLES = ("SLACHTOFFER", "PLEGER", "KIND")

_EVENTS = """
CREATE OR REPLACE TEMP TABLE gebeurtenis AS
SELECT partner, bericht_id AS bron_id, datum_ontvangst AS datum,
       'VT_' || soort AS soort, NULL::DATE AS datum_start, NULL::DATE AS datum_einde
FROM {vt_bericht}
UNION ALL
SELECT partner, incident_id, datum, 'POLITIE', NULL, NULL FROM {politie_incident}
UNION ALL
SELECT partner, traject_id, datum_aanmelding, 'LOKAAL_TEAM', datum_start, datum_einde
FROM {lt_traject}
UNION ALL
SELECT partner, mda_id, datum_aanmelding, 'MDA', coalesce(datum_start, datum_aanmelding),
       datum_einde
FROM {mda_casus}
"""

_PERSONS = """
CREATE OR REPLACE TEMP TABLE bron_persoon AS
SELECT b.partner, b.bron_id, b.volgnummer, b.rol,
       b.rol IN {direct_roles} AS direct_betrokken,
       p.persoon_id, p.methode <> 'ongekoppeld' AS persoon_gekoppeld,
       h.huishouden_id, h.methode <> 'ongekoppeld' AS huishouden_gekoppeld
FROM {betrokkene} b
JOIN {link_persoon} p USING (partner, bron_id, volgnummer)
JOIN {link_huishouden} h USING (partner, bron_id, volgnummer)
"""

_ENTITIES = """
CREATE OR REPLACE TEMP TABLE entiteit AS
SELECT DISTINCT bp.partner, bp.bron_id, g.datum, g.soort, entiteit
FROM (
  SELECT partner, bron_id, 'P' || persoon_id AS entiteit FROM bron_persoon WHERE persoon_gekoppeld
  UNION ALL
  SELECT partner, bron_id, 'H' || huishouden_id FROM bron_persoon WHERE huishouden_gekoppeld
) bp
JOIN gebeurtenis g USING (partner, bron_id)
"""


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    try:
        con.execute(f"SELECT 1 FROM {table} LIMIT 0").fetchall()
    except duckdb.CatalogException:
        return False
    return True


def _date_or_null(name: str | None) -> str:
    return f'"{name}"' if name else "NULL::DATE"


def catalogue_events_sql(con: duckdb.DuckDBPyConnection, sources: DeriveSources,
                         kinds: list[PartnerKind] | None = None) -> str:
    """``UNION ALL`` parts for the signal kinds of the catalogue beyond the four written out.

    A kind whose table the warehouse does not have (its definition came after the last load)
    has no records and is left out."""
    parts = []
    for kind in kinds if kinds is not None else current_catalogue().kinds:
        if str(kind.id) in {p.value for p in PartnerType} or not kind.signal:
            continue
        record, bijdrage = kind.record_type, kind.definition.recordsoort.bijdrage
        table = sources.table(record.name)
        if record.reference_date is None or not _has_table(con, table):
            continue
        code = kind.signal_code.replace("'", "")
        parts.append(
            f'\nUNION ALL\nSELECT partner, CAST("{record.key[0]}" AS VARCHAR), '
            f'"{record.reference_date}", \'{code}\', {_date_or_null(bijdrage.traject_start)}, '
            f"{_date_or_null(bijdrage.traject_einde)}\nFROM {table}")
    return "".join(parts)


def create_event_tables(con: duckdb.DuckDBPyConnection, sources: DeriveSources) -> None:
    con.execute(sources.sql(_EVENTS) + catalogue_events_sql(con, sources))
    roles = "(" + ", ".join(f"'{r}'" for r in DIRECT_ROLES) + ")"
    con.execute(sources.sql(_PERSONS.replace("{direct_roles}", roles)))
    con.execute(_ENTITIES)
