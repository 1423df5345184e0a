# SPDX-License-Identifier: EUPL-1.2
"""Registration errors real partner systems have and the basic noise lacked (issue 16, point 5).

Given name and surname exchanged, a digit typo in postcode, house number or date of birth, a
replaced surname (marriage, divorce), an inserted space or hyphen in the surname, and the
roepnaam written instead of the official first names. They are applied after the partner's
habits (:mod:`ketenmonitor.simulate.noise`) and only change what the partner *writes*: the ground
truth (which person a record belongs to) is untouched.

Every rate defaults to 0 (``SimulationConfig.registratiefouten`` switches on the mix
:data:`REALISTIC`, scaled), and the errors draw from their own random stream (spawned from the
partner's seed sequence without consuming from it), so a simulation without these errors is
bit-for-bit the one before this module existed (no snapshot changes).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class RegistrationErrors:
    """Per-record rates of each error kind (0 = off)."""

    names_exchanged: float = 0.0
    postcode_digit: float = 0.0
    house_number_digit: float = 0.0
    date_digit: float = 0.0
    surname_replaced: float = 0.0
    surname_space_or_hyphen: float = 0.0
    roepnaam: float = 0.0

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) > 0 for f in fields(self))

    def scaled(self, strength: float) -> RegistrationErrors:
        """Every rate times ``strength`` (at most 1)."""
        return RegistrationErrors(**{f.name: min(1.0, getattr(self, f.name) * strength)
                                     for f in fields(self)})


# The mix at strength 1 (SimulationConfig.registratiefouten): per record, about what data-quality
# audits of municipal and police registrations describe as ordinary (a few per cent of records
# with one such error, the roepnaam more often); no real data was used.
REALISTIC = RegistrationErrors(names_exchanged=0.01, postcode_digit=0.01, house_number_digit=0.01,
                               date_digit=0.005, surname_replaced=0.005,
                               surname_space_or_hyphen=0.01, roepnaam=0.05)


def realistic(strength: float) -> RegistrationErrors:
    """The error rates at ``strength`` (0 = off, 1 = :data:`REALISTIC`)."""
    return REALISTIC.scaled(strength) if strength > 0 else RegistrationErrors()


def _digit_typo(text: str, seed: int) -> str:
    """One digit of ``text`` replaced by another digit (text without digits stays)."""
    places = [i for i, c in enumerate(text) if c.isdigit()]
    if not places:
        return text
    i = places[seed % len(places)]
    digit = (int(text[i]) + 1 + (seed // 7) % 9) % 10
    return text[:i] + str(digit) + text[i + 1:]


def _date_digit(day: int, seed: int) -> int:
    """The day number of a date with one digit of its ``jjjjmmdd`` form changed, if that gives
    a valid date; else the date one day later (also a one-digit change in most cases)."""
    date = np.datetime64("1970-01-01", "D") + np.timedelta64(day, "D")
    text = str(date).replace("-", "")
    changed = _digit_typo(text, seed)
    try:
        new = np.datetime64(f"{changed[:4]}-{changed[4:6]}-{changed[6:]}", "D")
    except ValueError:
        return day + 1
    return int((new - np.datetime64("1970-01-01", "D")).astype(np.int64))


def _space_or_hyphen(name: str, seed: int) -> str:
    if len(name) < 4:
        return name
    at = 2 + seed % (len(name) - 3)
    return name[:at] + (" " if seed % 2 else "-") + name[at:]


def apply_errors(rng: np.random.Generator, errors: RegistrationErrors, *, voornamen: ObjArray,
                 tussenvoegsel: ObjArray, achternaam: ObjArray, geboortedatum: IntArray,
                 postcode: ObjArray, huisnummer: ObjArray, surnames: ObjArray,
                 no_day: int) -> None:
    """Apply ``errors`` in place to the written columns of one partner's records. ``surnames``
    is the pool a replaced surname comes from; ``no_day`` marks an empty date."""
    n = voornamen.size
    u = rng.random((n, 7))
    seeds = rng.integers(0, 2**31, (n, 7))

    def each(column: ObjArray, rows: BoolArray, func: object, k: int) -> None:
        for i in np.flatnonzero(rows).tolist():
            if column[i]:
                column[i] = func(column[i], int(seeds[i, k]))  # type: ignore[operator]

    roep = (u[:, 6] < errors.roepnaam) & np.array([" " in str(v) for v in voornamen.tolist()])
    # the roepnaam: one of the official given names, here the second (first names 'Gerrit Jan'
    # but known as 'Jan')
    voornamen[roep] = [v.split(" ")[1] for v in voornamen[roep].tolist()]
    replaced = u[:, 4] < errors.surname_replaced
    if surnames.size and replaced.any():
        achternaam[replaced] = surnames[seeds[replaced, 4] % surnames.size]
        tussenvoegsel[replaced] = ""
    each(achternaam, u[:, 5] < errors.surname_space_or_hyphen, _space_or_hyphen, 5)
    swap = (u[:, 0] < errors.names_exchanged) & (voornamen != "") & (achternaam != "")
    first = voornamen[swap].copy()
    voornamen[swap] = achternaam[swap]
    achternaam[swap] = first
    tussenvoegsel[swap] = ""
    each(postcode, u[:, 1] < errors.postcode_digit, _digit_typo, 1)
    each(huisnummer, u[:, 2] < errors.house_number_digit, _digit_typo, 2)
    dated = (u[:, 3] < errors.date_digit) & (geboortedatum != no_day)
    for i in np.flatnonzero(dated).tolist():
        geboortedatum[i] = _date_digit(int(geboortedatum[i]), int(seeds[i, 3]))
