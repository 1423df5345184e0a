# SPDX-License-Identifier: EUPL-1.2
"""The women's shelter (vrouwenopvang): aanmeldingen, opnames, stays, vertrek and ambulante hulp.

Clients come from the simulated region's households: after an overdracht of Veilig Thuis to the
shelter its victim (slot A, a woman) is usually registered within a week, and the victim of
another melding about (ex-)partnergeweld sometimes a few days later, more often when the
situation was acutely unsafe; children under 18 usually come along. After an
aanmelding for opvang most are admitted (a third the same day, the rest after days to weeks),
stay weeks to months and leave with a reason and a destination; some return within a year. Other
aanmeldingen are for ambulante hulp without a stay.

Own random stream. Everything here draws from a generator seeded with the simulation seed plus
the label ``vrouwenopvang`` and never from the simulation's generator, so adding the shelter
leaves every other partner's export byte for byte as it was (a test holds this). For the same
reason the shelter registers only persons that already occur in another partner's records:
children no other partner ever recorded are counted in ``aantal_kinderen`` but get no row.

All rates below are assumptions of this project (ADR 0026), of the right order of magnitude for
a Dutch region, not calibrated on published figures: DOMAIN.md holds no shelter figures.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.betrokkenen import BetrokkeneRows, explode
from ketenmonitor.simulate.config import SimulationConfig, day_number
from ketenmonitor.simulate.dates import numbered
from ketenmonitor.simulate.households import CHILD_SLOTS, SLACHTOFFER, SLOT_A
from ketenmonitor.simulate.model import NULL, PartnerBetrokkenen, Persons, VtBerichten, blank
from ketenmonitor.simulate.noise import NoiseProfile
from ketenmonitor.simulate.persons import written_rows
from ketenmonitor.simulate.store import HouseholdStore

EPOCH = date(1970, 1, 1)
IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]

LABEL = "vrouwenopvang"
SOORT_HULP = ("OPVANG", "AMBULANT")
OPVANGVORM = (("CRISISOPVANG", "REGULIERE_OPVANG", "SPECIALISTISCHE_OPVANG", "BEGELEID_WONEN"),
              (0.35, 0.5, 0.1, 0.05))
REDEN_VERTREK = ("DOELEN_BEREIKT", "OVERGEPLAATST", "EIGEN_INITIATIEF", "UITGEPLAATST", "OVERIG")
REDEN_SHARES = (0.45, 0.15, 0.25, 0.05, 0.10)
BESTEMMING = ("ZELFSTANDIG", "FAMILIE_VRIENDEN", "TERUG_NAAR_PARTNER", "ANDERE_OPVANG", "ONBEKEND")
# destination by reason of leaving (rows follow REDEN_VERTREK, columns BESTEMMING)
BESTEMMING_BY_REDEN = np.array([
    [0.70, 0.15, 0.05, 0.05, 0.05],
    [0.05, 0.05, 0.00, 0.85, 0.05],
    [0.15, 0.30, 0.35, 0.05, 0.15],
    [0.10, 0.30, 0.20, 0.20, 0.20],
    [0.25, 0.25, 0.15, 0.15, 0.20],
])

AFTER_OVERDRACHT = 0.8  # of overdrachten by Veilig Thuis to the shelter (female victim known)
AANMELDING_SHARE = 0.12  # of meldingen about partnergeweld with a female victim (before weights)
ACUTE_WEIGHT = 2.5  # relative chance after acute onveiligheid
AMBULANT_SHARE = 0.35  # of aanmeldingen: ambulante hulp without a stay
NOT_ADMITTED = 0.15  # aanmeldingen for opvang that never lead to an opname
SAME_DAY = 0.3  # of opnames: the day of aanmelding (crisis)
WAIT_MEDIAN_DAYS, WAIT_SIGMA = 12.0, 0.9
STAY_MEDIAN_DAYS, STAY_SIGMA = 70.0, 0.8  # weeks to months; capped at 18 months
AMBULANT_MEDIAN_DAYS = 120.0
CHILDREN_ALONG = 0.85  # the children under 18 come along (all or none)
RETURN_SHARE = 0.12  # leave and are registered again, 1-18 months later
VO_PROFILE = NoiseProfile(bsn_missing=(0.05, 0.05, 0.12, 0.1), first_name_only=0.2,
                          name_typo=0.02, postcode_style="spatie", address_missing=0.2)


@dataclass
class OpvangTrajecten:
    hh: IntArray
    gm: IntArray
    aanmelding: IntArray
    ambulant: BoolArray
    opvangvorm: ObjArray
    opname: IntArray
    vertrek: IntArray
    reden: ObjArray
    bestemming: ObjArray
    start_ambulant: IntArray
    einde_ambulant: IntArray
    kinderen: IntArray
    mask: IntArray
    readmission: BoolArray  # ground truth: an earlier stay of the same client ended < 1 year ago
    ids: ObjArray

    @property
    def n(self) -> int:
        return int(self.hh.size)


def stream(seed: int, label: str = LABEL) -> np.random.Generator:
    """A late partner's own generator: the simulation seed plus the partner label."""
    return np.random.default_rng([seed, zlib.crc32(label.encode("ascii"))])


