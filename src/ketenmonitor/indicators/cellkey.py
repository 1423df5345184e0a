# SPDX-License-Identifier: EUPL-1.2
"""The cell key method (ADR 0010, design b): consistent pseudo-random noise on every count.

As in the European census 2021 and ABS TableBuilder (Thompson, Broadfoot & Elazar 2013;
Giessing & Tent 2019), in three steps:

1. **Record keys.** Every record a count counts (a melding, traject, person, …) gets a key,
   uniform on ``[0, 2^32)``, from a keyed hash of its stable id (``record_key_sql``; SHA-256 of
   the secret and the id, computed in DuckDB by the compiler). The secret is derived from the
   region's key (``derive_secret``), never from public data: whoever could compute the record
   keys could compute the noise and subtract it.
2. **Cell keys.** A cell's key is the sum of the record keys of the records in it, mod 2^32
   (``compiler._key_aggregates``). The same records give the same cell key in every table and
   every run, so a count that several tables show, or that is requested again, gets the same
   noise: averaging repeated requests gains an attacker nothing.
3. **Perturbation table.** The cell key picks the noise from a zero-mean distribution on
   ``-D … D`` with variance ``V`` (``PTable``). Totals get their own noise from their own cell
   key, not the sum of the noised parts, so sums do not let an attacker peel off the noise.

Cells whose true count is below the threshold are still suppressed (the smallest cells); a true
0 stays 0. There is no secondary suppression: the noise is what protects the differences.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.disclosure import publishable
from ketenmonitor.indicators.model import IndicatorDefinitie
from ketenmonitor.indicators.periods import provisional_periods
from ketenmonitor.indicators.schema import PRIMAIR, RESULT_COLUMNS, RESULT_SCHEMA
from ketenmonitor.indicators.tables import CellTable

KEY_BITS = 32
MODULUS = 1 << KEY_BITS  # record and cell keys are integers mod 2^32: exact sums, no float drift
_HEX = re.compile(r"[0-9a-f]{32,}")
KEY_COLUMNS = ("celsleutel_teller", "celsleutel_noemer")


def derive_secret(key: bytes, purpose: bytes = b"ketenmonitor-celsleutel-v1") -> str:
    """The record-key secret from the region's key: HMAC, so the key itself never enters SQL."""
    return hmac.new(key, purpose, hashlib.sha256).hexdigest()


def record_key_sql(value_sql: str, secret: str) -> str:
    """SQL for the record key of ``value_sql``: the first 32 bits of SHA-256(secret | value).

    ``secret`` must be hex (``derive_secret``): it is written into the query text.
    """
    if not _HEX.fullmatch(secret):
        raise ValueError("the record-key secret must be at least 32 lowercase hex digits")
    return (
        f"CAST(('0x' || substr(sha256('{secret}|' || CAST({value_sql} AS VARCHAR)), 1, 8))"
        " AS UBIGINT)"
    )


def record_key(value: str, secret: str) -> int:
    """The record key of one id in Python (same as ``record_key_sql``; for tests and checks)."""
    return int(hashlib.sha256(f"{secret}|{value}".encode()).hexdigest()[:8], 16)


def cell_key(record_keys: Sequence[int]) -> int:
    """Sum of the record keys mod 2^32 (what the compiled query computes per cell)."""
    return sum(record_keys) % MODULUS


def _row(spread: int, variance: float) -> tuple[float, ...]:
    """Probabilities of -spread … spread: p(k) ∝ exp(-λk²), symmetric so the mean is 0, with λ
    chosen by bisection for the variance (uniform when the variance is out of reach)."""
    if spread == 0:
        return (1.0,)
    ks = range(-spread, spread + 1)

    def probs(lam: float) -> list[float]:
        weights = [math.exp(-lam * k * k) for k in ks]
        total = sum(weights)
        return [w / total for w in weights]

    def var(lam: float) -> float:
        return sum(p * k * k for p, k in zip(probs(lam), ks, strict=True))

    if variance >= var(0.0):
        return tuple(probs(0.0))
    lo, hi = 0.0, 50.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if var(mid) > variance else (lo, mid)
    return tuple(probs((lo + hi) / 2))


