# SPDX-License-Identifier: EUPL-1.2
"""Addresses of households over time: postcode in the gemeente's PC4 range, moves, own addresses.

A household has an address history (it moves now and then, sometimes to another gemeente of the
region); every record shows the address valid on the record's date. Persons who live elsewhere
(an ex-partner, an adult child) have one address of their own.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import RegionSetup

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]

_LETTERS = np.array([a + b for a in string.ascii_uppercase for b in string.ascii_uppercase
                     if a + b not in ("SA", "SD", "SS")], dtype=object)
_TOEVOEGINGEN = np.array(["A", "B", "C", "1", "2", "3", "I", "II", "H", "bis"], dtype=object)
_KEY = 100_000  # > any day number in the simulated range


@dataclass
class AddressTable:
    gemeente: IntArray
    pc4: IntArray
    letters: ObjArray
    huisnummer: IntArray
    toevoeging: ObjArray  # '' when none

    @property
    def postcode(self) -> ObjArray:
        """Canonical form '2512AB'."""
        return np.asarray(self.pc4.astype(str).astype(object) + self.letters, dtype=object)


def draw_addresses(rng: np.random.Generator, region: RegionSetup, gm: IntArray) -> AddressTable:
    n = gm.size
    low, high = region.pc4_low[gm], region.pc4_high[gm]
    pc4 = low + (rng.random(n) * (high - low + 1)).astype(np.int64)
    number = np.clip(rng.lognormal(np.log(25), 1.0, n), 1, 400).astype(np.int64)
    toevoeging = np.where(rng.random(n) < 0.12,
                          _TOEVOEGINGEN[rng.integers(0, _TOEVOEGINGEN.size, n)], "")
    return AddressTable(gm, pc4, _LETTERS[rng.integers(0, _LETTERS.size, n)], number,
                        np.asarray(toevoeging, dtype=object))


@dataclass
class AddressBook:
    """All addresses; household addresses are looked up by (household, day)."""

    region: RegionSetup
    _owner: list[IntArray] = field(default_factory=list)
    _from: list[IntArray] = field(default_factory=list)
    _tables: list[AddressTable] = field(default_factory=list)
    _size: int = 0
    _cache: tuple[AddressTable, IntArray, IntArray] | None = None

    def _append(self, owner: IntArray, from_day: IntArray, table: AddressTable) -> IntArray:
        rows = np.arange(self._size, self._size + owner.size, dtype=np.int64)
        self._owner.append(owner)
        self._from.append(from_day)
        self._tables.append(table)
        self._size += owner.size
        self._cache = None
        return rows

    def add_households(self, rng: np.random.Generator, hh: IntArray, gm: IntArray,
                       first_day: IntArray, peil: int) -> None:
        """First address of each household plus its moves from a year before ``first_day``."""
        self._append(hh, np.zeros(hh.size, dtype=np.int64), draw_addresses(rng, self.region, gm))
        span = np.maximum(peil - (first_day - 365), 1)
        n_moves = rng.poisson(P.MOVES_PER_YEAR * span / 365.25)
        mover = np.repeat(np.arange(hh.size), n_moves)
        if mover.size == 0:
            return
        day = first_day[mover] - 365 + (rng.random(mover.size) * span[mover]).astype(np.int64)
        other = rng.random(mover.size) < P.MOVE_OTHER_GEMEENTE
        new_gm = np.where(other, rng.choice(len(self.region.codes), mover.size,
                                            p=self.region.weights), gm[mover])
        self._append(hh[mover], day, draw_addresses(rng, self.region, new_gm))

    def add_own(self, rng: np.random.Generator, gm: IntArray) -> IntArray:
        """Addresses of persons living elsewhere; returns their rows (never looked up by day)."""
        return self._append(np.full(gm.size, -1, dtype=np.int64),
                            np.zeros(gm.size, dtype=np.int64), draw_addresses(rng, self.region, gm))

    def table(self) -> AddressTable:
        return self._build()[0]

    def _build(self) -> tuple[AddressTable, IntArray, IntArray]:
        if self._cache is None:
            table = AddressTable(*(np.concatenate([getattr(t, f) for t in self._tables]) for f in
                                   ("gemeente", "pc4", "letters", "huisnummer", "toevoeging")))
            owner = np.concatenate(self._owner)
            keys = owner * _KEY + np.concatenate(self._from)
            households = owner >= 0
            rows = np.flatnonzero(households)
            order = np.argsort(keys[rows], kind="stable")
            self._cache = (table, keys[rows][order], rows[order])
        return self._cache

    def at(self, hh: IntArray, day: IntArray) -> IntArray:
        """Row of the address of household ``hh`` valid on ``day``."""
        _table, keys, rows = self._build()
        pos = np.searchsorted(keys, hh * _KEY + day, side="right") - 1
        return np.asarray(rows[pos], dtype=np.int64)

    def gemeente_at(self, hh: IntArray, day: IntArray) -> IntArray:
        return np.asarray(self.table().gemeente[self.at(hh, day)], dtype=np.int64)
