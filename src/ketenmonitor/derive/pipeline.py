# SPDX-License-Identifier: EUPL-1.2
"""Runs all derivations and writes ``afg_melding``, ``afg_traject``, ``afg_betrokkene``,
``afg_mda``, ``afg_opvang`` (derive.opvang) and ``meta_peildatum``.

Intermediate tables are TEMP tables of the connection; the results replace the previous ones in
one transaction, so readers never see a half-derived warehouse.
"""

from __future__ import annotations

from datetime import date

import duckdb

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.periods import Period
from ketenmonitor.derive.calendar import create_calendar
from ketenmonitor.derive.casus import create_casus_tables
from ketenmonitor.derive.events import create_event_tables
from ketenmonitor.derive.handling import create_handling_table
from ketenmonitor.derive.mda import afg_mda_sql
from ketenmonitor.derive.opvang import afg_opvang_sql
from ketenmonitor.derive.pathways import HELP_WINDOW_DAYS, SIGNAL_WINDOW_DAYS, create_pathway_tables
from ketenmonitor.derive.people import afg_betrokkene_sql, create_people_tables
from ketenmonitor.derive.sources import DeriveSources

log = get_logger(__name__)

_AFG_MELDING = f"""
CREATE OR REPLACE TABLE afg_melding AS
SELECT
  v.bericht_id, v.soort, v.datum_ontvangst, v.gemeente, v.melder_organisatie,
  mo.groep AS melder_groep, v.melder_rol, v.aard, v.duur_geweld, m.casus_nummer AS casus_id,
  eb.eerdere_betrokkenheid, ebg.groep AS eerdere_betrokkenheid_groep,
  CASE WHEN v.soort = 'MELDING' THEN em.bericht_id IS NOT NULL END AS eerste_melding_persoon,
  es.bron_id IS NOT NULL AS eerder_signaal_12m,
  coalesce(m.opent_casus, false) AS opent_casus,
  c.vb_datum,
  CASE WHEN m.opent_casus AND c.vb_datum IS NOT NULL
       THEN kv.werkdag_index - ko.werkdag_index END AS vb_werkdagen,
  CASE WHEN NOT coalesce(m.opent_casus, false) THEN NULL
       WHEN c.vb_datum IS NOT NULL THEN kv.werkdag_index - ko.werkdag_index <= 5
       WHEN kp.werkdag_index - ko.werkdag_index > 5 THEN false
  END AS vb_binnen_5_werkdagen,
  CASE WHEN m.opent_casus THEN v.overdracht_organisatie END AS overdracht_organisatie,
  CASE WHEN m.opent_casus THEN v.datum_overdracht END AS datum_overdracht,
  CASE WHEN NOT coalesce(m.opent_casus, false)
            OR v.overdracht_organisatie NOT IN (SELECT code FROM overdracht_ontvanger)
            OR v.datum_overdracht IS NULL THEN NULL
       WHEN h.dagen_tot_hulp IS NOT NULL THEN true
       WHEN v.datum_overdracht + {HELP_WINDOW_DAYS} > $peildatum THEN NULL
       ELSE false
  END AS hulp_gestart,
  h.dagen_tot_hulp,
  CASE WHEN m.opent_casus AND g12.moment <= $peildatum THEN g12.gevolgd END AS gevolgd_12m,
  CASE WHEN m.opent_casus AND g18.moment <= $peildatum THEN g18.gevolgd END AS gevolgd_18m,
  CASE WHEN m.opent_casus THEN c.datum_afsluiting END AS datum_afsluiting,
  CASE WHEN m.opent_casus AND c.datum_afsluiting IS NOT NULL
            AND c.datum_afsluiting + {SIGNAL_WINDOW_DAYS} <= $peildatum
       THEN nm.bericht_id IS NOT NULL END AS nieuwe_melding_12m_na_afsluiting,
  v.aanvullende_informatie,
  af.uitkomst_veiligheidsbeoordeling, af.acute_onveiligheid, af.structurele_onveiligheid,
  af.onderzoek_start, af.onderzoek_einde, af.onderzoek_dagen, af.onderzoek_binnen_10_weken,
  af.uitkomst_onderzoek, af.monitoring_start,
  esb.eerder_signaal_bij, bpe.kind_betrokken,
  coalesce(bpe.aantal_direct_betrokkenen, 0) AS aantal_direct_betrokkenen
FROM {{vt_bericht}} v
LEFT JOIN melder_groep mo ON mo.code = v.melder_organisatie
LEFT JOIN melding m ON m.partner = v.partner AND m.bericht_id = v.bericht_id
LEFT JOIN casus c ON c.partner = m.partner AND c.casus = m.casus
LEFT JOIN eerdere_betrokkenheid eb ON eb.partner = v.partner AND eb.bericht_id = v.bericht_id
LEFT JOIN eb_groep ebg ON ebg.code = eb.eerdere_betrokkenheid
LEFT JOIN eerste_melding_persoon em ON em.partner = v.partner AND em.bericht_id = v.bericht_id
LEFT JOIN eerder_signaal es ON es.partner = v.partner AND es.bron_id = v.bericht_id
LEFT JOIN hulp h ON h.partner = v.partner AND h.bericht_id = v.bericht_id
LEFT JOIN gevolgd g12 ON g12.partner = v.partner AND g12.bericht_id = v.bericht_id
                     AND g12.maanden = 12
LEFT JOIN gevolgd g18 ON g18.partner = v.partner AND g18.bericht_id = v.bericht_id
                     AND g18.maanden = 18
LEFT JOIN nieuwe_melding nm ON nm.partner = v.partner AND nm.bericht_id = v.bericht_id
LEFT JOIN kalender ko ON ko.datum = v.datum_ontvangst
LEFT JOIN kalender kv ON kv.datum = c.vb_datum
LEFT JOIN kalender kp ON kp.datum = $peildatum
LEFT JOIN afhandeling af ON af.partner = v.partner AND af.bericht_id = v.bericht_id
LEFT JOIN eerder_signaal_bron esb ON esb.partner = v.partner AND esb.bron_id = v.bericht_id
LEFT JOIN bericht_personen bpe ON bpe.partner = v.partner AND bpe.bericht_id = v.bericht_id
"""

