# SPDX-License-Identifier: EUPL-1.2
"""How Veilig Thuis handled a casus, per melding that opened it: taxatie, onderzoek, monitoring.

These are the fields of the CBS tables 84852NED (veiligheidsbeoordeling en -taxatie) and
84853NED (uitkomsten onderzoeken), plus the 10-week deadline of the onderzoek from the
kwaliteitskader Veilig Thuis. The handling is registered with the melding that opened the casus
(see :mod:`derive.casus`), so vervolgmeldingen get empty values and are not counted twice.

*Onderzoek binnen 10 weken*: the onderzoek ended at most 70 calendar days after it started.
An onderzoek that is still running is late once 70 days have passed on the peildatum and
unknown (NULL) before that.
"""

from __future__ import annotations

from datetime import date

import duckdb

ONDERZOEK_DAYS = 70  # 10 weeks

_AFHANDELING = f"""
CREATE OR REPLACE TEMP TABLE afhandeling AS
SELECT m.partner, m.bericht_id,
       m.uitkomst_veiligheidsbeoordeling, m.acute_onveiligheid, m.structurele_onveiligheid,
       m.datum_onderzoek_start AS onderzoek_start, m.datum_onderzoek_einde AS onderzoek_einde,
       m.datum_onderzoek_einde - m.datum_onderzoek_start AS onderzoek_dagen,
       CASE WHEN m.datum_onderzoek_start IS NULL THEN NULL
            WHEN m.datum_onderzoek_einde IS NOT NULL
              THEN m.datum_onderzoek_einde - m.datum_onderzoek_start <= {ONDERZOEK_DAYS}
            WHEN m.datum_onderzoek_start + {ONDERZOEK_DAYS} < $peildatum THEN false
       END AS onderzoek_binnen_10_weken,
       CASE WHEN m.datum_onderzoek_einde IS NOT NULL THEN m.uitkomst_onderzoek
       END AS uitkomst_onderzoek,
       c.monitoring_start
FROM melding m
JOIN casus c USING (partner, casus)
WHERE m.opent_casus
"""


def create_handling_table(con: duckdb.DuckDBPyConnection, peildatum: date) -> None:
    """Temp table ``afhandeling`` (needs ``melding`` and ``casus`` from :mod:`derive.casus`)."""
    con.execute(_AFHANDELING, {"peildatum": peildatum})