@dataclass(frozen=True)
class PTable:
    """Perturbation table: noise within ±``max_noise``, zero mean, variance ``variance``.

    A count ``n`` smaller than ``max_noise`` gets noise within ±n (never a negative count; a 0
    stays 0). ``bounds[d]`` are the cumulative thresholds on the cell key, as integers of 2^32,
    so the lookup is exact and the same on every machine.
    """

    max_noise: int
    variance: float

    def row(self, count: int) -> tuple[float, ...]:
        return _row(min(self.max_noise, max(count, 0)), self.variance)

    def bounds(self, count: int) -> tuple[int, ...]:
        cumulative, total = [], 0.0
        for p in self.row(count):
            total += p
            cumulative.append(min(MODULUS, round(total * MODULUS)))
        cumulative[-1] = MODULUS
        return tuple(cumulative)

    def noise(self, count: int, key: int) -> int:
        """The noise for a cell with true ``count`` and cell key ``key`` (0 ≤ key < 2^32)."""
        bounds = _bounds(self, min(self.max_noise, max(count, 0)))
        spread = (len(bounds) - 1) // 2
        for k, bound in enumerate(bounds):
            if key < bound:
                return k - spread
        return spread


_BOUNDS: dict[tuple[int, float, int], tuple[int, ...]] = {}


def _bounds(table: PTable, spread: int) -> tuple[int, ...]:
    cache_key = (table.max_noise, table.variance, spread)
    if cache_key not in _BOUNDS:
        _BOUNDS[cache_key] = table.bounds(spread)
    return _BOUNDS[cache_key]


def compute_with_cell_keys(
    con: duckdb.DuckDBPyConnection,
    region: str,
    periods: Sequence[Period],
    catalogue: Catalogue,
    secret: str,
) -> tuple[dict[str, pa.Table], dict[str, pa.Table]]:
    """Unrounded results (as ``compute_all``) and per indicator the cell keys of each row."""
    results: dict[str, pa.Table] = {}
    keys: dict[str, pa.Table] = {}
    for defn in catalogue.values():
        table = con.sql(compile_indicator(defn, region, periods, secret)).to_arrow_table()
        results[defn.id] = table.select(list(RESULT_COLUMNS)).cast(RESULT_SCHEMA)
        keys[defn.id] = table.select(list(KEY_COLUMNS))
    return results, keys


def _primary(cells: CellTable, defn: IndicatorDefinitie, threshold: int) -> list[str | None]:
    """Only the smallest cells: true teller (or counted noemer) below the threshold."""
    limit = threshold * defn.drempel_factor
    counted_noemer = not defn.eenheid.is_rate
    return [
        PRIMAIR
        if cells.teller[i] < limit
        or (counted_noemer and (cells.noemer[i] or 0) < limit)
        or cells.waarde[i] is None
        else None
        for i in range(len(cells))
    ]


def perturb_table(
    table: pa.Table, keys: pa.Table, defn: IndicatorDefinitie, ptable: PTable
) -> pa.Table:
    """The unrounded table with noised counts (inhabitants, the noemer of rates, stay exact).

    A noised teller is capped at its noised noemer so no share exceeds 100 %.
    """
    teller = table.column("teller").to_pylist()
    noemer = table.column("noemer").to_pylist()
    kt = keys.column("celsleutel_teller").to_pylist()
    kn = keys.column("celsleutel_noemer").to_pylist()
    new_t = [t + ptable.noise(t, k) for t, k in zip(teller, kt, strict=True)]
    new_n = noemer
    if not defn.eenheid.is_rate:
        new_n = [
            None if n is None else n + ptable.noise(n, k) for n, k in zip(noemer, kn, strict=True)
        ]
        new_t = [t if n is None else min(t, n) for t, n in zip(new_t, new_n, strict=True)]
    table = table.set_column(
        table.schema.get_field_index("teller"), "teller", pa.array(new_t, pa.int64())
    )
    return table.set_column(
        table.schema.get_field_index("noemer"), "noemer", pa.array(new_n, pa.int64())
    )


def disclose_cell_key(
    results: Mapping[str, pa.Table],
    keys: Mapping[str, pa.Table],
    peildatum: date,
    catalogue: Catalogue,
    ptable: PTable,
    threshold: int,
) -> tuple[dict[str, pa.Table], dict[str, list[str | None]]]:
    """Published tables (contract E columns) under design (b), and the internal status per row.

    Counts are shown noised and unrounded (``publishable`` with rounding base 1); values,
    intervals and trends follow from the noised counts only.
    """
    codes = sorted({p for t in results.values() for p in t.column("periode").to_pylist()})
    provisional: Collection[str] = {
        p.code for p in provisional_periods([Period.parse(c) for c in codes], peildatum)
    }
    published: dict[str, pa.Table] = {}
    statuses: dict[str, list[str | None]] = {}
    for ind, table in results.items():
        defn = catalogue[ind]
        status = _primary(CellTable.from_arrow(table), defn, threshold)
        noised = perturb_table(table, keys[ind], defn, ptable)
        published[ind] = publishable(
            noised, CellTable.from_arrow(noised), status, defn, provisional, 1
        )
        statuses[ind] = status
    return published, statuses
