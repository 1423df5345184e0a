# SPDX-License-Identifier: EUPL-1.2
"""MDA++ casussen: the most severe, structurally unsafe Veilig Thuis casussen (about 1-2%).

Casussen with acute and structural unsafety in chronic households are far more likely to be
brought to the MDA++ table a few weeks after the veiligheidsbeoordeling; the approach then runs
for six to eighteen months.
"""

from __future__ import annotations

import numpy as np

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.betrokkenen import INCLUSION, inclusion_mask
from ketenmonitor.simulate.config import SimulationConfig, day_number
from ketenmonitor.simulate.dates import numbered
from ketenmonitor.simulate.model import NULL, MdaCasussen, VtBerichten, blank
from ketenmonitor.simulate.store import HouseholdStore


def mda_casussen(rng: np.random.Generator, config: SimulationConfig, store: HouseholdStore,
                 vt: VtBerichten) -> MdaCasussen:
    peil = day_number(config.peil)
    # a casus registered beside an open one (EB-2) is the same family's casus: not counted again
    casus = vt.opens & ~vt.separate
    openers = np.flatnonzero(casus & (vt.vb_day != NULL))
    weight = (0.1 + 2.0 * (vt.acute[openers] == 1) + 2.0 * (vt.structureel[openers] == 1)
              + 3.0 * (vt.acute[openers] == 1) * (vt.structureel[openers] == 1)
              + store.chronicity[vt.hh[openers]]) ** 2
    target = P.MDA_SHARE_OF_CASUS * np.count_nonzero(casus)
    p = np.minimum(1.0, target * weight / max(float(weight.sum()), 1e-9))
    chosen = openers[rng.random(openers.size) < p]
    aanmelding = vt.vb_day[chosen] + rng.integers(14, 61, chosen.size)
    ok = aanmelding <= peil
    chosen, aanmelding = chosen[ok], aanmelding[ok]
    order = np.argsort(aanmelding, kind="stable")
    chosen, aanmelding = chosen[order], aanmelding[order]
    n = chosen.size
    hh = vt.hh[chosen]
    start = np.where(rng.random(n) < 0.95, aanmelding + rng.integers(7, 36, n), NULL)
    start = np.where(start > peil, NULL, start)
    einde = np.where(start != NULL, start + rng.integers(180, 541, n), NULL)
    einde = np.where(einde > peil, NULL, einde)
    codes, shares = P.MDA_UITKOMST
    uitkomst = np.array(codes, dtype=object)[rng.choice(len(codes), n, p=shares)]
    return MdaCasussen(
        hh=hh, gm=store.addresses.gemeente_at(hh, aanmelding), aanmelding=aanmelding,
        start=start, einde=einde,
        uitkomst=blank(uitkomst, einde == NULL), via_vt=chosen,
        mask=inclusion_mask(rng, store.composition, hh, aanmelding, INCLUSION["mda"]),
        ids=numbered("MDA", aanmelding, width=4),
    )
