# SPDX-License-Identifier: EUPL-1.2
"""What a simulation run is asked to produce, and the region it is produced for.

``SimulationConfig`` is what the CLI and the demo pass in; ``RegionSetup`` turns it into the
gemeenten with their (scaled) population, PC4 ranges and relative melding levels.

Any Veilig Thuis region of ``codes/data/regios.csv`` can be simulated. Where the package has no
inhabitant figure or PC4 range for a gemeente (outside Haaglanden and Hollands Midden), the
simulator uses a placeholder: ``codes.SYNTHETIC_INHABITANTS`` inhabitants and a made-up block of
20 PC4 codes. Indicators use ``codes.population``, which refuses such a gemeente unless the run
is explicitly synthetic (``codes.synthetic_population``, as the demo does).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import structlog

from ketenmonitor.codes import (
    SYNTHETIC_INHABITANTS,
    all_gemeenten,
    gemeenten,
    has_population,
    population,
    postcode_ranges,
    region,
)
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.simulate import parameters as P

EPOCH = date(1970, 1, 1)
SYNTHETIC_PC4_START = 1000
SYNTHETIC_PC4_WIDTH = 20
log = structlog.get_logger(__name__)


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
    # Strength of the registration errors of issue 16 (names exchanged, digit typos, replaced
    # surnames, spaces and hyphens, roepnaam; ketenmonitor.simulate.registration_errors):
    # 0 = off (the default, so existing runs and snapshots stay the same), 1 = a realistic mix.
    registratiefouten: float = 0.0

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
        if not 0 <= self.registratiefouten <= 10:
            raise ConfigurationError(
                "simulatie_registratiefouten",
                _("De sterkte van de registratiefouten {sterkte} is ongeldig.").format(
                    sterkte=self.registratiefouten),
                _("Gebruik 0 (uit) tot en met 10; 1 is een realistische mix."),
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


def _synthetic_pc4(code: str) -> tuple[int, int]:
    """A made-up, stable PC4 block: the code's rank among all gemeenten times the block width,
    so blocks never overlap (about 400 codes x 20 fit between 1000 and 9999)."""
    rank = sorted(g.code for g in all_gemeenten()).index(code)
    low = SYNTHETIC_PC4_START + rank * SYNTHETIC_PC4_WIDTH
    return low, low + SYNTHETIC_PC4_WIDTH - 1


def region_setup(config: SimulationConfig) -> RegionSetup:
    found = sorted(gemeenten(config.regio, on=config.peil), key=lambda g: g.code)
    codes = tuple(g.code for g in found)
    placeholders = [c for c in codes if not has_population(c)]
    if placeholders:
        log.warning("simulation_placeholder_population", regio=config.regio,
                    gemeenten=len(placeholders), inwoners=SYNTHETIC_INHABITANTS)
    inhabitants = np.array(
        [population(c, config.peil) if has_population(c) else SYNTHETIC_INHABITANTS
         for c in codes], dtype=np.float64)
    inhabitants *= config.schaal
    factor = np.array([P.GEMEENTE_FACTOR.get(c, P.GEMEENTE_FACTOR_STANDAARD) for c in codes])
    factor = factor / (factor * inhabitants).sum() * inhabitants.sum()
    known = postcode_ranges()
    ranges = {c: known.get(c) or _synthetic_pc4(c) for c in codes}
    return RegionSetup(
        codes=codes,
        inhabitants=inhabitants,
        melding_factor=factor,
        pc4_low=np.array([ranges[c][0] for c in codes], dtype=np.int64),
        pc4_high=np.array([ranges[c][1] for c in codes], dtype=np.int64),
    )
