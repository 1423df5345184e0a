# SPDX-License-Identifier: EUPL-1.2
"""When a new delivery may replace the one in force for its partner, record type and period.

"The last one ingested wins" let an older export replace a newer one, a header-only export wipe a
loaded period, a future period load, and a delivery under another key replace the good one. Each
of those is now refused (exit 2) unless the operator allows that one rule explicitly, with a
reason that is logged. The export date is the manifest's ``created_at``; it is kept per delivery
in ``ledger_export`` so that a later delivery can be compared with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import duckdb

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.delivery.manifest import Manifest

log = get_logger(__name__)


class Rule(StrEnum):
    OUDER = "ouder"  # an older export replaces a newer one
    LEEG = "leeg"  # an empty delivery replaces one with rows
    TOEKOMST = "toekomst"  # a period that has not started yet
    SLEUTEL = "sleutel"  # tokens under another key than the loaded betrokkenen (a re-key)


@dataclass(frozen=True)
class Allowance:
    """Rules the operator lifts for this run, and why (the reason is logged)."""

    rules: frozenset[Rule] = field(default_factory=frozenset)
    reason: str = ""

    def allows(self, rule: Rule, manifest: Manifest, **details: object) -> bool:
        if rule not in self.rules:
            return False
        log.warning("regel_opgeheven", rule=str(rule), reason=self.reason,
                    delivery_id=manifest.delivery_id, **details)
        return True


NONE = Allowance()


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS ledger_export (delivery_id VARCHAR PRIMARY KEY, "
                "created_at VARCHAR NOT NULL)")


def record(con: duckdb.DuckDBPyConnection, manifest: Manifest, restoring: bool = False) -> None:
    """Keep the export date of a delivery (inside the loading transaction). Only a restored
    delivery can have its row already (it is written with the ledger row, which is never
    deleted otherwise); a plain insert costs half of an ``INSERT OR REPLACE``."""
    verb = "INSERT OR REPLACE" if restoring else "INSERT"
    con.execute(f"{verb} INTO ledger_export VALUES (?, ?)",
                [manifest.delivery_id, manifest.created_at])


def _hint(rule: Rule) -> str:
    return _("Lever de juiste export, of sta dit bewust toe met --toestaan {regel} --reden "
             "\"...\" (de reden komt in het logboek).").format(regel=str(rule))


def check_period(manifest: Manifest, today: date, allowance: Allowance) -> None:
    if manifest.period.start > today and not allowance.allows(Rule.TOEKOMST, manifest):
        raise InputRefused(
            "periode_in_toekomst",
            _("Levering {id} is voor periode {periode}, die nog niet begonnen is.").format(
                id=manifest.delivery_id, periode=manifest.period.code),
            _hint(Rule.TOEKOMST))


def check_replacement(con: duckdb.DuckDBPyConnection, manifest: Manifest, rows_in: int,
                      replaces: Sequence[str], other_keys: Sequence[str],
                      allowance: Allowance) -> None:
    """Refuse (``InputRefused``) a replacement that breaks a rule the operator did not lift.
    Needs the table of :func:`ensure_table`."""
    for old in replaces:
        found = con.execute(
            "SELECT l.rows_loaded + l.rows_quarantined, e.created_at FROM ledger l "
            "LEFT JOIN ledger_export e USING (delivery_id) WHERE l.delivery_id = ?",
            [old]).fetchall()
        if not found:
            continue
        old_rows, old_created = int(found[0][0]), found[0][1]
        if old_created is not None and manifest.created_at < str(old_created) and \
                not allowance.allows(Rule.OUDER, manifest, replaces=old):
            raise InputRefused(
                "ouder_dan_geladen",
                _("Levering {id} is gemaakt op {nieuw}, eerder dan de geladen levering {oud} "
                  "({datum}); een oudere export vervangt nooit een nieuwere.").format(
                    id=manifest.delivery_id, nieuw=manifest.created_at, oud=old,
                    datum=old_created),
                _hint(Rule.OUDER))
        if rows_in == 0 and old_rows > 0 and \
                not allowance.allows(Rule.LEEG, manifest, replaces=old):
            raise InputRefused(
                "leeg_vervangt_vol",
                _("Levering {id} bevat geen rijen en zou de geladen levering {oud} met {n} rijen "
                  "vervangen.").format(id=manifest.delivery_id, oud=old, n=old_rows),
                _hint(Rule.LEEG))
    if other_keys and not allowance.allows(Rule.SLEUTEL, manifest, other_key_ids=list(other_keys)):
        raise InputRefused(
            "sleutel_wijkt_af",
            _("Levering {id} is gemaakt met sleutel-id {sleutel}, maar de geladen betrokkenen "
              "hebben sleutel-id {andere}; tokens onder verschillende sleutels koppelen "
              "nooit.").format(id=manifest.delivery_id, sleutel=manifest.key_id,
                               andere=", ".join(other_keys)),
            _("Pseudonimiseer opnieuw met de sleutel van de regio, of sta een bewuste "
              "sleutelwissel toe met --toestaan sleutel --reden \"...\"."))
