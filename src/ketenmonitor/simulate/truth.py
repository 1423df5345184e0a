# SPDX-License-Identifier: EUPL-1.2
"""Writes the ground truth next to (never into) the exports, and the run description.

``OUT/grondwaarheid`` holds who each betrokkene record really is (persoon_id, huishouden_id), the
true identities, every identity variant that occurs in an export (for scans that prove no plain
identifier reaches the warehouse or a publication) and the simulator's own eerdere-betrokkenheid
classification of every melding. ``OUT/simulatie.json`` records configuration, peildatum and counts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor import __version__
from ketenmonitor.core.periods import half_years
from ketenmonitor.simulate.calibration import eerdere_betrokkenheid_shares, yearly_rates
from ketenmonitor.simulate.config import day_number
from ketenmonitor.simulate.model import EB_GROUP, EERDERE_BETROKKENHEID, Simulation, blank
from ketenmonitor.simulate.noise import NO_DAY

ObjArray = npt.NDArray[np.object_]
IntArray = npt.NDArray[np.int64]


def _ids(prefix: str, values: IntArray) -> pa.Array:
    return pa.array([f"{prefix}{v:07d}" for v in values.tolist()], type=pa.string())


def _dates(days: IntArray) -> pa.Array:
    valid = days != NO_DAY
    return pa.array(np.where(valid, days, 0).astype(np.int32), type=pa.int32(),
                    mask=~valid).cast(pa.date32())


def _text(values: ObjArray) -> pa.Array:
    return pa.array(blank(values, values == ""), type=pa.string())


def _personen(sim: Simulation) -> pa.Table:
    persons = sim.persons
    store = sim.store
    peil = day_number(sim.config.peil)
    own = store.own_address[persons.hh, persons.slot]
    address = np.where(own >= 0, own, store.addresses.at(persons.hh,
                                                          np.full(persons.n, peil)))
    table = store.addresses.table()
    return pa.table({
        "persoon_id": _ids("P", np.arange(persons.n)),
        "huishouden_id": _ids("H", persons.hh),
        "bsn": _text(persons.bsn),
        "voornamen": _text(persons.voornamen),
        "tussenvoegsel": _text(persons.tussenvoegsel),
        "achternaam": _text(persons.achternaam),
        "geboortedatum": _dates(persons.dob),
        "geslacht": pa.array(np.where(persons.female, "V", "M"), type=pa.string()),
        "postcode": _text(table.postcode[address]),
        "huisnummer": pa.array(table.huisnummer[address].astype(str), type=pa.string()),
    })


def _betrokkenen(sim: Simulation) -> pa.Table:
    ids = {"veilig_thuis": sim.vt.ids, "politie": sim.politie.ids,
           "lokaal_team": sim.lokaal_team.ids, "mda": sim.mda.ids}
    if sim.vrouwenopvang is not None:
        ids["vrouwenopvang"] = sim.vrouwenopvang.ids
    ids.update({name: records.ids for name, records in sim.keten.items()})
    parts = []
    for partner, b in sim.betrokkenen.items():
        parts.append(pa.table({
            "partner_type": pa.array([partner] * b.person.size, type=pa.string()),
            "bron_id": pa.array(ids[partner][b.rows.event], type=pa.string()),
            "volgnummer": pa.array(b.rows.volgnummer, type=pa.int32()),
            "persoon_id": _ids("P", b.person),
            "huishouden_id": _ids("H", sim.persons.hh[b.person]),
        }))
    return pa.concat_tables(parts)


def _identiteiten(sim: Simulation) -> pa.Table:
    parts = []
    for b in sim.betrokkenen.values():
        i = b.identity
        parts.append(pa.table({
            "bsn": _text(i.bsn), "voornamen": _text(i.voornamen),
            "tussenvoegsel": _text(i.tussenvoegsel), "achternaam": _text(i.achternaam),
            "geboortedatum": _dates(i.geboortedatum), "postcode": _text(i.postcode),
            "huisnummer": _text(i.huisnummer),
        }))
    table = pa.concat_tables(parts)
    unique = table.group_by(table.column_names, use_threads=False).aggregate([])
    return unique.sort_by([(c, "ascending") for c in table.column_names])


def _eerdere_betrokkenheid(sim: Simulation) -> pa.Table:
    rows = np.flatnonzero(sim.vt.melding)
    eb = sim.vt.eb[rows]
    return pa.table({
        "bericht_id": pa.array(sim.vt.ids[rows], type=pa.string()),
        "casus_id": pa.array(sim.vt.casus_ids[rows], type=pa.string()),
        "eerdere_betrokkenheid": pa.array(np.array(EERDERE_BETROKKENHEID, dtype=object)[eb],
                                          type=pa.string()),
        "groep": pa.array(np.array(EB_GROUP, dtype=object)[eb], type=pa.string()),
    })


def write_truth(sim: Simulation, out: Path, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    folder = out / "grondwaarheid"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(_personen(sim), folder / "personen.parquet")
    pq.write_table(_betrokkenen(sim), folder / "betrokkenen.parquet")
    pq.write_table(_identiteiten(sim), folder / "identiteiten.parquet")
    pq.write_table(_eerdere_betrokkenheid(sim), folder / "eerdere_betrokkenheid.parquet")
    rows = sum(b.person.size for b in sim.betrokkenen.values())
    missing = sum(int((b.identity.bsn == "").sum()) for b in sim.betrokkenen.values())
    summary: dict[str, Any] = {
        "config": sim.config.as_dict(),
        "peildatum": sim.config.peil.isoformat(),
        "periodes": [p.code for p in half_years(sim.config.start, sim.config.peil)],
        "software_version": __version__,
        "inwoners": round(sim.region.total_inhabitants),
        "gemeenten": list(sim.region.codes),
        "aantallen": counts,
        "huishoudens": int(np.unique(sim.persons.hh).size),
        "personen": sim.persons.n,
        "grondwaarheid": {
            "eerdere_betrokkenheid_vanaf": sim.config.measure_from.isoformat(),
            "eerdere_betrokkenheid": eerdere_betrokkenheid_shares(sim),
            "eerdere_betrokkenheid_detail": eerdere_betrokkenheid_shares(sim, detail=True),
            "betrokkenen_zonder_bsn_procent": round(100 * missing / max(rows, 1), 2),
            "per_jaar": {str(k): v for k, v in yearly_rates(sim).items()},
        },
    }
    (out / "simulatie.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    return summary
