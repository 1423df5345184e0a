# SPDX-License-Identifier: EUPL-1.2
"""How partners write a person down: missing BSNs, typos, name variants, swapped dates.

Each partner has its own habits (``PROFILES``): the police often record initials and leave out the
BSN of victims, Veilig Thuis adviezen often lack a BSN, local teams use the first given name.
Noise is drawn per record (seeded), so the same person can be written differently in two records
of one partner. This is what makes linkage on BSN alone lose records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate.model import Persons, WrittenIdentity
from ketenmonitor.simulate.names import split_surname
from ketenmonitor.simulate.registration_errors import RegistrationErrors, apply_errors, realistic
from ketenmonitor.simulate.typos import abbreviate_tussenvoegsel, initials, typo

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]
NO_DAY = -(2**62)  # written date of birth left empty


@dataclass(frozen=True)
class NoiseProfile:
    bsn_missing: tuple[float, float, float, float]  # per role: slachtoffer, pleger, kind, overig
    bsn_missing_advies: float = 0.0
    bsn_typo: float = 0.003
    initials: float = 0.0
    first_name_only: float = 0.05
    name_typo: float = 0.02
    tv_drop: float = 0.03
    tv_attach: float = 0.03
    tv_abbrev: float = 0.04
    tv_capital: float = 0.02
    double_part: float = 0.3
    dob_swap: float = 0.015
    dob_missing: float = 0.01
    dob_year: float = 0.003
    sex_unknown: float = 0.01
    address_missing: float = 0.02
    address_missing_advies: float = 0.0
    postcode_style: str = "aaneen"  # 'spatie' (2512 AB), 'aaneen' (2512AB), 'gemengd'
    # the error kinds of issue 16 (ketenmonitor.simulate.registration_errors); off by default
    errors: RegistrationErrors = field(default_factory=RegistrationErrors)


PROFILES = {
    "veilig_thuis": NoiseProfile(bsn_missing=(0.10, 0.10, 0.10, 0.10), bsn_missing_advies=0.40,
                                 initials=0.03, first_name_only=0.1, postcode_style="spatie",
                                 address_missing_advies=0.15),
    "politie": NoiseProfile(bsn_missing=(0.40, 0.18, 0.35, 0.30), initials=0.6,
                            first_name_only=0.1, name_typo=0.03, dob_swap=0.02, dob_missing=0.03,
                            address_missing=0.04),
    "lokaal_team": NoiseProfile(bsn_missing=(0.03, 0.03, 0.03, 0.03), first_name_only=0.3,
                                postcode_style="gemengd", address_missing=0.01),
    "mda": NoiseProfile(bsn_missing=(0.02, 0.02, 0.02, 0.02), first_name_only=0.05,
                        name_typo=0.01, address_missing=0.0),
}


def profile(partner: str, registration_errors: float = 0.0) -> NoiseProfile:
    """The partner's habits, with the registration errors of issue 16 at the given strength
    (0 = off: the profile as it is)."""
    base = PROFILES[partner]
    return replace(base, errors=realistic(registration_errors)) if registration_errors else base


def _apply(values: ObjArray, rows: BoolArray, func: object, rng: np.random.Generator) -> None:
    idx = np.flatnonzero(rows)
    if idx.size == 0:
        return
    seeds = rng.integers(0, 2**31, idx.size).tolist()
    values[idx] = [func(v, s) for v, s in zip(values[idx].tolist(), seeds, strict=True)]  # type: ignore[operator]


def _names(rng: np.random.Generator, prof: NoiseProfile, persons: Persons,
           p: IntArray) -> tuple[ObjArray, ObjArray, ObjArray]:
    n = p.size
    voornamen = persons.voornamen[p].copy()
    u = rng.random((n, 4))
    initial_rows = u[:, 0] < prof.initials
    voornamen[initial_rows] = [initials(v) for v in voornamen[initial_rows].tolist()]
    first_only = ~initial_rows & (u[:, 1] < prof.first_name_only)
    voornamen[first_only] = [v.split(" ")[0] for v in voornamen[first_only].tolist()]
    _apply(voornamen, ~initial_rows & (u[:, 2] < prof.name_typo), typo, rng)

    tv = persons.tussenvoegsel[p].copy()
    an = persons.achternaam[p].copy()
    v = rng.random(n)
    has_tv = tv != ""
    steps = np.cumsum([prof.tv_drop, prof.tv_attach, prof.tv_abbrev, prof.tv_capital])
    drop = has_tv & (v < steps[0])
    attach = has_tv & (v >= steps[0]) & (v < steps[1])
    abbrev = has_tv & (v >= steps[1]) & (v < steps[2])
    capital = has_tv & (v >= steps[2]) & (v < steps[3])
    an[attach] = tv[attach] + " " + an[attach]
    tv[drop | attach] = ""
    tv[abbrev] = [abbreviate_tussenvoegsel(t, s) for t, s in
                  zip(tv[abbrev].tolist(), rng.integers(0, 2, int(abbrev.sum())).tolist(),
                      strict=True)]
    tv[capital] = [t[:1].upper() + t[1:] for t in tv[capital].tolist()]

    double = np.array(["-" in a for a in an.tolist()], dtype=bool) & ~attach
    w = rng.random(n)
    first_part = double & (w < prof.double_part * 0.6)
    second_part = double & (w >= prof.double_part * 0.6) & (w < prof.double_part)
    spaced = double & (w >= prof.double_part) & (w < prof.double_part + 0.05)
    an[first_part] = [a.split("-", 1)[0] for a in an[first_part].tolist()]
    for i in np.flatnonzero(second_part).tolist():
        split = split_surname(an[i].split("-", 1)[1]) or ("", an[i].split("-", 1)[1])
        tv[i], an[i] = split
    an[spaced] = [a.replace("-", " ") for a in an[spaced].tolist()]
    _apply(an, u[:, 3] < prof.name_typo, typo, rng)
    return voornamen, tv, an


def _dob(rng: np.random.Generator, prof: NoiseProfile, dob: IntArray) -> IntArray:
    dates = np.datetime64("1970-01-01", "D") + dob.astype("timedelta64[D]")
    years = dates.astype("datetime64[Y]")
    months = dates.astype("datetime64[M]")
    month = (months - years).astype(np.int64) + 1
    day = (dates - months).astype(np.int64) + 1
    u = rng.random((dob.size, 3))
    swap = (u[:, 0] < prof.dob_swap) & (day <= 12) & (day != month)
    swapped = ((years + (day - 1).astype("timedelta64[M]")).astype("datetime64[D]")
               + (month - 1).astype("timedelta64[D]"))
    written = np.where(swap, (swapped - np.datetime64("1970-01-01", "D")).astype(np.int64), dob)
    year_typo = u[:, 1] < prof.dob_year
    written = np.where(year_typo, written + np.where(u[:, 2] < 0.5, -365, 365), written)
    return np.where(u[:, 2] < prof.dob_missing, NO_DAY, written)


def _postcode(rng: np.random.Generator, style: str, pc4: IntArray, letters: ObjArray) -> ObjArray:
    digits = pc4.astype(str).astype(object)
    spaced = np.asarray(digits + " " + letters, dtype=object)
    joined = np.asarray(digits + letters, dtype=object)
    if style == "spatie":
        return spaced
    if style == "aaneen":
        return joined
    lower = np.array([s.lower() for s in joined.tolist()], dtype=object)
    return np.asarray(np.where(rng.random(pc4.size) < 0.7, spaced, lower), dtype=object)


def write_identity(rng: np.random.Generator, prof: NoiseProfile, persons: Persons, p: IntArray,
                   role: IntArray, advies: BoolArray, pc4: IntArray, letters: ObjArray,
                   huisnummer: IntArray, toevoeging: ObjArray) -> WrittenIdentity:
    """The identity columns of betrokkene rows of persons ``p`` as this partner writes them."""
    n = p.size
    u = rng.random((n, 3))
    bsn = persons.bsn[p].copy()
    _apply(bsn, u[:, 1] < prof.bsn_typo, _bsn_typo, rng)
    missing_rate = np.where(advies, prof.bsn_missing_advies, np.array(prof.bsn_missing)[role])
    bsn[u[:, 0] < missing_rate] = ""
    voornamen, tv, an = _names(rng, prof, persons, p)
    geslacht = np.where(persons.female[p], "V", "M").astype(object)
    geslacht[rng.random(n) < prof.sex_unknown] = "O"
    no_address = u[:, 2] < np.where(advies, prof.address_missing_advies, prof.address_missing)
    postcode = _postcode(rng, prof.postcode_style, pc4, letters)
    number = huisnummer.astype(str).astype(object)
    toev = toevoeging.copy()
    for column in (postcode, number, toev):
        column[no_address] = ""
    dob = _dob(rng, prof, persons.dob[p])
    if prof.errors.active:  # own stream, spawned without drawing from rng (see the module)
        apply_errors(rng.spawn(1)[0], prof.errors, voornamen=voornamen, tussenvoegsel=tv,
                     achternaam=an, geboortedatum=dob, postcode=postcode, huisnummer=number,
                     surnames=persons.achternaam, no_day=NO_DAY)
    return WrittenIdentity(bsn=bsn, voornamen=voornamen, tussenvoegsel=tv, achternaam=an,
                           geboortedatum=dob,
                           geslacht=geslacht, postcode=postcode, huisnummer=number,
                           toevoeging=toev)


def _bsn_typo(bsn: str, seed: int) -> str:
    position = seed % 9
    digit = (int(bsn[position]) + 1 + (seed // 9) % 9) % 10
    return bsn[:position] + str(digit) + bsn[position + 1:]
