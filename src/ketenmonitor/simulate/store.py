# SPDX-License-Identifier: EUPL-1.2
"""The growing set of simulated households: type, chronicity, members and addresses.

Households are created in batches by the different processes (melding episodes, adviezen, police,
local teams); each batch gets its members and address history at once, so every later step can
look up who lives where on a given day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate.addresses import AddressBook
from ketenmonitor.simulate.config import RegionSetup
from ketenmonitor.simulate.households import N_SLOTS, Composition, compose, direct_mask

IntArray = npt.NDArray[np.int64]


@dataclass
class HouseholdStore:
    region: RegionSetup
    peil: int
    addresses: AddressBook = field(init=False)
    _types: list[IntArray] = field(default_factory=list)
    _chron: list[IntArray] = field(default_factory=list)
    _first: list[IntArray] = field(default_factory=list)
    _comp: list[Composition] = field(default_factory=list)
    _own: list[IntArray] = field(default_factory=list)
    _n: int = 0
    _cache: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.addresses = AddressBook(self.region)

    @property
    def n(self) -> int:
        return self._n

    def add(self, rng: np.random.Generator, types: IntArray, chron: IntArray, gm: IntArray,
            first_day: IntArray) -> IntArray:
        """Create households; returns their indices."""
        index = np.arange(self._n, self._n + types.size, dtype=np.int64)
        comp = compose(rng, types, first_day)
        self.addresses.add_households(rng, index, gm, first_day, self.peil)
        own = np.full((types.size, N_SLOTS), -1, dtype=np.int64)
        hh_i, slot_i = np.nonzero(comp.elsewhere)
        if hh_i.size:
            same = rng.random(hh_i.size) < 0.6
            own_gm = np.where(same, gm[hh_i], rng.choice(len(self.region.codes), hh_i.size,
                                                         p=self.region.weights))
            own[hh_i, slot_i] = self.addresses.add_own(rng, own_gm)
        self._types.append(types.astype(np.int64))
        self._chron.append(chron.astype(np.int64))
        self._first.append(first_day.astype(np.int64))
        self._comp.append(comp)
        self._own.append(own)
        self._n += types.size
        self._cache.clear()
        return index

    def _get(self, name: str) -> object:
        if name not in self._cache:
            if name == "composition":
                self._cache[name] = Composition.concat(self._comp)
            elif name == "direct":
                self._cache[name] = direct_mask(self.composition)
            else:
                self._cache[name] = np.concatenate(getattr(self, "_" + name))
        return self._cache[name]

    @property
    def types(self) -> IntArray:
        return cast(IntArray, self._get("types"))

    @property
    def chronicity(self) -> IntArray:
        return cast(IntArray, self._get("chron"))

    @property
    def first_day(self) -> IntArray:
        return cast(IntArray, self._get("first"))

    @property
    def own_address(self) -> IntArray:
        return cast(IntArray, self._get("own"))

    @property
    def composition(self) -> Composition:
        return cast(Composition, self._get("composition"))

    @property
    def direct(self) -> IntArray:
        """Bit mask of directly involved slots per household."""
        return cast(IntArray, self._get("direct"))
