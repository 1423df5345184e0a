# SPDX-License-Identifier: EUPL-1.2
"""The in-memory synthetic region: event tables per partner as numpy columns, plus ground truth.

Dates are day numbers (days since 1970-01-01); ``NULL`` (-1) marks an empty date or code. Code
columns hold indices into the code tuples of ``parameters``. Exports and ground-truth files are
written from these tables by ``exports`` and ``truth``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate.betrokkenen import BetrokkeneRows
from ketenmonitor.simulate.config import RegionSetup, SimulationConfig
from ketenmonitor.simulate.store import HouseholdStore

if TYPE_CHECKING:
    from ketenmonitor.simulate.jeugd_justitie import KetenRecords
    from ketenmonitor.simulate.vrouwenopvang import OpvangTrajecten

NULL = -1
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]

EERDERE_BETROKKENHEID = ("EERSTE", "HERMELDING_EEN", "HERMELDING_MEERDERE", "VERVOLG_TIJDENS_VB",
                         "VERVOLG_NA_VB", "VERVOLG_MONITORING", "NIET_INGEDEELD")
EB_GROUP = ("EERSTE_MELDING", "HERMELDING", "HERMELDING", "VERVOLGMELDING", "VERVOLGMELDING",
            "VERVOLGMELDING", "NIET_INGEDEELD")


def blank(values: npt.NDArray[Any], empty: BoolArray) -> ObjArray:
    """Copy of ``values`` as objects with None where ``empty``."""
    result = np.asarray(values, dtype=object).copy()
    result[empty] = None
    return result


def null_ints(n: int) -> IntArray:
    return np.full(n, NULL, dtype=np.int64)


@dataclass
class VtBerichten:
    melding: BoolArray
    day: IntArray
    hh: IntArray
    repeat: BoolArray  # household had an earlier episode (for duur)
    gm: IntArray = field(init=False)
    org: IntArray = field(init=False)
    rol: IntArray = field(init=False)
    aard: IntArray = field(init=False)  # bit mask over parameters.AARD
    aanvullend: IntArray = field(init=False)
    duur: IntArray = field(init=False)
    mask: IntArray = field(init=False)  # recorded household slots
    casus: IntArray = field(init=False)
    opens: BoolArray = field(init=False)
    opener: IntArray = field(init=False)  # row of the melding that opened this one's episode
    separate: BoolArray = field(init=False)  # own casus number beside an open casus (EB-2)
    eb: IntArray = field(init=False)  # ground truth: index into EERDERE_BETROKKENHEID
    vb_day: IntArray = field(init=False)
    uitkomst_vb: IntArray = field(init=False)
    acute: IntArray = field(init=False)  # -1 null, 0 nee, 1 ja
    structureel: IntArray = field(init=False)
    ond_start: IntArray = field(init=False)
    ond_end: IntArray = field(init=False)
    uitkomst_ond: IntArray = field(init=False)
    overdracht_org: IntArray = field(init=False)
    overdracht_day: IntArray = field(init=False)
    mon_start: IntArray = field(init=False)
    mon_end: IntArray = field(init=False)
    afsluiting: IntArray = field(init=False)
    ids: ObjArray = field(init=False)
    casus_ids: ObjArray = field(init=False)

    def __post_init__(self) -> None:
        n = self.day.size
        for name in ("gm", "org", "rol", "aard", "aanvullend", "duur", "mask", "casus", "opener", "eb",
                     "vb_day", "uitkomst_vb", "acute", "structureel", "ond_start", "ond_end",
                     "uitkomst_ond", "overdracht_org", "overdracht_day", "mon_start", "mon_end",
                     "afsluiting"):
            setattr(self, name, null_ints(n))
        self.opens = np.zeros(n, dtype=bool)
        self.separate = np.zeros(n, dtype=bool)
        self.ids = np.empty(n, dtype=object)
        self.casus_ids = np.full(n, None, dtype=object)

    @property
    def n(self) -> int:
        return int(self.day.size)


@dataclass
class Incidenten:
    day: IntArray
    hh: IntArray
    zorgmelding: BoolArray
    gm: IntArray
    huisverbod: BoolArray
    hv_day: IntArray
    hv_verlengd: IntArray  # -1 null, 0 nee, 1 ja
    mask: IntArray
    ids: ObjArray

    @property
    def n(self) -> int:
        return int(self.day.size)


@dataclass
class Trajecten:
    hh: IntArray
    gm: IntArray
    aanmelding: IntArray
    start: IntArray
    einde: IntArray
    verwijzer: ObjArray  # code strings
    contactpersoon: ObjArray
    sos_intake: IntArray
    sos_afsluiting: IntArray
    reden: ObjArray  # code strings or None
    uren: FloatArray  # nan when empty
    via_vt: IntArray  # index of the VT bericht that handed over, or NULL
    mask: IntArray
    ids: ObjArray

    @property
    def n(self) -> int:
        return int(self.hh.size)


@dataclass
class MdaCasussen:
    hh: IntArray
    gm: IntArray
    aanmelding: IntArray
    start: IntArray
    einde: IntArray
    uitkomst: ObjArray  # code strings or None
    via_vt: IntArray  # the VT melding that opened the casus brought to MDA++
    mask: IntArray
    ids: ObjArray

    @property
    def n(self) -> int:
        return int(self.hh.size)


@dataclass
class Persons:
    """True identities, one row per (household, slot) that occurs in any record."""

    hh: IntArray
    slot: IntArray
    bsn: ObjArray
    voornamen: ObjArray
    tussenvoegsel: ObjArray
    achternaam: ObjArray
    dob: IntArray
    female: BoolArray
    index: IntArray  # (households, 7) -> person row or NULL

    @property
    def n(self) -> int:
        return int(self.hh.size)


@dataclass
class WrittenIdentity:
    """Identity of a betrokkene as one partner wrote it (after noise); '' means empty."""

    bsn: ObjArray
    voornamen: ObjArray
    tussenvoegsel: ObjArray
    achternaam: ObjArray
    geboortedatum: IntArray  # day number as written (maybe day/month swapped); noise.NO_DAY = empty
    geslacht: ObjArray  # code M/V/O
    postcode: ObjArray
    huisnummer: ObjArray
    toevoeging: ObjArray


@dataclass
class PartnerBetrokkenen:
    rows: BetrokkeneRows
    person: IntArray
    event_day: IntArray
    identity: WrittenIdentity


@dataclass
class Simulation:
    config: SimulationConfig
    region: RegionSetup
    store: HouseholdStore
    vt: VtBerichten
    politie: Incidenten
    lokaal_team: Trajecten
    mda: MdaCasussen
    persons: Persons
    betrokkenen: dict[str, PartnerBetrokkenen]
    timings: dict[str, float] = field(default_factory=dict)
    # the shelter (own random stream, see simulate.vrouwenopvang); None in a run without it
    vrouwenopvang: OpvangTrajecten | None = None
    # Raad voor de Kinderbescherming, jeugdbescherming, reclassering (simulate.jeugd_justitie)
    keten: dict[str, KetenRecords] = field(default_factory=dict)
