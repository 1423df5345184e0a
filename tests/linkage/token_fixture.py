# SPDX-License-Identifier: EUPL-1.2
"""A warehouse-shaped ``betrokkene`` table with the token columns of contract T, for linkage tests.

The simulator's partner exports hold the identities as each partner writes them (typos, initials,
missing BSNs, swapped dates). This helper normalises them the way contract T describes and turns
each field into an HMAC-SHA256 token under its own derived key, so the linkage can be tested and
measured on realistic tokens before (and independently of) the pseudonymisation code. The ground
truth (true person and household per record) comes along for the measurements.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.simulate.names import elfproef
from ketenmonitor.sources import load_mapping, read_export

KEY = b"linkage-test-key-0123456789abcdef"
REGION = "haaglanden"
TOKEN_COLUMNS = (
    "bsn_token", "voornaam_token", "initiaal_token", "achternaam_token", "achternaam2_token",
    "achternaam_fonetisch_token", "geboortedatum_token", "geboortejaar_token",
    "geboortedatum_wissel_token", "postcode_token", "huisnummer_token", "adres_token",
)
TUSSENVOEGSELS = ("van der", "van den", "van de", "van 't", "van het", "in 't", "in het", "v.d.",
                  "v.", "van", "de", "den", "der", "ter", "ten", "te", "d'", "op de", "uit de")


@cache
def field_key(field: str) -> bytes:
    return hmac.new(KEY, f"ketenmonitor/{field}/v1".encode(), hashlib.sha256).digest()


def token(field: str, value: str | None) -> bytes | None:
    if not value:
        return None
    return hmac.new(field_key(field), value.encode(), hashlib.sha256).digest()


def letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


def _strip_tussenvoegsel(words: list[str]) -> list[str]:
    lowered = " ".join(words).lower()
    for tv in sorted(TUSSENVOEGSELS, key=len, reverse=True):
        if lowered.startswith(tv + " ") and len(words) > len(tv.split()):
            return words[len(tv.split()):]
    return words


def surname_parts(achternaam: str | None) -> tuple[str | None, str | None]:
    """('van der Berg') -> ('berg', None); ('Jansen-de Vries') -> ('jansen', 'vries')."""
    if not achternaam:
        return None, None
    pieces = [p for p in re.split(r"-", achternaam) if p.strip()]
    if len(pieces) == 1:
        words = _strip_tussenvoegsel(pieces[0].split())
        # 'Jansen de Vries' written with a space: a tussenvoegsel inside splits it in two.
        for i in range(1, len(words) - 1):
            if words[i].lower() in {t.split()[0] for t in TUSSENVOEGSELS}:
                second = _strip_tussenvoegsel(words[i:])
                return letters(" ".join(words[:i])) or None, letters(" ".join(second)) or None
        return letters(" ".join(words)) or None, None
    first = letters(" ".join(_strip_tussenvoegsel(pieces[0].split())))
    second = letters(" ".join(_strip_tussenvoegsel(pieces[1].split())))
    return first or None, second or None


_PHONETIC_RULES = (
    ("sch", "s"), ("ch", "g"), ("ij", "y"), ("ei", "y"), ("ey", "y"), ("ou", "o"), ("au", "o"),
    ("oe", "u"), ("ph", "f"), ("th", "t"), ("dt", "t"), ("ck", "k"), ("c", "k"), ("z", "s"),
    ("v", "f"), ("w", "f"), ("q", "k"), ("x", "ks"), ("d", "t"), ("b", "p"), ("h", ""),
)


def phonetic(core: str | None) -> str | None:
    """A small Dutch-flavoured phonetic code: sounds folded, vowels after the first letter and
    doubled letters dropped (enough for tests; the product's code is contract T's)."""
    if not core:
        return None
    text = core
    for old, new in _PHONETIC_RULES:
        text = text.replace(old, new)
    if not text:
        return None
    head, tail = text[0], re.sub(r"[aeiouy]", "", text[1:])
    code = head + re.sub(r"(.)\1+", r"\1", tail)
    return code[:6]


def _given(voornamen: str | None) -> tuple[str | None, str | None]:
    if not voornamen or not voornamen.strip():
        return None, None
    first = re.split(r"[\s.]+", voornamen.strip())[0]
    name = letters(first)
    if not name:
        return None, None
    return (name if len(name) > 1 else None), name[0]


def _dob(value: str | None) -> tuple[str | None, str | None, str | None]:
    if not value or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return None, None, None
    year, month, day = value.split("-")
    low, high = sorted((month, day))
    return value, year, f"{year}|{low}|{high}"


def _address(postcode: str | None, nr: str | None, extra: str | None
             ) -> tuple[str | None, str | None, str | None]:
    code = re.sub(r"\s+", "", postcode or "").upper()
    if not re.match(r"^[1-9][0-9]{3}[A-Z]{2}$", code):
        code = ""
    number = re.sub(r"[^0-9A-Z]", "", (nr or "").upper() + (extra or "").upper())
    adres = f"{code}|{number}" if code and number else None
    return code or None, number or None, adres


BLOOM_COLUMNS = ("voornaam_bloom", "achternaam_bloom", "geboortedatum_bloom", "postcode_bloom")


@cache
def _bloom_encoder(column: str) -> Any:
    from ketenmonitor.pseudonymise.bloom import BloomEncoder, bigrams, positions

    parts = bigrams if column in ("voornaam_bloom", "achternaam_bloom") else positions
    return BloomEncoder(field_key(column), parts)


def identity_tokens(row: dict[str, Any], bloom: bool = False) -> dict[str, bytes | None]:
    """Contract-T tokens of one betrokkene row with plain identity columns (and, with ``bloom``,
    the product's field-level Bloom filters of schema 1.2)."""
    bsn = re.sub(r"[^0-9]", "", row.get("bsn") or "")
    voornaam, initiaal = _given(row.get("voornamen"))
    achternaam, achternaam2 = surname_parts(row.get("achternaam"))
    dob, year, swapped = _dob(row.get("geboortedatum"))
    postcode, huisnummer, adres = _address(row.get("postcode"), row.get("huisnummer"),
                                           row.get("huisnummer_toevoeging"))
    values = {
        "bsn_token": bsn if elfproef(bsn.zfill(9)) and len(bsn) >= 8 else None,
        "voornaam_token": voornaam, "initiaal_token": initiaal,
        "achternaam_token": achternaam, "achternaam2_token": achternaam2,
        "achternaam_fonetisch_token": phonetic(achternaam),
        "geboortedatum_token": dob, "geboortejaar_token": year,
        "geboortedatum_wissel_token": swapped,
        "postcode_token": postcode, "huisnummer_token": huisnummer, "adres_token": adres,
    }
    tokens = {name: token(name, value) for name, value in values.items()}
    if bloom:
        plain = {"voornaam_bloom": voornaam,
                 "achternaam_bloom": achternaam.replace("ij", "y") if achternaam else None,
                 "geboortedatum_bloom": dob.replace("-", "") if dob else None,
                 "postcode_bloom": postcode}
        tokens.update({column: _bloom_encoder(column).encode_one(value, "") if value else None
                       for column, value in plain.items()})
    return tokens


def _rows(exports: Path) -> Iterable[dict[str, Any]]:
    for partner_dir in sorted(p for p in exports.iterdir() if p.is_dir()):
        mapping = load_mapping(partner_dir.name)
        for period_dir in sorted(p for p in partner_dir.iterdir() if p.is_dir()):
            for table in read_export(mapping, period_dir):
                if table.record_type != "betrokkene":
                    continue
                for row in table.table.to_pylist():
                    row["partner_type"] = partner_dir.name
                    row["period"] = period_dir.name
                    yield row


def tokenised_betrokkenen(exports: Path, bloom: bool = False) -> pa.Table:
    """One row per betrokkene of all exports: keys, rol, geslacht and the contract-T tokens."""
    out: list[dict[str, Any]] = []
    for row in _rows(exports):
        record = {
            "delivery_id": f"{row['partner_type']}-{row['period']}",
            "partner": f"{row['partner_type']}_{REGION}",
            "partner_type": row["partner_type"],
            "bron_id": row["bron_id"], "volgnummer": int(row["volgnummer"]),
            "rol": row["rol"], "geslacht": (row.get("geslacht") or "O")[:1].upper(),
        }
        record.update(identity_tokens(row, bloom))
        out.append(record)
    return pa.Table.from_pylist(out)


def add_token_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Migration-2-like: the contract-T columns on ``betrokkene`` (if the warehouse lacks them)."""
    present = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'betrokkene'"
    ).fetchall()}
    for column in (*TOKEN_COLUMNS, *BLOOM_COLUMNS):
        if column not in present:
            con.execute(f"ALTER TABLE betrokkene ADD COLUMN {column} BLOB")


def load_betrokkenen(con: duckdb.DuckDBPyConnection, tokens: pa.Table) -> None:
    """Fill an empty warehouse's ``betrokkene`` with the tokenised rows."""
    add_token_columns(con)
    con.register("tokens_in", tokens)
    columns = ["delivery_id", "partner", "bron_id", "volgnummer", "rol", "geslacht",
               *TOKEN_COLUMNS, *(c for c in BLOOM_COLUMNS if c in tokens.column_names)]
    con.execute(f"INSERT INTO betrokkene ({', '.join(columns)}) "
                f"SELECT {', '.join(columns)} FROM tokens_in")
    con.unregister("tokens_in")
