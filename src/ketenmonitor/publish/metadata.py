# SPDX-License-Identifier: EUPL-1.2
"""Metadata of a publication: definitions, sources, peildatum, periods, linkage, disclosure.

Everything a reader needs to interpret a figure travels with it: the indicator definitions as
they were when the figures were made, the deliveries (from the warehouse ledger) the figures rest
on, how well records were linked, and the disclosure rule applied.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from ketenmonitor.codes import region as region_info
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.model import IndicatorDefinitie
from ketenmonitor.indicators.periods import provisional_periods, reporting_periods

LINK_TABLE = "link_samenvatting"
LINK_COLUMNS = ("method", "records", "linked_records", "unlinked_records", "persons", "households")
# Written by the probabilistic linkage (issue 3); read when present. The model JSON stays behind.
LINK_OPTIONAL_COLUMNS = ("probabilistic_records", "single_records", "match_threshold",
                         "estimated_precision", "estimated_recall", "fallback_reason",
                         "min_training_pairs", "estimated_recall_low",
                         "estimated_recall_high")


def indicator_metadata(defn: IndicatorDefinitie) -> dict[str, Any]:
    """The catalogue entry as contract E describes it (plain text numerator and denominator)."""
    return {
        "id": defn.id,
        "titel": defn.titel,
        "definitie": defn.definitie,
        "formule": defn.formule,
        "eenheid": defn.eenheid.value,
        "teller": defn.teller.omschrijving,
        "noemer": defn.noemer.omschrijving,
        "dimensies": [
            {"naam": d.naam, "titel": d.titel, "codelijst": d.codelijst, "meervoudig": d.meervoudig}
            for d in defn.dimensies
        ],
        "bronnen": list(defn.bronnen),
        "openbaarmaking": defn.openbaarmaking.value,
        "cbs_opmerking": defn.cbs_opmerking,
        "richting": defn.richting.value,
        "thema": defn.thema,
    }


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()
    return bool(rows[0][0])


def deliveries(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Deliveries in force (replaced ones left out), from the warehouse ledger."""
    if not _has_table(con, "ledger"):
        return []
    rows = con.execute(
        "SELECT delivery_id, partner, record_type, period, checksum, rows_loaded FROM ledger "
        "WHERE status NOT IN ('vervangen', 'verwijderd') ORDER BY delivery_id"
    ).fetchall()
    keys = ("delivery_id", "partner", "record_type", "period", "checksum", "rows_loaded")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def linkage(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    """The one-row linkage summary of the link stage, or None when linkage has not run."""
    if not _has_table(con, LINK_TABLE):
        return None
    present = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [LINK_TABLE]
    ).fetchall()}
    columns = LINK_COLUMNS + tuple(c for c in LINK_OPTIONAL_COLUMNS if c in present)
    rows = con.execute(f"SELECT {', '.join(columns)} FROM {LINK_TABLE}").fetchall()
    if len(rows) != 1:
        raise ConfigurationError(
            "koppeling_samenvatting",
            _("De tabel {table} hoort precies één rij te hebben, maar heeft er {n}.").format(
                table=LINK_TABLE, n=len(rows)
            ),
            _("Voer 'ketenmonitor link' opnieuw uit."),
        )
    return dict(zip(columns, rows[0], strict=True))


def base_metadata(
    region: str,
    peildatum: date,
    catalogue: Catalogue,
    indicator_ids: list[str],
    settings: Settings,
    periods: list[Period] | None = None,
) -> dict[str, Any]:
    """Metadata without the fields the writer fills in (id, time, version, tables)."""
    periods = periods or reporting_periods(peildatum)
    return {
        "region": region,
        "region_name": region_info(region).naam,
        "peildatum": peildatum.isoformat(),
        "periods": [p.code for p in periods],
        "provisional_periods": [p.code for p in provisional_periods(periods, peildatum)],
        "indicators": [indicator_metadata(catalogue[i]) for i in indicator_ids],
        "deliveries": [],
        "linkage": None,
        "disclosure": {
            "rounding_base": settings.rounding_base,
            "threshold": settings.suppression_threshold,
        },
    }
