# SPDX-License-Identifier: EUPL-1.2
"""Writing and verifying the hash chain of the audit log.

Each entry's hash is SHA-256 over a canonical JSON of its fields (sorted keys, no whitespace,
UTF-8) including the previous entry's hash; the first entry chains to :data:`GENESIS`. Each
entry also carries ``mac``, an HMAC of the same JSON under the key file (:mod:`.keys`), and every
committed entry is anchored in the append-only anchor file. ``verify`` therefore detects a
rewritten entry (wrong code), a forged append (no valid code) and entries cut off at the end
(the anchor names a later entry). Entries written before keys existed (empty ``mac``) are
accepted only as a leading run: the first keyed entry's code covers their last hash.
Appending locks the head row inside a transaction (``SELECT ... FOR UPDATE`` on PostgreSQL,
``BEGIN IMMEDIATE`` on SQLite) so concurrent requests can never fork the chain.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from ketenmonitor.portal.audit import keys
from ketenmonitor.portal.audit.models import AuditKop, AuditRegel

GENESIS = "0" * 64
_LOCAL_LOCK = threading.Lock()  # threads of one process queue here before the database lock
FIELDS = ("volgnummer", "tijdstip", "actor", "actie", "object", "resultaat", "herkomst",
          "vorige_hash")


def canonical(entry: dict[str, object]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def payload_of(
    volgnummer: int, tijdstip: datetime, actor: str, actie: str, object: str, resultaat: str,
    herkomst: str, vorige_hash: str,
) -> bytes:
    return canonical({
        "volgnummer": volgnummer,
        "tijdstip": timestamp(tijdstip),
        "actor": actor,
        "actie": actie,
        "object": object,
        "resultaat": resultaat,
        "herkomst": herkomst,
        "vorige_hash": vorige_hash,
    })


def _payload(row: AuditRegel) -> bytes:
    return payload_of(row.volgnummer, row.tijdstip, row.actor, row.actie, row.object,
                      row.resultaat, row.herkomst, row.vorige_hash)


def hash_of(row: AuditRegel) -> str:
    return hashlib.sha256(_payload(row)).hexdigest()


def mac_of(key: bytes, row: AuditRegel) -> str:
    return keys.code(key, "regel", _payload(row))


def on_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the entry is committed (tests may run it at once)."""
    transaction.on_commit(callback)


def append(actor: str, actie: str, object: str, resultaat: str, herkomst: str) -> AuditRegel:
    """Add one entry at the end of the chain, move the head and (after commit) anchor it."""
    key = keys.load_key()
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
        row.mac = mac_of(key, row)
        row.save()
        head.laatste_volgnummer = row.volgnummer
        head.laatste_hash = row.hash
        head.save(update_fields=["laatste_volgnummer", "laatste_hash"])
        point = keys.Checkpoint(row.volgnummer, row.hash, timestamp(moment))
        # A rolled-back entry must never be anchored: its number is reused by the next one.
        on_commit(lambda: keys.write_checkpoint(key, point))
    return row


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain: ``first_broken`` is None when the chain is intact.

    ``unkeyed`` counts the leading entries from before the audit key existed; ``anchored`` is the
    last entry named in the anchor file (entries after it were committed but not yet anchored,
    for example after a crash between commit and anchoring).
    """

    entries: int
    first_broken: int | None
    reason: str
    unkeyed: int = 0
    anchored: int = 0

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

    key = keys.load_key()
    try:
        points = keys.read_checkpoints(key)
    except keys.AnchorBroken as broken:
        return Verification(0, 0, _("het ankerbestand is gewijzigd: {reden}").format(
            reden=broken.reason))
    anchor: dict[int, set[str]] = {}
    for point in points or []:
        anchor.setdefault(point.volgnummer, set()).add(point.hash)
    anchored = max(anchor, default=0)

    previous_hash, expected, count, unkeyed, keyed = GENESIS, 1, 0, 0, False
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
        if row.mac:
            keyed = True
            if not keys.same(mac_of(key, row), row.mac):
                return Verification(count, row.volgnummer, _(
                    "de sleutelcode klopt niet: de regel is herschreven of buiten het portaal "
                    "toegevoegd"))
        elif keyed or row.volgnummer in anchor:
            return Verification(count, row.volgnummer, _(
                "de regel heeft geen sleutelcode: hij is buiten het portaal toegevoegd"))
        else:
            unkeyed += 1
        if row.volgnummer in anchor and row.hash not in anchor[row.volgnummer]:
            return Verification(count, row.volgnummer,
                                _("de regel wijkt af van het ankerbestand (herschreven)"))
        previous_hash, expected = row.hash, expected + 1
    last = expected - 1
    if anchored > last:
        return Verification(count, last + 1, _(
            "regels aan het eind zijn verwijderd: het ankerbestand noemt regel {n}, de database "
            "houdt op bij regel {m}").format(n=anchored, m=last))
    if keyed and points is None:
        return Verification(count, 1, _(
            "het ankerbestand ontbreekt; zonder anker is verwijderen aan het eind niet te zien"))
    head = AuditKop.objects.filter(id=1).first()
    if head is not None and (head.laatste_volgnummer != last
                             or head.laatste_hash != previous_hash):
        return Verification(count, expected, _("regels aan het eind zijn verwijderd"))
    return Verification(count, None, "", unkeyed, anchored)
