# SPDX-License-Identifier: EUPL-1.2
"""What a simulation run is asked to produce, and the region it is produced for.

``SimulationConfig`` is what the CLI and the demo pass in; ``RegionSetup`` turns it into the
gemeenten with their (scaled) population, PC4 ranges and relative melding levels.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from ketenmonitor.codes import gemeenten, population, postcode_ranges, region
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.simulate import parameters as P

EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01: the integer date representation used throughout the simulator."""
    return (day - EPOCH).days


@dataclass(frozen=True)
class SimulationConfig:
    regio: str = "haaglanden"
    van: int = 2017
    tot: int = 2025
    schaal: float = 1.0
    seed: int = 42
    peildatum: date | None = None

    def __post_init__(self) -> None:
        if self.van > self.tot:
            raise ConfigurationError(
                "simulatie_jaren",
                _("Het beginjaar {van} ligt na het eindjaar {tot}.").format(van=self.van,
                                                                           tot=self.tot),
                _("Geef met --van een jaar dat niet na --tot ligt."),
            )
        if not 0 < self.schaal <= 50:
            raise ConfigurationError(
                "simulatie_schaal",
                _("De schaal {schaal} is ongeldig.").format(schaal=self.schaal),
                _("Gebruik een schaal groter dan 0 en hoogstens 50 (1,0 = echte omvang)."),
            )
        last = date(self.tot, 12, 31)
        if self.peildatum is not None and not self.start <= self.peildatum <= last:
            raise ConfigurationError(
                "simulatie_peildatum",
                _("De peildatum {peil} valt buiten de gesimuleerde jaren {van}-{tot}.").format(
                    peil=self.peildatum.isoformat(), van=self.van, tot=self.tot),
                _("Kies een peildatum tussen 1 januari {van} en 31 december {tot}.").format(
                    van=self.van, tot=self.tot),
            )
        region(self.regio)  # raises ConfigurationError for an unknown region

    @property
    def start(self) -> date:
        return date(self.van, 1, 1)

    @property
    def peil(self) -> date:
        return self.peildatum or date(self.tot, 12, 31)

    @property
    def measure_from(self) -> date:
        """Start of the calibration window: the first two years serve as VT history."""
        return date(min(self.van + 2, self.peil.year), 1, 1)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["peildatum"] = self.peil.isoformat()
        return data


@dataclass(frozen=True)
class RegionSetup:
    codes: tuple[str, ...]
    inhabitants: npt.NDArray[np.float64]  # scaled
    melding_factor: npt.NDArray[np.float64]  # normalised: population-weighted mean 1
    pc4_low: npt.NDArray[np.int64]
    pc4_high: npt.NDArray[np.int64]

    @property
    def total_inhabitants(self) -> float:
        return float(self.inhabitants.sum())

    @property
    def weights(self) -> npt.NDArray[np.float64]:
        w = self.inhabitants / self.inhabitants.sum()
        return np.asarray(w, dtype=np.float64)

    @property
    def melding_weights(self) -> npt.NDArray[np.float64]:
        w = self.inhabitants * self.melding_factor
        return np.asarray(w / w.sum(), dtype=np.float64)


def region_setup(config: SimulationConfig) -> RegionSetup:
    found = sorted(gemeenten(config.regio, on=config.peil), key=lambda g: g.code)
    codes = tuple(g.code for g in found)
    inhabitants = np.array([population(c, config.peil) for c in codes], dtype=np.float64)
    inhabitants *= config.schaal
    factor = np.array([P.GEMEENTE_FACTOR.get(c, P.GEMEENTE_FACTOR_STANDAARD) for c in codes])
    factor = factor / (factor * inhabitants).sum() * inhabitants.sum()
    ranges = postcode_ranges()
    missing = [c for c in codes if c not in ranges]
    if missing:
        raise ConfigurationError(
            "postcodegebied_onbekend",
            _("Geen postcodegebied bekend voor gemeente(n) {codes}.").format(
                codes=", ".join(missing)),
            _("Voeg de PC4-reeks toe aan codes/data/postcodegebieden.csv."),
        )
    return RegionSetup(
        codes=codes,
        inhabitants=inhabitants,
        melding_factor=factor,
        pc4_low=np.array([ranges[c][0] for c in codes], dtype=np.int64),
        pc4_high=np.array([ranges[c][1] for c in codes], dtype=np.int64),
    )
