# SPDX-License-Identifier: EUPL-1.2
"""The identity columns of betrokkene rows become token columns (schema 1.1) and are dropped.

Each token column is an HMAC-SHA256 under its own field key (HKDF from the one key, info
``ketenmonitor/<field>/v1``, :data:`FIELD_KEYS`), so a postcode token can never be compared with a
house-number token. One exception on purpose: both surname parts use the key ``achternaam``, so
'Jansen-de Vries' (achternaam 'jansen', achternaam2 'vries') can agree with 'de Vries'
(achternaam 'vries') in linkage. ``naampaar_token`` (schema 1.3) is the first given name and
the surname core in alphabetical order under the shared name key ``naam``: equal when a partner
exchanged given name and surname (issue 16; threat model in ADR 0002). Schema 1.4 adds, for
the comparisons plain Splink makes (issue 16): the full given names (``voornamen_token``), the
three pairs of date parts (year+month, month+day, year+day: one part wrong still agrees on one),
the PC4 part of the postcode (a neighbouring address), the first given name and the surname core
again under the shared name key (``*_gedeeld_token``: a given name written as surname agrees with
the other record's given name) and, with ``bloom``, the name-set Bloom
filter ``namen_bloom`` of all name words under the shared name key ``naam`` (exchanged names with
a typo still agree). Every column is normalised and hashed once per distinct value.
With ``bloom``, the field-level Bloom filters of :data:`BLOOM_FIELDS` are added (schema 1.2, each
under its own key, see :mod:`~ketenmonitor.pseudonymise.bloom`).
"""

from __future__ import annotations

import time
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.core.logging import get_logger
from ketenmonitor.pseudonymise.age import age_class_codes
from ketenmonitor.pseudonymise.bloom import (
    BloomEncoder,
    Parts,
    bigrams,
    name_set_bigrams,
    positions,
)
from ketenmonitor.pseudonymise.dates import birth_date_forms, date_part_pairs
from ketenmonitor.pseudonymise.keys import PseudonymKey
from ketenmonitor.pseudonymise.names import normalise_names
from ketenmonitor.pseudonymise.normalise import (
    blank_to_null,
    normalise_address,
    normalise_bsn,
    normalise_house_number,
    normalise_postcode,
)
from ketenmonitor.pseudonymise.tokens import Stopwatch, TokenStats

IDENTITY_COLUMNS = (
    "bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum",
    "postcode", "huisnummer", "huisnummer_toevoeging",
)
# token column -> field name of its HKDF key
FIELD_KEYS: dict[str, str] = {
    "bsn_token": "bsn",
    "adres_token": "adres",
    "voornaam_token": "voornaam",
    "initiaal_token": "initiaal",
    "achternaam_token": "achternaam",
    "achternaam2_token": "achternaam",
    "achternaam_fonetisch_token": "achternaam_fonetisch",
    "geboortedatum_token": "geboortedatum",
    "geboortejaar_token": "geboortejaar",
    "geboortedatum_wissel_token": "geboortedatum_wissel",
    "postcode_token": "postcode",
    "huisnummer_token": "huisnummer",
    "naampaar_token": "naam",
    "voornamen_token": "voornamen",
    "geboortejaarmaand_token": "geboortejaarmaand",
    "geboortemaanddag_token": "geboortemaanddag",
    "geboortejaardag_token": "geboortejaardag",
    "postcode4_token": "postcode4",
    "voornaam_gedeeld_token": "naam",
    "achternaam_gedeeld_token": "naam",
}
# Key fields with few possible values that recur in every export (dates and their parts, given
# names, surname cores, house numbers, PC4): their tokens are remembered across the exports
# pseudonymised with one key object, at most MEMO_LIMIT per field (FieldTokeniser).
MEMO_FIELDS = frozenset({
    "voornaam", "initiaal", "achternaam", "achternaam_fonetisch", "geboortedatum", "geboortejaar",
    "geboortedatum_wissel", "huisnummer", "geboortejaarmaand", "geboortemaanddag",
    "geboortejaardag", "postcode4",
})
MEMO_LIMIT = 1 << 16
NAME_PAIR_SEPARATOR = "\x1f"  # cannot occur in a normalised name (letters only)
BLOOM_FIELD = "naam_bloom"  # schema 1.1 surname filter salted with the birth year; left empty
# Bloom column (also its HKDF field name) -> (normalised value it encodes, parts of the value)
BLOOM_FIELDS: dict[str, tuple[str, Parts]] = {
    "voornaam_bloom": ("voornaam", bigrams),
    "achternaam_bloom": ("achternaam", bigrams),
    "geboortedatum_bloom": ("geboortedatum", positions),
    "postcode_bloom": ("postcode", positions),
    "namen_bloom": ("namen", name_set_bigrams),
}
# Bloom columns not under a key of their own: the name set shares the name key of naampaar_token
# (its parts are hashed as '\x1f<part>', a name pair as '<letters>\x1f<letters>': never equal).
BLOOM_KEYS: dict[str, str] = {"namen_bloom": "naam"}
GENERATED_FIELDS = (*FIELD_KEYS, "leeftijdsklasse", BLOOM_FIELD, *BLOOM_FIELDS)
log = get_logger(__name__)


def column(table: Any, name: str) -> Any:
    """A column as one array; an all-null string column when the table lacks it."""
    if name in table.column_names:
        return table.column(name).combine_chunks()
    return pa.nulls(table.num_rows, pa.string())


