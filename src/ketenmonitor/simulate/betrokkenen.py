# SPDX-License-Identifier: EUPL-1.2
"""Which household members a partner records with an event, in which role and order.

Partners do not always record everybody: the police often leave children out, an advies names
fewer people than a melding. Each event gets a bit mask of included slots; ``explode`` turns the
masks into betrokkene rows numbered 1, 2, ... (victims first, then perpetrators, children, others).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate.households import N_SLOTS, NO_ROLE, SLOT_A, Composition

IntArray = npt.NDArray[np.int64]

# probability that a person in a role is recorded: (slachtoffer, pleger, kind, overig)
INCLUSION = {
    "vt_melding": (0.98, 0.92, 0.85, 0.4),
    "vt_advies": (0.9, 0.65, 0.7, 0.2),
    "politie": (0.97, 0.93, 0.5, 0.25),
    "lokaal_team": (1.0, 0.85, 1.0, 0.8),
    "mda": (1.0, 1.0, 1.0, 0.9),
}
_BITS = 1 << np.arange(N_SLOTS, dtype=np.int64)


def inclusion_mask(rng: np.random.Generator, comp: Composition, hh: IntArray, day: IntArray,
                   probs: tuple[float, float, float, float] | IntArray) -> IntArray:
    """Bit mask of recorded slots per event (household ``hh`` on ``day``)."""
    role = comp.role[hh]
    alive = comp.exists[hh] & (comp.dob[hh] <= day[:, None])
    table = np.asarray(probs, dtype=np.float64)
    if table.ndim == 1:
        p = np.where(role >= 0, table[np.clip(role, 0, 3)], 0.0)
    else:
        p = np.where(role >= 0, np.take_along_axis(table, np.clip(role, 0, 3), axis=1), 0.0)
    included = alive & (rng.random(role.shape) < p)
    mask = np.asarray(included @ _BITS, dtype=np.int64)
    return np.where(mask == 0, 1 << SLOT_A, mask)


@dataclass
class BetrokkeneRows:
    event: IntArray  # index into the partner's event table
    slot: IntArray
    role: IntArray
    volgnummer: IntArray


def explode(mask: IntArray, hh: IntArray, comp: Composition) -> BetrokkeneRows:
    included = (mask[:, None] & _BITS[None, :]) != 0
    event, slot = np.nonzero(included)
    role = comp.role[hh[event], slot].astype(np.int64)
    role = np.where(role == NO_ROLE, 3, role)
    order = np.lexsort((slot, role, event))
    event, slot, role = event[order], slot[order], role[order]
    starts = np.r_[0, np.flatnonzero(event[1:] != event[:-1]) + 1]
    first_of_event = np.repeat(starts, np.diff(np.r_[starts, event.size]))
    volgnummer = np.arange(event.size) - first_of_event + 1
    return BetrokkeneRows(event.astype(np.int64), slot.astype(np.int64), role, volgnummer)
