# SPDX-License-Identifier: EUPL-1.2
"""Figures of the simulated region computed from its own in-memory model (not from the pipeline).

These are the simulator's ground truth for calibration: the CBS shares of *eerdere betrokkenheid*
as the Veilig Thuis handling loop assigned them, and the yearly volumes per 1,000 inhabitants. The
product's derive stage computes the same shares from the deliveries; comparing both shows what
pseudonymisation and linkage cost.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.config import day_number
from ketenmonitor.simulate.dates import year_of
from ketenmonitor.simulate.model import EB_GROUP, EERDERE_BETROKKENHEID, Simulation
from ketenmonitor.simulate.vt_content import AARD_BIT, ORG_INDEX


def _measured(sim: Simulation) -> npt.NDArray[np.bool_]:
    return np.asarray(sim.vt.melding & (sim.vt.day >= day_number(sim.config.measure_from)))


def eerdere_betrokkenheid_shares(sim: Simulation, detail: bool = False) -> dict[str, float]:
    """Share (%) of meldingen per group (or per code) from ``config.measure_from`` on."""
    rows = _measured(sim)
    names = EERDERE_BETROKKENHEID if detail else EB_GROUP
    counts = Counter(names[i] for i in sim.vt.eb[rows].tolist())
    total = sum(counts.values()) or 1
    order = dict.fromkeys(names)
    return {k: round(100 * counts.get(k, 0) / total, 2) for k in order}


def _rate(per: int, count: int, inhabitants: float) -> float:
    return round(float(per * count / inhabitants), 2)


def yearly_rates(sim: Simulation) -> dict[int, dict[str, float]]:
    """Meldingen and adviezen per 1,000 inhabitants and huisverboden per 10,000, per full year."""
    inhabitants = sim.region.total_inhabitants
    years = year_of(sim.vt.day)
    hv_years = year_of(sim.politie.hv_day[sim.politie.huisverbod])
    result: dict[int, dict[str, float]] = {}
    for year in range(sim.config.van, sim.config.peil.year + 1):
        in_year = years == year
        result[year] = {
            "meldingen_per_1000": _rate(1000, (in_year & sim.vt.melding).sum(), inhabitants),
            "adviezen_per_1000": _rate(1000, (in_year & ~sim.vt.melding).sum(), inhabitants),
            "huisverboden_per_10000": _rate(10_000, (hv_years == year).sum(), inhabitants),
        }
    return result


def melding_mix(sim: Simulation) -> dict[str, float]:
    """Shares (%) of meldingen: justitie en veiligheid, politie, and the main aard categories."""
    vt = sim.vt
    rows = vt.melding
    n = max(int(rows.sum()), 1)
    jv = np.isin(vt.org[rows], [ORG_INDEX[c] for c in P.MELDER_ORGS if c.startswith("JV_")])
    mix = {
        "justitie_en_veiligheid": 100 * jv.sum() / n,
        "politie": 100 * (vt.org[rows] == ORG_INDEX["JV_POLITIE"]).sum() / n,
    }
    for code in ("KINDERMISHANDELING", "PARTNERGEWELD", "GEWELD_TEGEN_OUDERS",
                 "OUDERENMISHANDELING"):
        mix[code.lower()] = 100 * ((vt.aard[rows] & AARD_BIT[code]) != 0).sum() / n
    return {k: round(float(v), 2) for k, v in mix.items()}
