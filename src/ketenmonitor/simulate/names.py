# SPDX-License-Identifier: EUPL-1.2
"""Dutch identities in bulk: name pools built once from Faker ``nl_NL``, BSNs passing the elfproef.

Calling Faker per person is far too slow for a national-scale run, so the pools are read from
the ``nl_NL`` person provider once and then sampled with numpy. Surnames are split into
tussenvoegsel and achternaam ('van der' + 'Berg'), as Dutch registers keep them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from faker.providers.person.nl_NL import Provider as NlPersonProvider

ObjArray = npt.NDArray[np.object_]

TUSSENVOEGSELS = ("van der", "van den", "van de", "van 't", "van het", "in 't", "van", "de",
                  "den", "der", "ter", "ten", "te")
# Faker's list holds almost no 'ter'/'ten' names; these common ones complete the pattern.
EXTRA_SURNAMES = ("ter Horst", "ter Haar", "ten Brink", "ter Beek", "ten Hove", "ter Steege",
                  "ten Kate", "in 't Veld", "ter Laak", "ten Bosch", "ter Meulen", "ten Berge")
_PLAIN = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ]?[a-zà-ÿ]+)?$")


@dataclass(frozen=True)
class NamePools:
    male: ObjArray
    female: ObjArray
    tussenvoegsel: ObjArray  # '' when the surname has none
    achternaam: ObjArray


def split_surname(name: str) -> tuple[str, str] | None:
    """'van der Berg' -> ('van der', 'Berg'); None for names that are not plain Dutch surnames."""
    for prefix in TUSSENVOEGSELS:
        if name.startswith(prefix + " "):
            rest = name[len(prefix) + 1:]
            return (prefix, rest) if _PLAIN.match(rest) else None
    return ("", name) if _PLAIN.match(name) else None


@lru_cache(maxsize=1)
def name_pools() -> NamePools:
    surnames = [s for s in (split_surname(n) for n in (*NlPersonProvider.last_names,
                                                          *EXTRA_SURNAMES)) if s]
    return NamePools(
        male=np.array(list(NlPersonProvider.first_names_male), dtype=object),
        female=np.array(list(NlPersonProvider.first_names_female), dtype=object),
        tussenvoegsel=np.array([s[0] for s in surnames], dtype=object),
        achternaam=np.array([s[1] for s in surnames], dtype=object),
    )


def given_names(rng: np.random.Generator, female: npt.NDArray[np.bool_]) -> ObjArray:
    """One to three given names per person, like 'Johannes Petrus'."""
    pools = name_pools()
    n = female.size
    count = rng.choice(np.array([1, 2, 3]), size=n, p=[0.40, 0.45, 0.15])
    parts: list[ObjArray] = []
    for _k in range(3):
        male_pick = pools.male[rng.integers(0, pools.male.size, n)]
        female_pick = pools.female[rng.integers(0, pools.female.size, n)]
        parts.append(np.where(female, female_pick, male_pick))
    names = parts[0].copy()
    for k in (1, 2):
        more = count > k
        names[more] = names[more] + " " + parts[k][more]
    return names


def surnames(rng: np.random.Generator, n: int) -> tuple[ObjArray, ObjArray]:
    pools = name_pools()
    pick = rng.integers(0, pools.achternaam.size, n)
    return pools.tussenvoegsel[pick], pools.achternaam[pick]


_WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2], dtype=np.int64)


def elfproef(bsn: str) -> bool:
    """True when ``bsn`` is nine digits and passes the Dutch eleven test."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    digits = [int(c) for c in bsn]
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0


def make_bsns(rng: np.random.Generator, n: int) -> ObjArray:
    """``n`` distinct BSNs (nine-digit strings) that pass the elfproef, in random order."""
    found = np.empty(0, dtype=np.int64)
    while found.size < n:
        want = int((n - found.size) * 1.15) + 16
        digits = rng.integers(0, 10, size=(want, 8))
        digits[:, 0] = rng.integers(1, 8, size=want)
        check = (digits @ _WEIGHTS) % 11
        ok = check < 10
        numbers = digits[ok] @ (10 ** np.arange(8, 0, -1, dtype=np.int64)) + check[ok]
        found = np.unique(np.concatenate([found, numbers]))
    chosen = rng.permutation(found)[:n]
    return np.array([f"{x:09d}" for x in chosen.tolist()], dtype=object)