def normalised_identities(table: Any) -> tuple[dict[str, Any], int]:
    """Normalised value per token column (strings, null where unknown), before hashing; also
    the number of rows with initials but no given name."""
    names = normalise_names(column(table, "voornamen"), column(table, "tussenvoegsel"),
                            column(table, "achternaam"))
    dates = birth_date_forms(column(table, "geboortedatum"))
    first, last = names.voornaam, names.achternaam
    year_month, month_day, year_day = date_part_pairs(dates.digits)
    postcode = normalise_postcode(blank_to_null(column(table, "postcode")))
    values = {
        "voornaam_token": names.voornaam,
        "initiaal_token": names.initiaal,
        "achternaam_token": names.achternaam,
        "achternaam2_token": names.achternaam2,
        "achternaam_fonetisch_token": names.fonetisch,
        "geboortedatum_token": dates.full,
        "geboortejaar_token": dates.year,
        "geboortedatum_wissel_token": dates.swapped,
        "postcode_token": postcode,
        "huisnummer_token": normalise_house_number(column(table, "huisnummer"),
                                                   column(table, "huisnummer_toevoeging")),
        "naampaar_token": pc.if_else(
            pc.less_equal(first, last),
            pc.binary_join_element_wise(first, last, NAME_PAIR_SEPARATOR),
            pc.binary_join_element_wise(last, first, NAME_PAIR_SEPARATOR)),
        "voornamen_token": names.voornamen,
        "geboortejaarmaand_token": year_month,
        "geboortemaanddag_token": month_day,
        "geboortejaardag_token": year_day,
        "postcode4_token": pc.utf8_slice_codeunits(postcode, 0, 4),
        "voornaam_gedeeld_token": first,
        "achternaam_gedeeld_token": last,
        "namen": names.woorden,
    }
    return values, names.initials_only


def bloom_values(values: dict[str, Any], date_digits: Any) -> dict[str, Any]:
    """The normalised value each Bloom filter encodes, from :func:`normalised_identities`'s values
    (the date as its digits, ``BirthDateForms.digits``; 'ij' as 'y' in the surname)."""
    return {
        "voornaam": values["voornaam_token"],
        "achternaam": pc.replace_substring(values["achternaam_token"], "ij", "y"),
        "geboortedatum": date_digits,
        "postcode": values["postcode_token"],
        "namen": pc.replace_substring(values["namen"], "ij", "y"),
    }


def bloom_filters(key: PseudonymKey, inputs: dict[str, Any]) -> tuple[dict[str, Any], int, int]:
    """Every column of :data:`BLOOM_FIELDS` from :func:`bloom_values`; also the filters written and
    the distinct values encoded."""
    filters: dict[str, Any] = {}
    written = distinct = 0
    for column_name, (source, parts) in BLOOM_FIELDS.items():
        encoder = BloomEncoder(key.field_key(BLOOM_KEYS.get(column_name, column_name)), parts)
        filters[column_name], count = encoder.encode(inputs[source])
        written += int(len(filters[column_name]) - filters[column_name].null_count)
        distinct += count
    return filters, written, distinct


def tokenise_betrokkenen(
    table: Any, key: PseudonymKey, references: Any, *, bloom: bool = False
) -> tuple[dict[str, Any], TokenStats]:
    """All generated betrokkene columns (tokens, age class, Bloom filter) and the counts."""
    tokenisers = {name: key.tokeniser(name, MEMO_LIMIT if name in MEMO_FIELDS else 0)
                  for name in set(FIELD_KEYS.values())}
    generated: dict[str, Any] = {}
    distinct_total = 0
    with Stopwatch() as watch:
        bsn = normalise_bsn(column(table, "bsn"))
        values, initials_only = normalised_identities(table)
        adres = normalise_address(column(table, "postcode"), column(table, "huisnummer"),
                                  column(table, "huisnummer_toevoeging"),
                                  parts=(values["postcode_token"], values["huisnummer_token"]))
        values["bsn_token"] = bsn.values
        values["adres_token"] = adres.values
        for name, field in FIELD_KEYS.items():
            generated[name], distinct = tokenisers[field].tokens(values[name])
            distinct_total += distinct
    classes, unknown = age_class_codes(column(table, "geboortedatum"), references)
    generated["leeftijdsklasse"] = classes
    encodings = 0
    generated[BLOOM_FIELD] = pa.nulls(table.num_rows, pa.binary())
    if bloom:
        started = time.perf_counter()
        digits = birth_date_forms(column(table, "geboortedatum")).digits
        filters, encodings, distinct = bloom_filters(key, bloom_values(values, digits))
        generated.update(filters)
        log.info("bloomfilters_gemaakt", filters=encodings, distinct=distinct,
                 seconds=round(time.perf_counter() - started, 3))
    else:
        generated.update({name: pa.nulls(table.num_rows, pa.binary()) for name in BLOOM_FIELDS})
    column_tokens = {name: int(len(generated[name]) - generated[name].null_count)
                     for name in FIELD_KEYS}
    stats = TokenStats(
        rows=int(table.num_rows),
        bsn_tokens=bsn.valid, bsn_missing=bsn.missing, bsn_invalid=bsn.invalid,
        adres_tokens=adres.valid, adres_missing=adres.missing, adres_invalid=adres.invalid,
        leeftijd_onbekend=unknown, distinct_values=distinct_total, token_seconds=watch.seconds,
        column_tokens=column_tokens, initials_only=initials_only, bloom_encodings=encodings,
    )
    return generated, stats