def _pick(rng: np.random.Generator, codes: tuple[str, ...], p: tuple[float, ...] | npt.NDArray[
        np.float64], n: int) -> ObjArray:
    return np.array(codes, dtype=object)[rng.choice(len(codes), n, p=p)]


def _clients(rng: np.random.Generator, store: HouseholdStore, vt: VtBerichten,
             persons: Persons) -> tuple[IntArray, IntArray]:
    """Households and days of first aanmeldingen: after an overdracht of Veilig Thuis to the
    shelter (most of them, within a week), and after other meldingen about partnergeweld."""
    comp = store.composition
    partner = (vt.aard & (1 << P.AARD.index("PARTNERGEWELD"))) != 0
    victim = (comp.role[vt.hh, SLOT_A] == SLACHTOFFER) & comp.female[vt.hh, SLOT_A]
    known = persons.index[vt.hh, SLOT_A] != NULL
    handed = (vt.overdracht_org == P.OVERDRACHT_ORGS.index("OPVANG")) & (vt.overdracht_day != NULL)
    over = np.flatnonzero(handed & victim & known)
    over = over[rng.random(over.size) < AFTER_OVERDRACHT]
    rows = np.flatnonzero(vt.melding & partner & victim & known & ~handed)
    weight = np.where(vt.acute[rows] == 1, ACUTE_WEIGHT, 1.0)
    chosen = rows[rng.random(rows.size) < np.minimum(1.0, AANMELDING_SHARE * weight)]
    return (np.r_[vt.hh[over], vt.hh[chosen]],
            np.r_[vt.overdracht_day[over] + rng.integers(0, 8, over.size),
                  vt.day[chosen] + rng.integers(0, 15, chosen.size)])


def _returns(rng: np.random.Generator, hh: IntArray, vertrek: IntArray) -> tuple[IntArray,
                                                                               IntArray]:
    back = np.flatnonzero((vertrek != NULL) & (rng.random(hh.size) < RETURN_SHARE))
    return hh[back], vertrek[back] + rng.integers(30, 541, back.size)


