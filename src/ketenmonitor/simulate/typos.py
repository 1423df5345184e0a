# SPDX-License-Identifier: EUPL-1.2
"""Small string corruptions as people make them when typing names into a partner's system.

Each function takes the value and an integer seed (drawn by numpy), so the corruption is
reproducible without a per-record random generator.
"""

from __future__ import annotations

_NEIGHBOURS = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "wa", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}


def typo(value: str, seed: int) -> str:
    """One typing error: neighbouring key, dropped, doubled or swapped letter."""
    if len(value) < 3:
        return value
    position = 1 + seed % (len(value) - 2)  # keep the first letter, as people mostly do
    kind = (seed // 7) % 4
    char = value[position]
    if kind == 0 and char.lower() in _NEIGHBOURS:
        options = _NEIGHBOURS[char.lower()]
        new = options[(seed // 29) % len(options)]
        return value[:position] + (new.upper() if char.isupper() else new) + value[position + 1:]
    if kind == 1:
        return value[:position] + value[position + 1:]
    if kind == 2:
        return value[:position] + char + value[position:]
    nxt = value[position + 1] if position + 1 < len(value) else ""
    if nxt:
        return value[:position] + nxt + char + value[position + 2:]
    return value[:position] + value[position + 1:]


def initials(voornamen: str) -> str:
    """'Johannes Petrus' -> 'J.P.'"""
    return "".join(part[0].upper() + "." for part in voornamen.split() if part)


def abbreviate_tussenvoegsel(tussenvoegsel: str, variant: int) -> str:
    """'van der' -> 'vd' or 'v.d.'; other tussenvoegsels stay as they are."""
    words = tussenvoegsel.split()
    if len(words) == 2 and words[0] == "van" and words[1] in ("der", "den", "de"):
        return "vd" if variant == 0 else "v.d."
    return tussenvoegsel
