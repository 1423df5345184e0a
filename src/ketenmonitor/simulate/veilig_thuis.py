# SPDX-License-Identifier: EUPL-1.2
"""Veilig Thuis: adviezen and meldingen, and how VT handles each casus.

A melding for a household without an open casus opens one: veiligheidsbeoordeling (about 65%
within 5 working days), outcome, veiligheidstaxatie, onderzoek, overdracht, monitoring, closure.
A melding while the casus is open joins it (vervolgmelding) and gets no handling of its own.
The loop also records the ground-truth *eerdere betrokkenheid* under the CBS rules: casus open ->
vervolgmelding by phase; else a directly involved person in an earlier (closed) casus ->
hermelding; else 1e melding. Dates after the peildatum are left empty.

VT's registration also produces the boundary situations of the CBS rules (EB-2 … EB-8 in
docs/afleidingen.md), at the synthetic rates of :mod:`parameters`, with a generator of their own
so that the rest of the simulation does not change: a melding during an open casus registered
under a new casus number (closed with the open casus; truth: vervolgmelding, EB-2); the old
casus closed on the day of a new melding (truth: hermelding, EB-3); a reopened casus number
(truth: hermelding, EB-4); the afsluiting carried by a later melding of the casus in a later
half-year (EB-8, see :func:`vt_registration.move_late_afsluiting`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.betrokkenen import INCLUSION, inclusion_mask
from ketenmonitor.simulate.dates import add_working_days, numbered, year_of
from ketenmonitor.simulate.model import NULL, VtBerichten
from ketenmonitor.simulate.store import HouseholdStore
from ketenmonitor.simulate.vt_content import categorical, draw_aard, draw_duur, draw_melder
from ketenmonitor.simulate.vt_registration import move_late_afsluiting

IntArray = npt.NDArray[np.int64]
EERSTE, HER_EEN, HER_MEER, V_VB, V_NA_VB, V_MON, NIET_INGEDEELD = range(7)
VERVOLG_VT, OVERDRACHT, GEEN_VERVOLG, MAATWERK, NOG_NIET = range(5)


def assemble(rng: np.random.Generator, store: HouseholdStore, melding_hh: IntArray,
             melding_day: IntArray, repeat: npt.NDArray[np.bool_], advies_hh: IntArray,
             advies_day: IntArray) -> VtBerichten:
    melding = np.r_[np.ones(melding_hh.size, bool), np.zeros(advies_hh.size, bool)]
    hh = np.r_[melding_hh, advies_hh]
    day = np.r_[melding_day, advies_day]
    order = np.lexsort((hh, day))
    b = VtBerichten(melding=melding[order], day=day[order], hh=hh[order],
                    repeat=np.r_[repeat, np.zeros(advies_hh.size, bool)][order])
    comp = store.composition
    kids = comp.has_children[b.hh]
    types = store.types[b.hh]
    b.gm = store.addresses.gemeente_at(b.hh, b.day)
    b.org, b.rol = draw_melder(rng, b.melding, kids)
    b.aard, b.aanvullend = draw_aard(rng, types, b.melding, kids)
    b.duur = draw_duur(rng, b.repeat, year_of(b.day), b.melding)
    probs = np.where(b.melding[:, None], np.array(INCLUSION["vt_melding"])[None, :],
                     np.array(INCLUSION["vt_advies"])[None, :])
    b.mask = inclusion_mask(rng, comp, b.hh, b.day, probs)
    b.ids = numbered("VT", b.day)
    return b


def _predraw(rng: np.random.Generator, day: IntArray, kids: npt.NDArray[np.bool_],
             chron: IntArray) -> dict[str, IntArray]:
    """Handling of every melding as if it opened a casus (only openers keep it)."""
    n = day.size
    on_time = rng.random(n) < P.VB_ON_TIME_SHARE
    wd_values, wd_p = P.VB_ON_TIME_WORKDAYS
    late = 6 + np.minimum(rng.lognormal(np.log(P.VB_LATE_MEDIAN_EXTRA), 0.8, n), 120).astype(int)
    wd = np.where(on_time, rng.choice(np.array(wd_values), n, p=wd_p), late)
    vb = add_working_days(day, wd.astype(np.int64))
    out = rng.choice(4, n, p=P.UITKOMST_VB_SHARES)
    acute = (rng.random(n) < np.array(P.ACUTE_PROB)[out]).astype(np.int64)
    struct_p = np.array(P.STRUCTUREEL_PROB)[out] + np.where(chron == 2, 0.1, 0.0)
    structureel = (rng.random(n) < struct_p).astype(np.int64)

    onderzoek = (out == VERVOLG_VT) & (rng.random(n) < P.ONDERZOEK_PROB)
    ond_start = vb + rng.integers(1, 11, n)
    ond_end = ond_start + np.round(rng.lognormal(np.log(55), 0.35, n)).astype(np.int64)
    uitkomst_ond = rng.choice(len(P.UITKOMST_ONDERZOEK), n, p=P.UITKOMST_ONDERZOEK_SHARES)
    phase_end = np.where(onderzoek, ond_end, vb + rng.integers(20, 91, n))

    overdracht = (out == OVERDRACHT) | ((out == VERVOLG_VT)
                                        & (rng.random(n) < P.OVERDRACHT_AFTER_VERVOLG))
    o_day = np.where(out == OVERDRACHT, vb, phase_end) + rng.integers(0, 15, n)
    youth = np.isin(np.array(P.OVERDRACHT_ORGS), P.YOUTH_OVERDRACHT)
    shares = np.array(P.OVERDRACHT_SHARES)
    no_youth = np.where(youth, 0.0, shares)
    org = categorical(rng, np.where(kids[:, None], shares[None, :], no_youth[None, :]))

    monitor = np.where(out == OVERDRACHT, rng.random(n) < P.MONITORING_AFTER_OVERDRACHT,
                       (out == VERVOLG_VT) & (rng.random(n) < P.MONITORING_AFTER_VERVOLG))
    m_start = np.where(overdracht, o_day, phase_end)
    m_end = m_start + np.where(out == OVERDRACHT, rng.integers(60, 181, n),
                               rng.integers(90, 271, n))
    close = np.select(
        [monitor, out == OVERDRACHT, out == VERVOLG_VT, out == GEEN_VERVOLG],
        [m_end, o_day + rng.integers(0, 8, n), np.where(overdracht, o_day, phase_end)
         + rng.integers(0, 15, n), vb + rng.integers(0, 8, n)],
        vb + rng.integers(30, 121, n))
    return {
        "vb_day": vb, "uitkomst_vb": out, "acute": acute, "structureel": structureel,
        "ond_start": np.where(onderzoek, ond_start, NULL),
        "ond_end": np.where(onderzoek, ond_end, NULL),
        "uitkomst_ond": np.where(onderzoek, uitkomst_ond, NULL),
        "overdracht_org": np.where(overdracht, org, NULL),
        "overdracht_day": np.where(overdracht, o_day, NULL),
        "mon_start": np.where(monitor, m_start, NULL), "mon_end": np.where(monitor, m_end, NULL),
        "afsluiting": close,
    }


def handle(rng: np.random.Generator, b: VtBerichten, store: HouseholdStore, peil: int) -> None:
    """Casus, handling fields and ground-truth eerdere betrokkenheid of every melding."""
    rows = np.flatnonzero(b.melding)
    rows = rows[np.lexsort((b.day[rows], b.hh[rows]))]
    hh = b.hh[rows]
    plan = _predraw(rng, b.day[rows], store.composition.has_children[hh], store.chronicity[hh])
    seed_seq = rng.bit_generator.seed_seq
    assert isinstance(seed_seq, np.random.SeedSequence)  # default_rng always has one
    boundary = np.random.default_rng(seed_seq.spawn(1)[0])  # leaves rng's own stream untouched
    draws = boundary.random(rows.size).tolist()
    direct = store.direct[hh] & b.mask[rows]
    casus = np.full(rows.size, NULL, dtype=np.int64)
    eb = np.full(rows.size, NULL, dtype=np.int64)
    opens = np.zeros(rows.size, dtype=bool)
    separate = np.zeros(rows.size, dtype=bool)
    opener = np.full(rows.size, NULL, dtype=np.int64)  # position of the episode's opener
    days, hhs, masks = b.day[rows].tolist(), hh.tolist(), direct.tolist()
    closes, vbs = plan["afsluiting"].tolist(), plan["vb_day"].tolist()
    m_starts, m_ends = plan["mon_start"].tolist(), plan["mon_end"].tolist()
    cur_h, close, vb, m_start, m_end = -1, 0, 0, NULL, NULL
    known = casus_mask = current = n_casus = first = 0
    for i in range(rows.size):
        h, d, m, u = hhs[i], days[i], masks[i], draws[i]
        if h != cur_h:
            cur_h, known, casus_mask, close = h, 0, 0, -1
        if d <= close:
            phase = V_VB if d <= vb else (V_MON if m_start != NULL and m_start <= d <= m_end
                                          else V_NA_VB)
            if u < P.SEPARATE_CASUS_SHARE and d < close:  # own number, closed with the open one
                # person-based (EB-2): a vervolgmelding only if a person is in the open casus
                eb[i] = phase if m & casus_mask else _opening_class(m, known)
                casus[i], opens[i], opener[i], separate[i] = n_casus, True, i, True
                n_casus += 1
                _separate_casus(plan, i, close)
            else:
                eb[i], casus[i], opener[i] = phase, current, first
            casus_mask |= m
            continue
        known |= casus_mask
        casus_mask = m
        eb[i] = _opening_class(m, known)
        if close >= 0 and u < P.REOPEN_SHARE:
            casus[i] = current  # the old casus number, reopened
        else:
            if close >= 0 and u < P.REOPEN_SHARE + P.SAME_DAY_CLOSE_SHARE \
                    and d - close <= P.SAME_DAY_CLOSE_MAX_GAP:
                plan["afsluiting"][first] = d  # VT closed the old casus when this one came in
            current, n_casus = n_casus, n_casus + 1
            casus[i] = current
        opens[i], opener[i], first = True, i, i
        close, vb, m_start, m_end = closes[i], vbs[i], m_starts[i], m_ends[i]
    b.casus[rows], b.eb[rows], b.opens[rows], b.separate[rows] = casus, eb, opens, separate
    _store_handling(b, rows, opens, plan, peil)
    b.opener[rows] = rows[opener]
    move_late_afsluiting(boundary, b, rows)
    opener_of = np.full(n_casus, NULL, dtype=np.int64)
    opener_of[casus[opens]] = rows[opens]
    casus_ids = numbered("C", b.day[opener_of], width=5)
    b.casus_ids[rows] = casus_ids[casus]


def _opening_class(persons: int, known: int) -> int:
    """Class of a melding that opens a casus while none of its persons is in an open one."""
    overlap = (persons & known).bit_count()
    return NIET_INGEDEELD if persons == 0 else (EERSTE if overlap == 0 else
                                                HER_EEN if overlap == 1 else HER_MEER)


def _separate_casus(plan: dict[str, IntArray], i: int, close: int) -> None:
    """A casus registered beside the open one: assessed no later than, and closed with, it."""
    plan["vb_day"][i] = min(int(plan["vb_day"][i]), close)
    plan["afsluiting"][i] = close
    for name in ("ond_start", "ond_end", "uitkomst_ond", "overdracht_org", "overdracht_day",
                 "mon_start", "mon_end"):
        plan[name][i] = NULL


def _store_handling(b: VtBerichten, rows: IntArray, opens: npt.NDArray[np.bool_],
                    plan: dict[str, IntArray], peil: int) -> None:
    target = rows[opens]
    chosen = {k: v[opens] for k, v in plan.items()}
    not_assessed = chosen["vb_day"] > peil
    for name in ("ond_start", "ond_end", "overdracht_day", "mon_start", "mon_end", "afsluiting"):
        chosen[name] = np.where(not_assessed | (chosen[name] > peil), NULL, chosen[name])
    chosen["uitkomst_ond"] = np.where(chosen["ond_end"] == NULL, NULL, chosen["uitkomst_ond"])
    chosen["ond_end"] = np.where(chosen["ond_start"] == NULL, NULL, chosen["ond_end"])
    chosen["overdracht_org"] = np.where(chosen["overdracht_day"] == NULL, NULL,
                                        chosen["overdracht_org"])
    chosen["mon_end"] = np.where(chosen["mon_start"] == NULL, NULL, chosen["mon_end"])
    chosen["uitkomst_vb"] = np.where(not_assessed, NOG_NIET, chosen["uitkomst_vb"])
    for name in ("vb_day", "acute", "structureel"):
        chosen[name] = np.where(not_assessed, NULL, chosen[name])
    for name, values in chosen.items():
        getattr(b, name)[target] = values