def _stays(rng: np.random.Generator, n: int, aanmelding: IntArray,
           ambulant: BoolArray) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Opname and vertrek (NULL without opname), and indices of reason and destination."""
    admitted = ~ambulant & (rng.random(n) >= NOT_ADMITTED)
    wait = np.where(rng.random(n) < SAME_DAY, 0,
                    np.round(rng.lognormal(np.log(WAIT_MEDIAN_DAYS), WAIT_SIGMA, n)))
    opname = np.where(admitted, aanmelding + wait.astype(np.int64), NULL)
    stay = np.clip(np.round(rng.lognormal(np.log(STAY_MEDIAN_DAYS), STAY_SIGMA, n)), 1, 540)
    vertrek = np.where(admitted, opname + stay.astype(np.int64), NULL)
    reden_i = rng.choice(len(REDEN_VERTREK), n, p=REDEN_SHARES)
    cum = BESTEMMING_BY_REDEN[reden_i].cumsum(axis=1)
    best_i = np.minimum((rng.random(n)[:, None] > cum).sum(axis=1), len(BESTEMMING) - 1)
    return opname, vertrek, reden_i.astype(np.int64), best_i.astype(np.int64)


def readmissions(client: IntArray, opname: IntArray, vertrek: IntArray) -> BoolArray:
    """Per row: an opname of a client who left an earlier stay at most 12 calendar months
    before (a vertrek on the same date one year earlier still counts)."""
    out = np.zeros(client.size, dtype=bool)
    left: dict[int, list[date]] = {}
    for i in np.lexsort((opname, client)).tolist():
        if opname[i] == NULL:
            continue
        day = EPOCH + timedelta(days=int(opname[i]))
        year_before = _minus_year(day)
        out[i] = any(year_before <= v <= day for v in left.get(int(client[i]), []))
        if vertrek[i] != NULL:
            left.setdefault(int(client[i]), []).append(EPOCH + timedelta(days=int(vertrek[i])))
    return out


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: the last day of February a year earlier
        return date(day.year - 1, 2, 28)


def _registrations(rng: np.random.Generator, store: HouseholdStore, vt: VtBerichten,
                   persons: Persons, peil: int) -> tuple[IntArray, ...]:
    """First aanmeldingen plus one round of returns (always for a stay), up to the peildatum,
    in order of aanmelding: household, aanmelding, ambulant (0/1), opname, vertrek and the
    indices of reason and destination."""
    hh, day = _clients(rng, store, vt, persons)
    ambulant = rng.random(hh.size) < AMBULANT_SHARE
    first = _stays(rng, hh.size, day, ambulant)
    r_hh, r_day = _returns(rng, hh, first[1])
    again = _stays(rng, r_hh.size, r_day, np.zeros(r_hh.size, dtype=bool))
    columns = [np.r_[hh, r_hh], np.r_[day, r_day],
               np.r_[ambulant, np.zeros(r_hh.size, dtype=bool)].astype(np.int64),
               *(np.r_[a, b] for a, b in zip(first, again, strict=True))]
    keep = np.flatnonzero(columns[1] <= peil)
    order = keep[np.argsort(columns[1][keep], kind="stable")]
    return tuple(c[order] for c in columns)


def _children(rng: np.random.Generator, store: HouseholdStore, persons: Persons, hh: IntArray,
              opname: IntArray) -> tuple[IntArray, IntArray]:
    """Number of children under 18 along with an opname (NULL without opname) and the bit mask
    of the betrokkenen the shelter records: the client and the children along it knows."""
    comp = store.composition
    slots = list(CHILD_SLOTS)
    dob = comp.dob[hh][:, slots]
    minors = comp.exists[hh][:, slots] & (dob <= opname[:, None]) & (
        dob > opname[:, None] - int(18 * 365.25))
    along = (rng.random(hh.size) < CHILDREN_ALONG) & (opname != NULL)
    kinderen = np.where(opname == NULL, NULL, np.where(along, minors.sum(axis=1), 0))
    recorded = minors & along[:, None] & (persons.index[hh][:, slots] != NULL)
    mask = (1 << SLOT_A) + (recorded.astype(np.int64) << np.array(slots)).sum(axis=1)
    return kinderen.astype(np.int64), mask.astype(np.int64)


def opvang_trajecten(rng: np.random.Generator, config: SimulationConfig, store: HouseholdStore,
                     vt: VtBerichten, persons: Persons) -> OpvangTrajecten:
    """All shelter trajectories up to the peildatum; dates after it stay empty."""
    peil = day_number(config.peil)
    hh, aanmelding, amb, opname, vertrek, reden_i, best_i = _registrations(
        rng, store, vt, persons, peil)
    ambulant = amb.astype(bool)
    m = hh.size
    start_amb = np.where(ambulant, aanmelding + rng.integers(0, 22, m), NULL)
    amb_len = np.round(rng.lognormal(np.log(AMBULANT_MEDIAN_DAYS), 0.6, m)).astype(np.int64)
    einde_amb = np.where(ambulant, start_amb + amb_len, NULL)
    opname = np.where(opname > peil, NULL, opname)
    vertrek = np.where((vertrek > peil) | (opname == NULL), NULL, vertrek)
    start_amb = np.where(start_amb > peil, NULL, start_amb)
    einde_amb = np.where((einde_amb > peil) | (start_amb == NULL), NULL, einde_amb)
    gone = vertrek == NULL
    vorm = blank(_pick(rng, *OPVANGVORM, m), ambulant)
    kinderen, mask = _children(rng, store, persons, hh, opname)
    return OpvangTrajecten(
        hh=hh, gm=store.addresses.gemeente_at(hh, aanmelding), aanmelding=aanmelding,
        ambulant=ambulant, opvangvorm=vorm, opname=opname, vertrek=vertrek,
        reden=blank(np.array(REDEN_VERTREK, dtype=object)[reden_i], gone),
        bestemming=blank(np.array(BESTEMMING, dtype=object)[best_i], gone),
        start_ambulant=start_amb, einde_ambulant=einde_amb, kinderen=kinderen, mask=mask,
        readmission=readmissions(hh, opname, vertrek), ids=numbered("VO", aanmelding, width=4),
    )


def written_betrokkenen(rng: np.random.Generator, profile: NoiseProfile, store: HouseholdStore,
                        persons: Persons, mask: IntArray, hh: IntArray,
                        day: IntArray) -> PartnerBetrokkenen:
    """The recorded persons (``mask``, all in ``persons``) of a late partner's records, written
    down with that partner's registration noise; the address is the one valid on ``day``."""
    rows: BetrokkeneRows = explode(mask, hh, store.composition)
    return written_rows(rng, profile, rows, hh, day, np.zeros(hh.size, dtype=bool), store,
                        persons)


def simulate_opvang(config: SimulationConfig, store: HouseholdStore, vt: VtBerichten,
                    persons: Persons) -> tuple[OpvangTrajecten, PartnerBetrokkenen]:
    """The shelter's trajectories and betrokkenen, from its own random stream only."""
    rng = stream(config.seed)
    t = opvang_trajecten(rng, config, store, vt, persons)
    return t, written_betrokkenen(rng, VO_PROFILE, store, persons, t.mask, t.hh, t.aanmelding)
