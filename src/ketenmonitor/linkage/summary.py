# SPDX-License-Identifier: EUPL-1.2
"""The one-row linkage summary (``link_samenvatting``) that publication metadata and the report read.

Both linkage methods write the same columns. Record counts add up:
``records = linked_records + single_records + unlinked_records``, where

- ``linked_records``: records that share their person with at least one other record
  (of which ``probabilistic_records`` were joined by the model and not by an equal BSN token);
- ``single_records``: records compared with all candidates that matched none (a person seen once);
- ``unlinked_records``: records that could not be compared (too little identifying data; for the
  deterministic linkage: no BSN token).

``match_threshold``, ``estimated_precision``, ``estimated_recall``, ``model`` (the trained
Splink model as JSON, parameters only, no token values) and ``blocking`` (the blocking plan as
JSON: per rule the pairs it proposes and how it was narrowed, see
:mod:`ketenmonitor.linkage.blocking`) are empty for the deterministic linkage.

``estimated_precision`` and ``estimated_recall`` count pairs of records by person
(:mod:`ketenmonitor.linkage.estimates`): a pair is found when its records ended up in one person,
also through other records; a pair across two persons that both carry a BSN token is decided by
those tokens and counts nowhere. ``recall_method`` says how ``estimated_recall`` was made:
``steekproef_niet_voorgestelde_paren`` (the expected true pairs that no blocking rule proposes,
``estimated_unproposed_matches``, come from a scored random sample of such pairs; those whose
records are in one person count as found, the others as missed;
:mod:`ketenmonitor.linkage.unproposed`) or ``voorgestelde_paren`` (over the scored pairs only,
when no sample could be drawn). With the sample come ``estimated_unproposed_standard_error`` (its
sampling error) and the 95 % interval of the recall, ``estimated_recall_low`` to
``estimated_recall_high`` (normal, from the sampling error of the ratio by linearisation).

``fallback_reason`` says why the probabilistic linkage fell back to the deterministic BSN
linkage (one of :data:`core.linkage_fallback.FALLBACK_REASONS`; empty when it did not),
``min_training_pairs`` the threshold that decided it. The CLI, the report and the publication
metadata show both, so the fallback is a visible decision (issue 15), never a silent one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb

from ketenmonitor.core.linkage_fallback import FALLBACK_REASONS

__all__ = ["FALLBACK_REASONS", "SUMMARY_TABLE", "LinkageSummary", "write_summary"]

SUMMARY_TABLE = "link_samenvatting"


@dataclass(frozen=True)
class LinkageSummary:
    method: str
    records: int
    linked_records: int
    unlinked_records: int
    persons: int
    households: int
    probabilistic_records: int = 0
    single_records: int = 0
    match_threshold: float | None = None
    estimated_precision: float | None = None
    estimated_recall: float | None = None
    model: str | None = None
    blocking: str | None = None
    fallback_reason: str | None = None
    min_training_pairs: int | None = None
    estimated_unproposed_matches: float | None = None
    recall_method: str | None = None
    estimated_unproposed_standard_error: float | None = None
    estimated_recall_low: float | None = None
    estimated_recall_high: float | None = None

    def log_fields(self) -> dict[str, object]:
        """Everything but the model and blocking JSON (too long for a log line)."""
        fields = asdict(self)
        fields.pop("model")
        fields.pop("blocking")
        return fields


_DDL = f"""
CREATE OR REPLACE TABLE {SUMMARY_TABLE} (
  method VARCHAR, records BIGINT, linked_records BIGINT, unlinked_records BIGINT,
  persons BIGINT, households BIGINT, probabilistic_records BIGINT, single_records BIGINT,
  match_threshold DOUBLE, estimated_precision DOUBLE, estimated_recall DOUBLE, model VARCHAR,
  blocking VARCHAR, fallback_reason VARCHAR, min_training_pairs INTEGER,
  estimated_unproposed_matches DOUBLE, recall_method VARCHAR,
  estimated_unproposed_standard_error DOUBLE, estimated_recall_low DOUBLE,
  estimated_recall_high DOUBLE
)"""


def write_summary(con: duckdb.DuckDBPyConnection, summary: LinkageSummary) -> None:
    """Replace ``link_samenvatting`` (call inside the linkage transaction)."""
    con.execute(_DDL)
    values = asdict(summary)
    con.execute(f"INSERT INTO {SUMMARY_TABLE} VALUES ({', '.join('?' * len(values))})",
                list(values.values()))