_AFG_TRAJECT = """
CREATE OR REPLACE TABLE afg_traject AS
SELECT traject_id, gemeente, datum_aanmelding, datum_start, datum_einde, sos_intake,
       sos_afsluiting, sos_afsluiting - sos_intake AS sos_verschil,
       verwijzer = 'VEILIG_THUIS' AS via_vt, reden_afsluiting,
       datum_start - datum_aanmelding AS wachtdagen, CAST(uren_inzet AS DOUBLE) AS uren_inzet,
       verwijzer
FROM {lt_traject}
"""


def peildatum_from_ledger(con: duckdb.DuckDBPyConnection) -> date:
    """The end of the latest delivered period: the date the data is complete up to."""
    periods = [row[0] for row in con.execute("SELECT DISTINCT period FROM ledger").fetchall()]
    if not periods:
        raise InputRefused(
            "geen_leveringen",
            _("De warehouse bevat nog geen leveringen."),
            _("Laad eerst leveringen met 'ketenmonitor ingest'."),
        )
    return max(Period.parse(p).end for p in periods)


def _code_groups(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.codes import code_list

    for table, name in (("melder_groep", "melder_organisatie"), ("eb_groep", "eerdere_betrokkenheid")):
        codes = code_list(name)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} (code VARCHAR, groep VARCHAR)")
        con.executemany(f"INSERT INTO {table} VALUES (?, ?)",
                        [[c, codes.group(c)] for c in codes.codes])


def derive_all(
    con: duckdb.DuckDBPyConnection,
    peildatum: date | None = None,
    sources: DeriveSources | None = None,
) -> date:
    """Derive everything from the linked records; returns the peildatum used."""
    sources = sources or DeriveSources()
    if peildatum is None:
        peildatum = peildatum_from_ledger(con) if not sources.source_prefix else date.today()
    create_calendar(con)
    _code_groups(con)
    create_event_tables(con, sources)
    create_casus_tables(con, sources)
    create_pathway_tables(con)
    create_handling_table(con, peildatum)
    create_people_tables(con, sources)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sources.sql(_AFG_MELDING), {"peildatum": peildatum})
        con.execute(sources.sql(_AFG_TRAJECT))
        con.execute(afg_betrokkene_sql(sources))
        con.execute(afg_mda_sql(sources))
        con.execute(afg_opvang_sql(sources))
        con.execute("CREATE OR REPLACE TABLE meta_peildatum AS SELECT ?::DATE AS peildatum",
                    [peildatum])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    log.info("derive_done", peildatum=str(peildatum))
    return peildatum
