# SPDX-License-Identifier: EUPL-1.2
"""Raad voor de Kinderbescherming, gecertificeerde instelling (jeugdbescherming), reclassering.

Three small chains after Veilig Thuis and the police, each simulated like the shelter: after all
other partners, from a random stream of its own (seed plus partner label), recording only
persons that already occur in another partner's records, so no existing export changes.

- **Raad voor de Kinderbescherming**: a Veilig Thuis overdracht to the Raad starts an onderzoek
  1-4 weeks later about the children (mostly a beschermingsonderzoek), with an uitkomst after
  about three months.
- **Jeugdbescherming**: an onderzoek that ends with a verzoek for a maatregel, and a direct
  Veilig Thuis overdracht to a gecertificeerde instelling, usually lead to a maatregel (mostly
  an ondertoezichtstelling) for the children, of about a year.
- **Reclassering**: after a huisverbod, the perpetrator is sometimes supervised (toezicht on
  special conditions) or follows a gedragsinterventie, for about eight months.

All rates are assumptions of this project (ADR 0026), not calibrated on published figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import SimulationConfig, day_number
from ketenmonitor.simulate.dates import numbered
from ketenmonitor.simulate.households import CHILD_SLOTS, PLEGER, SLOT_A, SLOT_B
from ketenmonitor.simulate.model import (
    NULL,
    Incidenten,
    PartnerBetrokkenen,
    Persons,
    VtBerichten,
    blank,
)
from ketenmonitor.simulate.noise import NoiseProfile
from ketenmonitor.simulate.store import HouseholdStore
from ketenmonitor.simulate.vrouwenopvang import stream, written_betrokkenen

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
Shares = tuple[tuple[str, ...], tuple[float, ...]]

RK_SOORT: Shares = (("BESCHERMING", "GEZAG_OMGANG", "STRAF"), (0.85, 0.1, 0.05))
RK_UITKOMST: Shares = (("VERZOEK_MAATREGEL", "VRIJWILLIGE_HULP", "GEEN_ZORGEN", "ADVIES_RECHTER",
                        "OVERIG"), (0.45, 0.3, 0.1, 0.1, 0.05))
GI_MAATREGEL: Shares = (("VOORLOPIGE_OTS", "OTS", "OTS_UHP", "VOOGDIJ", "JEUGDRECLASSERING"),
                        (0.1, 0.6, 0.2, 0.05, 0.05))
GI_REDEN_EINDE: Shares = (("DOEL_BEREIKT", "NIET_VERLENGD", "OMGEZET", "MEERDERJARIG", "OVERIG"),
                          (0.5, 0.2, 0.1, 0.1, 0.1))
RC_SOORT: Shares = (("TOEZICHT", "INTERVENTIE"), (0.75, 0.25))
RC_KADER: Shares = (("SCHORSING", "VOORWAARDELIJKE_STRAF", "VOORWAARDELIJKE_INVRIJHEIDSTELLING",
                     "OVERIG"), (0.45, 0.4, 0.05, 0.1))
RC_AFLOOP: Shares = (("AFGEROND", "TERUGGEMELD", "VOORTIJDIG"), (0.65, 0.2, 0.15))
# per partner kind: the fields of its record number and of its end date
FIELDS = {"raad_kinderbescherming": ("onderzoek_id", "datum_uitkomst"),
          "jeugdbescherming": ("maatregel_id", "datum_einde"),
          "reclassering": ("traject_id", "datum_einde")}
MAATREGEL_AFTER_VERZOEK = 0.85
TOEZICHT_AFTER_HUISVERBOD = 0.3
PROFILE = NoiseProfile(bsn_missing=(0.02, 0.02, 0.02, 0.02), first_name_only=0.1,
                       name_typo=0.01, postcode_style="aaneen", address_missing=0.02)


@dataclass
class KetenRecords:
    """Records of one of the three partner kinds, with the persons they name."""

    partner: str
    record_type: str
    hh: IntArray
    gm: IntArray
    start: IntArray
    einde: IntArray
    codes: dict[str, ObjArray]  # code fields; the outcome field is empty while running
    ids: ObjArray
    betrokkenen: PartnerBetrokkenen | None = None

    @property
    def n(self) -> int:
        return int(self.hh.size)


def _pick(rng: np.random.Generator, shares: Shares, n: int) -> ObjArray:
    codes, p = shares
    return np.array(codes, dtype=object)[rng.choice(len(codes), n, p=p)]


def _children_mask(store: HouseholdStore, persons: Persons, hh: IntArray,
                   day: IntArray) -> IntArray:
    """The known children under 18 of each household; the first adult when there are none."""
    comp = store.composition
    slots = list(CHILD_SLOTS)
    dob = comp.dob[hh][:, slots]
    minor = comp.exists[hh][:, slots] & (dob <= day[:, None]) & (
        dob > day[:, None] - int(18 * 365.25)) & (persons.index[hh][:, slots] != NULL)
    mask = (minor.astype(np.int64) << np.array(slots)).sum(axis=1)
    return np.where(mask == 0, 1 << SLOT_A, mask).astype(np.int64)


def _finish(rng: np.random.Generator, partner: str, record_type: str, prefix: str,
            store: HouseholdStore, persons: Persons, peil: int, hh: IntArray, start: IntArray,
            median_days: float, codes: dict[str, ObjArray], outcome: tuple[str, Shares],
            mask: IntArray) -> KetenRecords:
    keep = start <= peil
    order = np.flatnonzero(keep)[np.argsort(start[keep], kind="stable")]
    hh, start, mask = hh[order], start[order], mask[order]
    n = hh.size
    einde = start + np.round(rng.lognormal(np.log(median_days), 0.5, n)).astype(np.int64)
    einde = np.where(einde > peil, NULL, einde)
    fields = {name: values[order] for name, values in codes.items()}
    fields[outcome[0]] = blank(_pick(rng, outcome[1], n), einde == NULL)
    records = KetenRecords(partner, record_type, hh, store.addresses.gemeente_at(hh, start),
                           start, einde, fields, numbered(prefix, start, width=5))
    records.betrokkenen = written_betrokkenen(rng, PROFILE, store, persons, mask, hh, start)
    return records


def raad(config: SimulationConfig, store: HouseholdStore, vt: VtBerichten,
         persons: Persons) -> KetenRecords:
    rng = stream(config.seed, "raad_kinderbescherming")
    org = P.OVERDRACHT_ORGS.index("RAAD_KINDERBESCHERMING")
    rows = np.flatnonzero((vt.overdracht_org == org) & (vt.overdracht_day != NULL))
    hh = vt.hh[rows]
    start = vt.overdracht_day[rows] + rng.integers(7, 29, rows.size)
    codes = {"soort_onderzoek": _pick(rng, RK_SOORT, rows.size)}
    return _finish(rng, "raad_kinderbescherming", "rk_onderzoek", "RK", store, persons,
                   day_number(config.peil), hh, start, 90.0, codes, ("uitkomst", RK_UITKOMST),
                   _children_mask(store, persons, hh, start))


def jeugdbescherming(config: SimulationConfig, store: HouseholdStore, vt: VtBerichten,
                     persons: Persons, rk: KetenRecords) -> KetenRecords:
    rng = stream(config.seed, "jeugdbescherming")
    verzoek = np.flatnonzero((rk.codes["uitkomst"] == "VERZOEK_MAATREGEL")
                             & (rng.random(rk.n) < MAATREGEL_AFTER_VERZOEK))
    org = P.OVERDRACHT_ORGS.index("GECERTIFICEERDE_INSTELLING")
    direct = np.flatnonzero((vt.overdracht_org == org) & (vt.overdracht_day != NULL))
    hh = np.r_[rk.hh[verzoek], vt.hh[direct]]
    start = np.r_[rk.einde[verzoek] + rng.integers(14, 61, verzoek.size),
                  vt.overdracht_day[direct] + rng.integers(3, 22, direct.size)]
    codes = {"soort_maatregel": _pick(rng, GI_MAATREGEL, hh.size)}
    return _finish(rng, "jeugdbescherming", "gi_maatregel", "GI", store, persons,
                   day_number(config.peil), hh, start, 365.0, codes,
                   ("reden_einde", GI_REDEN_EINDE), _children_mask(store, persons, hh, start))


def reclassering(config: SimulationConfig, store: HouseholdStore, politie: Incidenten,
                 persons: Persons) -> KetenRecords:
    rng = stream(config.seed, "reclassering")
    comp = store.composition
    pleger = (comp.role[politie.hh, SLOT_B] == PLEGER) & (persons.index[politie.hh, SLOT_B] != NULL)
    rows = np.flatnonzero(politie.huisverbod & pleger
                          & (rng.random(politie.n) < TOEZICHT_AFTER_HUISVERBOD))
    hh = politie.hh[rows]
    start = politie.hv_day[rows] + rng.integers(30, 121, rows.size)
    codes = {"soort": _pick(rng, RC_SOORT, rows.size), "kader": _pick(rng, RC_KADER, rows.size)}
    return _finish(rng, "reclassering", "rc_traject", "RC", store, persons,
                   day_number(config.peil), hh, start, 240.0, codes, ("afloop", RC_AFLOOP),
                   np.full(rows.size, 1 << SLOT_B, dtype=np.int64))


def simulate_keten(config: SimulationConfig, store: HouseholdStore, vt: VtBerichten,
                   politie: Incidenten, persons: Persons) -> dict[str, KetenRecords]:
    """The three partner kinds, each from its own random stream."""
    rk = raad(config, store, vt, persons)
    return {
        "raad_kinderbescherming": rk,
        "jeugdbescherming": jeugdbescherming(config, store, vt, persons, rk),
        "reclassering": reclassering(config, store, politie, persons),
    }
