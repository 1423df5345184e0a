# SPDX-License-Identifier: EUPL-1.2
"""Verify manifest signatures against the region's public key kept in the warehouse.

The key is registered once (``ingest --regiosleutel``); from then on every manifest needs a valid
``<manifest>.sig`` (see :mod:`ketenmonitor.delivery.signing`). A warehouse without a
registered key loads unsigned deliveries as before, with a warning per delivery, so existing
regions keep working until their key is registered (``docs/inlezen.md``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.delivery.signing import is_valid, signature_path

log = get_logger(__name__)

TABLE = "region_verification_key"


def registered_key(con: duckdb.DuckDBPyConnection) -> str | None:
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                         [TABLE]).fetchall()[0][0]
    if not exists:
        return None
    rows = con.execute(f"SELECT public_key FROM {TABLE}").fetchall()
    return str(rows[0][0]) if rows else None


def register_key(con: duckdb.DuckDBPyConnection, public_hex: str) -> bool:
    """Store the region's verification key; ``False`` if it was already stored. A different key
    is refused: changing it is a key ceremony, not a command-line accident."""
    cleaned = public_hex.strip().lower()
    try:
        valid = len(bytes.fromhex(cleaned)) == 32
    except ValueError:
        valid = False
    if not valid:
        raise InputRefused(
            "regiosleutel_ongeldig",
            _("Dit is geen publieke sleutel van een regio (64 hexadecimale tekens verwacht)."),
            _("Maak het bestand met 'ketenmonitor sleutel publiek' bij de partner."))
    current = registered_key(con)
    if current == cleaned:
        return False
    if current is not None:
        raise InputRefused(
            "regiosleutel_anders",
            _("De warehouse heeft al een andere publieke sleutel van de regio."),
            _("Een sleutelwissel vraagt een nieuwe warehouse of een beheerder die de oude "
              "sleutel bewust verwijdert."))
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (public_key VARCHAR PRIMARY KEY)")
    con.execute(f"INSERT INTO {TABLE} VALUES (?)", [cleaned])
    log.info("regiosleutel_geregistreerd")
    return True


_UNKNOWN = "?"  # the caller did not look the key up: look it up here


def verify_manifest(con: duckdb.DuckDBPyConnection, manifest_path: Path,
                    public: str | None = _UNKNOWN) -> None:
    """Refuse a manifest whose signature is missing or wrong when the region key is known.
    ``public``: the registered key as the caller read it once for a run of deliveries (two
    catalogue queries less per delivery), ``None`` when there is none."""
    if public == _UNKNOWN:
        public = registered_key(con)
    if public is None:
        log.warning("manifest_niet_geverifieerd", file=manifest_path.name)
        return
    sig = signature_path(manifest_path)
    if not sig.is_file():
        raise InputRefused(
            "handtekening_ontbreekt",
            _("Bij {naam} ontbreekt de handtekening ({sig}).").format(
                naam=manifest_path.name, sig=sig.name),
            _("Lever het manifest samen met het .sig-bestand dat 'ketenmonitor pseudonymise' "
              "ernaast schrijft."))
    if not is_valid(public, manifest_path.read_bytes(), sig.read_text(encoding="ascii",
                                                                        errors="replace")):
        raise InputRefused(
            "handtekening_ongeldig",
            _("Het manifest {naam} is niet ondertekend met de sleutel van de regio, of is na "
              "het ondertekenen veranderd (bijvoorbeeld partner, leveringsnummer of "
              "sleutel-id).").format(naam=manifest_path.name),
            _("Laat de partner opnieuw pseudonimiseren met de sleutel van de regio en lever de "
              "bestanden ongewijzigd aan."))
