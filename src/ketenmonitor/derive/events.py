# SPDX-License-Identifier: EUPL-1.2
"""All partners' events on one time line, and the persons and households in each event.

``gebeurtenis`` holds one row per event. Veilig Thuis's adviezen and meldingen are written out:
they are the subject of every derivation (``VT_ADVIES``/``VT_MELDING``). Every other partner
kind comes from the source catalogue (ADR 0023) when its ``bijdrage`` gives it a part in the
derivations: ``signaal`` (counts in "eerder signaal bij", on its peildatum, with its signal code
as ``soort``), ``gevolgd`` (a running trajectory, ``traject_start`` to ``traject_einde``, counts
as followed after 12/18 months) or ``overdracht`` (it receives Veilig Thuis's overdracht with
those codes; ``hulp_start`` is when its help started). So a region's own kind shows up in the
pathways without code, and a kind with none of these (reclassering, for instance) adds nothing.

``overdracht_ontvanger`` lists which record type receives which overdracht code, for the kinds
that have delivered at least one record: while a partner delivers nothing, whether help started
after an overdracht to it is unknown, not "no".

``entiteit`` holds which linked person (``P…``) or household (``H…``) took part in which event;
unlinked records contribute nothing, which is exactly the loss that BSN-only linkage causes and
the report shows.
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
       'VT_' || soort AS soort, NULL::DATE AS datum_start, NULL::DATE AS datum_einde,
       NULL::DATE AS hulp_start, 'vt_bericht' AS recordsoort, true AS signaal, false AS gevolgd
FROM {vt_bericht}
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
SELECT DISTINCT bp.partner, bp.bron_id, g.datum, g.soort, g.recordsoort, g.signaal, g.gevolgd,
       entiteit
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


def _quoted(name: str) -> str:
    return '"' + name.replace('"', "") + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "") + "'"


def _date(names: tuple[str, ...]) -> str:
    """The first filled of ``names`` (all date fields), or a typed NULL without any."""
    if not names:
        return "NULL::DATE"
    if len(names) == 1:
        return _quoted(names[0])
    return "coalesce(" + ", ".join(_quoted(n) for n in names) + ")"


def _takes_part(kind: PartnerKind) -> bool:
    bijdrage = kind.definition.recordsoort.bijdrage
    return bijdrage.signaal or bijdrage.gevolgd or bool(bijdrage.overdracht)


def derived_kinds(con: duckdb.DuckDBPyConnection, sources: DeriveSources,
                  kinds: list[PartnerKind] | None = None) -> list[PartnerKind]:
    """The catalogue's kinds (Veilig Thuis aside) with a part in the derivations and a table.

    A kind whose table the warehouse does not have (its definition came after the last load)
    has no records and is left out."""
    return [kind for kind in (kinds if kinds is not None else current_catalogue().kinds)
            if kind.id != PartnerType.VEILIG_THUIS.value and _takes_part(kind)
            and _has_table(con, sources.table(kind.record_type.name))]


def catalogue_events_sql(con: duckdb.DuckDBPyConnection, sources: DeriveSources,
                         kinds: list[PartnerKind] | None = None) -> str:
    """``UNION ALL`` parts of ``gebeurtenis`` for the kinds of :func:`derived_kinds` (or
    ``kinds``, already chosen by it)."""
    parts = []
    for kind in kinds if kinds is not None else derived_kinds(con, sources):
        record, bijdrage = kind.record_type, kind.definition.recordsoort.bijdrage
        reference = (record.reference_date,) if record.reference_date else ()
        end = (bijdrage.traject_einde,) if bijdrage.traject_einde else ()
        hulp = (bijdrage.hulp_start,) if bijdrage.hulp_start else ()
        parts.append(
            f"\nUNION ALL\nSELECT partner, CAST({_quoted(record.key[0])} AS VARCHAR), "
            f"{_date(reference)}, {_literal(kind.signal_code)}, {_date(bijdrage.start_fields)}, "
            f"{_date(end)}, {_date(hulp)}, {_literal(record.name)}, {str(bijdrage.signaal).lower()}, "
            f"{str(bijdrage.gevolgd).lower()}\nFROM {sources.table(record.name)}")
    return "".join(parts)


def receivers_sql(con: duckdb.DuckDBPyConnection, sources: DeriveSources,
                  kinds: list[PartnerKind] | None = None) -> str:
    """The statement that (re)creates ``overdracht_ontvanger (code, recordsoort)``: the codes of
    ``bijdrage.overdracht`` of the kinds of :func:`derived_kinds` (or ``kinds``) that have at
    least one record."""
    parts = [
        f"SELECT {_literal(code)} AS code, {_literal(kind.record_type.name)} AS recordsoort "
        f"WHERE EXISTS (SELECT 1 FROM {sources.table(kind.record_type.name)})"
        for kind in (kinds if kinds is not None else derived_kinds(con, sources))
        for code in kind.definition.recordsoort.bijdrage.overdracht
    ] or ["SELECT NULL::VARCHAR AS code, NULL::VARCHAR AS recordsoort WHERE false"]
    return "CREATE OR REPLACE TEMP TABLE overdracht_ontvanger AS\n" + "\nUNION ALL\n".join(parts)


def create_event_tables(con: duckdb.DuckDBPyConnection, sources: DeriveSources) -> None:
    """Temp tables ``gebeurtenis``, ``overdracht_ontvanger``, ``bron_persoon`` and ``entiteit``."""
    kinds = derived_kinds(con, sources)
    con.execute(sources.sql(_EVENTS) + catalogue_events_sql(con, sources, kinds))
    con.execute(receivers_sql(con, sources, kinds))
    roles = "(" + ", ".join(f"'{r}'" for r in DIRECT_ROLES) + ")"
    con.execute(sources.sql(_PERSONS.replace("{direct_roles}", roles)))
    con.execute(_ENTITIES)
