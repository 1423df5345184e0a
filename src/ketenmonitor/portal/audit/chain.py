# SPDX-License-Identifier: EUPL-1.2
"""Writing and verifying the hash chain of the audit log.

Each entry's hash is SHA-256 over a canonical JSON of its fields (sorted keys, no whitespace,
UTF-8) including the previous entry's hash; the first entry chains to :data:`GENESIS`.
Appending locks the head row inside a transaction (``SELECT ... FOR UPDATE`` on PostgreSQL,
``BEGIN IMMEDIATE`` on SQLite) so concurrent requests can never fork the chain.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from ketenmonitor.portal.audit.models import AuditKop, AuditRegel

GENESIS = "0" * 64
_LOCAL_LOCK = threading.Lock()  # threads of one process queue here before the database lock
FIELDS = ("volgnummer", "tijdstip", "actor", "actie", "object", "resultaat", "herkomst",
          "vorige_hash")


def canonical(entry: dict[str, object]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    volgnummer: int, tijdstip: datetime, actor: str, actie: str, object: str, resultaat: str,
    herkomst: str, vorige_hash: str,
) -> str:
    payload = {
        "volgnummer": volgnummer,
        "tijdstip": timestamp(tijdstip),
        "actor": actor,
        "actie": actie,
        "object": object,
        "resultaat": resultaat,
        "herkomst": herkomst,
        "vorige_hash": vorige_hash,
    }
    return hashlib.sha256(canonical(payload)).hexdigest()


def hash_of(row: AuditRegel) -> str:
    return entry_hash(row.volgnummer, row.tijdstip, row.actor, row.actie, row.object,
                      row.resultaat, row.herkomst, row.vorige_hash)


def append(actor: str, actie: str, object: str, resultaat: str, herkomst: str) -> AuditRegel:
    """Add one entry at the end of the chain and move the head."""
    with _LOCAL_LOCK, transaction.atomic():
        head, _created = AuditKop.objects.select_for_update().get_or_create(
            id=1, defaults={"laatste_volgnummer": 0, "laatste_hash": GENESIS}
        )
        moment = timezone.now()
        row = AuditRegel(
            volgnummer=head.laatste_volgnummer + 1,
            tijdstip=moment,
            actor=actor[:150],
            actie=actie,
            object=object[:300],
            resultaat=resultaat,
            herkomst=herkomst[:64],
            vorige_hash=head.laatste_hash,
        )
        row.hash = hash_of(row)
        row.save()
        head.laatste_volgnummer = row.volgnummer
        head.laatste_hash = row.hash
        head.save(update_fields=["laatste_volgnummer", "laatste_hash"])
    return row


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain: ``first_broken`` is None when the chain is intact."""

    entries: int
    first_broken: int | None
    reason: str

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def _rows(batch: int = 5000) -> Iterator[AuditRegel]:
    last = 0
    while True:
        rows = list(AuditRegel.objects.filter(volgnummer__gt=last).order_by("volgnummer")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].volgnummer


def verify() -> Verification:
    """Walk the chain from the first entry; name the first entry that does not fit."""
    from django.utils.translation import gettext as _

    previous_hash, expected, count = GENESIS, 1, 0
    for row in _rows():
        count += 1
        if row.volgnummer != expected:
            return Verification(count, expected, _("regel {n} ontbreekt").format(n=expected))
        if row.vorige_hash != previous_hash:
            return Verification(count, row.volgnummer,
                                _("de verwijzing naar de vorige regel klopt niet"))
        if hash_of(row) != row.hash:
            return Verification(count, row.volgnummer,
                                _("de inhoud past niet bij de opgeslagen hash (gewijzigd)"))
        previous_hash, expected = row.hash, expected + 1
    head = AuditKop.objects.filter(id=1).first()
    if head is not None and (head.laatste_volgnummer != expected - 1
                             or head.laatste_hash != previous_hash):
        return Verification(count, expected, _("regels aan het eind zijn verwijderd"))
    return Verification(count, None, "")
