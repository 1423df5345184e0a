# SPDX-License-Identifier: EUPL-1.2
"""What an advies or melding says: melder (organisation, rol), aard, aanvullende informatie, duur.

Melder shares follow the national figures; organisations that only see children (school,
kinderopvang, leerplicht, jeugdzorg) are not drawn for households without children, and their share
is moved to the households with children so that the totals stay national. Aard follows the
household type (multi-valued, as a bit mask over ``parameters.AARD``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

AARD_BIT = {code: 1 << i for i, code in enumerate(P.AARD)}
ORG_INDEX = {code: i for i, code in enumerate(P.MELDER_ORGS)}
ROL_INDEX = {code: i for i, code in enumerate(P.MELDER_ROLLEN)}


def categorical(rng: np.random.Generator, probs: FloatArray) -> IntArray:
    """One draw per row of a (n, k) matrix of probabilities."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(probs.shape[0]) * cum[:, -1]
    return np.asarray((cum < u[:, None]).sum(axis=1), dtype=np.int64)


def _split_shares(target: tuple[float, ...], childless_share: float,
                  sink: str) -> tuple[FloatArray, FloatArray]:
    total = np.array(target, dtype=np.float64) / sum(target)
    child_only = np.isin(np.array(P.MELDER_ORGS), P.CHILD_ONLY_ORGS)
    without = total.copy()
    without[ORG_INDEX[sink]] += without[child_only].sum()
    without[child_only] = 0.0
    if childless_share >= 1.0:
        return without, without
    with_children = (total - childless_share * without) / (1 - childless_share)
    with_children = np.clip(with_children, 0.0, None)
    return without, with_children / with_children.sum()


def draw_melder(rng: np.random.Generator, melding: BoolArray,
                has_children: BoolArray) -> tuple[IntArray, IntArray]:
    org = np.zeros(melding.size, dtype=np.int64)
    for is_melding, target, sink in ((True, P.MELDER_SHARES_MELDING, "JV_POLITIE"),
                                     (False, P.MELDER_SHARES_ADVIES, "NVT")):
        rows = melding == is_melding
        if not rows.any():
            continue
        kids = has_children[rows]
        without, with_kids = _split_shares(target, float((~kids).mean()), sink)
        probs = np.where(kids[:, None], with_kids[None, :], without[None, :])
        org[rows] = categorical(rng, probs)
    rol = np.zeros(melding.size, dtype=np.int64)
    for code, (rollen, shares) in P.ROL_GIVEN_ORG.items():
        rows = org == ORG_INDEX[code]
        choice = rng.choice(len(rollen), int(rows.sum()), p=shares)
        rol[rows] = np.array([ROL_INDEX[r] for r in rollen])[choice]
    return org, rol


def draw_aard(rng: np.random.Generator, types: IntArray, melding: BoolArray,
              has_children: BoolArray) -> tuple[IntArray, IntArray]:
    """Aard and aanvullende informatie as bit masks."""
    n = types.size
    u = rng.random((n, 5))
    bit = AARD_BIT
    primary = np.select(
        [types == P.GEZIN_PARTNER, types == P.GEZIN_KM, types == P.PAAR, types == P.OUDERS,
         types == P.OUDEREN, types == P.OVERIG],
        [bit["PARTNERGEWELD"], bit["KINDERMISHANDELING"], bit["PARTNERGEWELD"],
         bit["GEWELD_TEGEN_OUDERS"], bit["OUDERENMISHANDELING"], bit["HG_OVERIG"]],
        bit["ANDERE_PROBLEMATIEK"])
    km_extra = np.select([types == P.GEZIN_PARTNER, types == P.ZORGEN, types == P.OUDERS],
                         [0.55, 0.35, 0.1], 0.0) * has_children
    aard = primary | np.where(u[:, 0] < km_extra, bit["KINDERMISHANDELING"], 0)
    aard |= np.where((types == P.GEZIN_KM) & (u[:, 1] < 0.08), bit["PARTNERGEWELD"], 0)
    aard |= np.where(u[:, 2] < 0.12, bit["ANDERE_PROBLEMATIEK"], 0)
    aard |= np.where(u[:, 3] < 0.02, bit["HG_OVERIG"], 0)
    unknown = np.where(melding, 0.015, 0.04)
    no_violence = np.where(melding, 0.01, 0.03)
    aard = np.where(u[:, 4] < unknown, bit["ONBEKEND"], aard)
    none = (u[:, 4] >= unknown) & (u[:, 4] < unknown + no_violence)
    aard = np.where(none, bit["GEEN_HG_KM"], aard)
    extra = np.zeros(n, dtype=np.int64)
    for i, p in enumerate(P.AANVULLEND_PROB):
        extra |= np.where(rng.random(n) < p, 1 << i, 0)
    return aard.astype(np.int64), extra


def draw_duur(rng: np.random.Generator, repeat: BoolArray, year: IntArray,
              melding: BoolArray) -> IntArray:
    first = np.tile(np.array(P.DUUR_FIRST), (repeat.size, 1))
    # violence is reported sooner each year: long durations at first meldingen get rarer
    shrink = np.clip(1 - P.DUUR_SOONER_PER_YEAR * (year - 2019), 0.6, 1.2)[:, None]
    long_cols = [P.DUUR.index(c) for c in ("HALFJAAR_TOT_JAAR", "JAAR_TOT_5JAAR", "MEER_DAN_5JAAR")]
    short_cols = [P.DUUR.index(c) for c in ("MAX_1_WEEK", "WEEK_TOT_MAAND", "MAAND_TOT_HALFJAAR")]
    moved = first[:, long_cols] * (1 - shrink)
    first[:, long_cols] -= moved
    first[:, short_cols] += moved.sum(axis=1, keepdims=True) / len(short_cols)
    probs = np.where(repeat[:, None], np.array(P.DUUR_REPEAT)[None, :], first)
    duur = categorical(rng, probs)
    unknown_advies = ~melding & (rng.random(repeat.size) < 0.5)
    return np.where(unknown_advies, P.DUUR.index("ONBEKEND"), duur)
