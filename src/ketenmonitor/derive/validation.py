# SPDX-License-Identifier: EUPL-1.2
"""Derived shares recomputed with the simulator's true person and household ids.

Only possible on synthetic data. The derivations run unchanged on the same warehouse (attached
read-only) with ground-truth link tables instead of the linkage result; the difference between
the two shows what the linkage method costs. Output: region-level shares only (contract E,
``_validatie``), never a record.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from ketenmonitor.codes import code_list
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.derive.pipeline import derive_all
from ketenmonitor.derive.sources import DeriveSources

FIRST_YEAR = 2019
MIN_DENOMINATOR = 10

# (measure, Dutch label, boolean column, which meldingen); shares over those meldingen where the
# column is not NULL. 'Hulp gestart' keeps to overdrachten to the lokaal team, as its label and the
# published indicator say: other kinds that receive an overdracht (ADR 0023) would move it.
BOOLEAN_MEASURES: tuple[tuple[str, str, str, str], ...] = (
    ("eerste_melding_persoon", "Eerste melding van ten minste één direct betrokkene",
     "eerste_melding_persoon", "TRUE"),
    ("eerder_signaal_12m", "Eerder signaal bij een ketenpartner binnen 12 maanden",
     "eerder_signaal_12m", "TRUE"),
    ("hulp_gestart", "Hulp lokaal team gestart na overdracht", "hulp_gestart",
     "overdracht_organisatie = 'LOKAAL_TEAM'"),
    ("gevolgd_12m", "Huishouden na 12 maanden nog gevolgd", "gevolgd_12m", "TRUE"),
    ("gevolgd_18m", "Huishouden na 18 maanden nog gevolgd", "gevolgd_18m", "TRUE"),
    ("nieuwe_melding_12m_na_afsluiting", "Nieuwe melding binnen 12 maanden na afsluiting",
     "nieuwe_melding_12m_na_afsluiting", "TRUE"),
)

_LINKS = """
CREATE OR REPLACE TEMP TABLE gt_link_{kind} AS
SELECT b.partner, b.bron_id, b.volgnummer,
       coalesce(g.{column}, 'U' || b.partner || b.bron_id || b.volgnummer::VARCHAR) AS {column},
       CASE WHEN g.{column} IS NULL THEN 'ongekoppeld' ELSE 'grondwaarheid' END AS methode
FROM wh.main.betrokkene b
JOIN wh.main.ledger l USING (delivery_id)
LEFT JOIN read_parquet(?) g
  ON g.partner_type = l.partner_type AND g.bron_id = b.bron_id AND g.volgnummer = b.volgnummer
"""


def _shares(
    con: duckdb.DuckDBPyConnection, table: str, min_denominator: int
) -> dict[tuple[str, str, str], float]:
    """Share (in %) per (measure, category, period) from one ``afg_melding`` table."""
    result: dict[tuple[str, str, str], float] = {}
    period_expr = "CASE WHEN grouping(jaar) = 1 THEN 'totaal' ELSE jaar::VARCHAR END"
    base = f"(SELECT *, year(datum_ontvangst) AS jaar FROM {table} " \
           f"WHERE soort = 'MELDING' AND year(datum_ontvangst) >= {FIRST_YEAR})"
    rows = con.execute(
        f"""SELECT {period_expr}, eerdere_betrokkenheid, count(*),
                   sum(count(*)) OVER (PARTITION BY {period_expr})
            FROM {base} GROUP BY GROUPING SETS ((jaar, eerdere_betrokkenheid),
                                                (eerdere_betrokkenheid))"""
    ).fetchall()
    for period, category, n, total in rows:
        if total >= min_denominator:
            result[("eerdere_betrokkenheid", category, period)] = 100.0 * n / total
    for measure, _label, column, which in BOOLEAN_MEASURES:
        rows = con.execute(
            f"""SELECT {period_expr}, count(*) FILTER (WHERE {column}), count({column})
                FROM {base} WHERE {which} GROUP BY GROUPING SETS ((jaar), ())"""
        ).fetchall()
        for period, n, total in rows:
            if total >= min_denominator:
                result[(measure, "ja", period)] = 100.0 * n / total
    return result


def compare_with_ground_truth(
    warehouse: Path, ground_truth_dir: Path, peildatum: date,
    min_denominator: int = MIN_DENOMINATOR,
) -> pa.Table:
    """Pipeline vs ground truth for every derived share (contract E ``_validatie``)."""
    truth = ground_truth_dir / "betrokkenen.parquet"
    if not truth.exists():
        raise ConfigurationError(
            "grondwaarheid_ontbreekt",
            _("Grondwaarheid {path} ontbreekt.").format(path=truth),
            _("Alleen bij gesimuleerde data: geef de map 'grondwaarheid' van 'ketenmonitor simulate'."),
        )
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{warehouse}' AS wh (READ_ONLY)")
        con.execute(_LINKS.format(kind="persoon", column="persoon_id"), [str(truth)])
        con.execute(_LINKS.format(kind="huishouden", column="huishouden_id"), [str(truth)])
        sources = DeriveSources("wh.main.", "gt_link_persoon", "gt_link_huishouden")
        derive_all(con, peildatum, sources)
        pipeline = _shares(con, "wh.main.afg_melding", min_denominator)
        ground_truth = _shares(con, "memory.main.afg_melding", min_denominator)
    finally:
        con.close()
    labels = code_list("eerdere_betrokkenheid")
    measure_labels = {m: label for m, label, _c, _w in BOOLEAN_MEASURES}
    rows = []
    for key in sorted(set(pipeline) | set(ground_truth)):
        measure, category, period = key
        p, g = pipeline.get(key), ground_truth.get(key)
        label = labels.label(category) if measure == "eerdere_betrokkenheid" \
            else measure_labels[measure]
        rows.append({
            "maat": measure, "categorie": category, "categorie_label": label, "periode": period,
            "pijplijn": None if p is None else round(p, 2),
            "grondwaarheid": None if g is None else round(g, 2),
            "verschil_procentpunt": None if p is None or g is None else round(p - g, 2),
        })
    schema = pa.schema([("maat", pa.string()), ("categorie", pa.string()),
                        ("categorie_label", pa.string()), ("periode", pa.string()),
                        ("pijplijn", pa.float64()), ("grondwaarheid", pa.float64()),
                        ("verschil_procentpunt", pa.float64())])
    return pa.Table.from_pylist(rows, schema=schema)
