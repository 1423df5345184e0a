# SPDX-License-Identifier: EUPL-1.2
"""The simulated records as columns named after delivery fields, before a partner layout is applied.

Each column carries a *kind* (text, code, codes, date, bool, int, decimal, gemeente) that tells the
renderer how the partner system writes it. Dates use ``noise.NO_DAY`` for empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.households import ROLES, SLOT_B
from ketenmonitor.simulate.model import NULL, PartnerBetrokkenen, Simulation
from ketenmonitor.simulate.noise import NO_DAY

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]


@dataclass(frozen=True)
class Column:
    kind: str
    values: npt.NDArray[Any]


@dataclass(frozen=True)
class Records:
    """One record type of one partner: columns plus the day that decides the half-year."""

    record_type: str
    day: IntArray
    columns: dict[str, Column]

    @property
    def n(self) -> int:
        return int(self.day.size)


def _date(days: IntArray) -> Column:
    return Column("date", np.where(days == NULL, NO_DAY, days))


def _code(codes: tuple[str, ...], index: IntArray) -> Column:
    table = np.array([*codes, None], dtype=object)
    return Column("code", table[np.where(index == NULL, len(codes), index)])


def _codes(codes: tuple[str, ...], mask: IntArray,
           ex: npt.NDArray[np.bool_] | None = None) -> Column:
    """Bit masks to '|'-joined codes; PARTNERGEWELD becomes PARTNERGEWELD_EX for ex-partners."""
    key = mask * 2 + (ex.astype(np.int64) if ex is not None else 0)
    unique, inverse = np.unique(key, return_inverse=True)
    texts: list[str | None] = []
    for k in unique.tolist():
        parts = [c for i, c in enumerate(codes) if (k >> 1) & (1 << i)]
        if k & 1:
            parts = ["PARTNERGEWELD_EX" if c == "PARTNERGEWELD" else c for c in parts]
        texts.append("|".join(parts) or None)
    return Column("codes", np.array(texts, dtype=object)[inverse])


def _gemeente(sim: Simulation, index: IntArray) -> Column:
    return Column("gemeente", np.array(sim.region.codes, dtype=object)[index])


def _text(values: ObjArray) -> Column:
    return Column("text", np.asarray(values, dtype=object))


def vt_records(sim: Simulation) -> Records:
    vt = sim.vt
    ex = sim.store.composition.elsewhere[vt.hh, SLOT_B]
    cols = {
        "bericht_id": _text(vt.ids),
        "soort": Column("code", np.where(vt.melding, "MELDING", "ADVIES").astype(object)),
        "datum_ontvangst": _date(vt.day),
        "gemeente": _gemeente(sim, vt.gm),
        "melder_organisatie": _code(P.MELDER_ORGS, vt.org),
        "melder_rol": _code(P.MELDER_ROLLEN, vt.rol),
        "aard": _codes(P.AARD, vt.aard, ex),
        "aanvullende_informatie": _codes(P.AANVULLEND, vt.aanvullend),
        "duur_geweld": _code(P.DUUR, vt.duur),
        "casus_id": _text(vt.casus_ids),
        "datum_veiligheidsbeoordeling": _date(vt.vb_day),
        "uitkomst_veiligheidsbeoordeling": _code(P.UITKOMST_VB, vt.uitkomst_vb),
        "acute_onveiligheid": Column("bool", vt.acute),
        "structurele_onveiligheid": Column("bool", vt.structureel),
        "datum_onderzoek_start": _date(vt.ond_start),
        "datum_onderzoek_einde": _date(vt.ond_end),
        "uitkomst_onderzoek": _code(P.UITKOMST_ONDERZOEK, vt.uitkomst_ond),
        "overdracht_organisatie": _code(P.OVERDRACHT_ORGS, vt.overdracht_org),
        "datum_overdracht": _date(vt.overdracht_day),
        "datum_monitoring_start": _date(vt.mon_start),
        "datum_monitoring_einde": _date(vt.mon_end),
        "datum_afsluiting": _date(vt.afsluiting),
    }
    return Records("vt_bericht", vt.day, cols)


def politie_records(sim: Simulation) -> Records:
    p = sim.politie
    cols = {
        "incident_id": _text(p.ids),
        "datum": _date(p.day),
        "gemeente": _gemeente(sim, p.gm),
        "huisverbod": Column("bool", p.huisverbod.astype(np.int64)),
        "datum_huisverbod": _date(p.hv_day),
        "huisverbod_verlengd": Column("bool", p.hv_verlengd),
        "zorgmelding_vt": Column("bool", p.zorgmelding.astype(np.int64)),
    }
    return Records("politie_incident", p.day, cols)


def lokaal_team_records(sim: Simulation) -> Records:
    t = sim.lokaal_team
    cols = {
        "traject_id": _text(t.ids),
        "gemeente": _gemeente(sim, t.gm),
        "datum_aanmelding": _date(t.aanmelding),
        "datum_start": _date(t.start),
        "datum_einde": _date(t.einde),
        "verwijzer": Column("code", t.verwijzer),
        "contactpersoon": _text(t.contactpersoon),
        "sos_intake": Column("int", t.sos_intake),
        "sos_afsluiting": Column("int", t.sos_afsluiting),
        "reden_afsluiting": Column("code", t.reden),
        "uren_inzet": Column("decimal", t.uren),
    }
    return Records("lt_traject", t.aanmelding, cols)


def mda_records(sim: Simulation) -> Records:
    m = sim.mda
    cols = {
        "mda_id": _text(m.ids),
        "gemeente": _gemeente(sim, m.gm),
        "datum_aanmelding": _date(m.aanmelding),
        "datum_start": _date(m.start),
        "datum_einde": _date(m.einde),
        "uitkomst": Column("code", m.uitkomst),
    }
    return Records("mda_casus", m.aanmelding, cols)


def betrokkene_records(b: PartnerBetrokkenen, event_ids: ObjArray) -> Records:
    ident = b.identity
    cols = {
        "bron_id": _text(event_ids[b.rows.event]),
        "volgnummer": Column("int", b.rows.volgnummer),
        "rol": Column("code", np.array(ROLES, dtype=object)[b.rows.role]),
        "bsn": _text(ident.bsn),
        "voornamen": _text(ident.voornamen),
        "tussenvoegsel": _text(ident.tussenvoegsel),
        "achternaam": _text(ident.achternaam),
        "geboortedatum": Column("date", ident.geboortedatum),
        "geslacht": Column("code", ident.geslacht),
        "postcode": _text(ident.postcode),
        "huisnummer": _text(ident.huisnummer),
        "huisnummer_toevoeging": _text(ident.toevoeging),
    }
    return Records("betrokkene", b.event_day, cols)


def vrouwenopvang_records(sim: Simulation) -> Records:
    t = sim.vrouwenopvang
    assert t is not None
    cols = {
        "traject_id": _text(t.ids),
        "gemeente": _gemeente(sim, t.gm),
        "datum_aanmelding": _date(t.aanmelding),
        "soort_hulp": Column("code", np.where(t.ambulant, "AMBULANT", "OPVANG").astype(object)),
        "opvangvorm": Column("code", t.opvangvorm),
        "datum_opname": _date(t.opname),
        "datum_vertrek": _date(t.vertrek),
        "reden_vertrek": Column("code", t.reden),
        "bestemming_vertrek": Column("code", t.bestemming),
        "datum_start_ambulant": _date(t.start_ambulant),
        "datum_einde_ambulant": _date(t.einde_ambulant),
        "aantal_kinderen": Column("int", t.kinderen),
    }
    return Records("vo_traject", t.aanmelding, cols)


def keten_records(sim: Simulation, partner: str) -> list[Records]:
    """Raad voor de Kinderbescherming, jeugdbescherming or reclassering, with betrokkenen."""
    from ketenmonitor.simulate.jeugd_justitie import FIELDS

    k = sim.keten[partner]
    id_field, end_field = FIELDS[partner]
    cols = {id_field: _text(k.ids), "gemeente": _gemeente(sim, k.gm),
            **{name: Column("code", values) for name, values in k.codes.items()},
            "datum_start": _date(k.start), end_field: _date(k.einde)}
    assert k.betrokkenen is not None
    return [Records(k.record_type, k.start, cols), betrokkene_records(k.betrokkenen, k.ids)]


def partner_records(sim: Simulation) -> dict[str, list[Records]]:
    shelter = {} if sim.vrouwenopvang is None else {"vrouwenopvang": [
        vrouwenopvang_records(sim),
        betrokkene_records(sim.betrokkenen["vrouwenopvang"], sim.vrouwenopvang.ids)]}
    return {
        "veilig_thuis": [vt_records(sim), betrokkene_records(sim.betrokkenen["veilig_thuis"],
                                                             sim.vt.ids)],
        "politie": [politie_records(sim), betrokkene_records(sim.betrokkenen["politie"],
                                                             sim.politie.ids)],
        "lokaal_team": [lokaal_team_records(sim),
                        betrokkene_records(sim.betrokkenen["lokaal_team"], sim.lokaal_team.ids)],
        "mda": [mda_records(sim), betrokkene_records(sim.betrokkenen["mda"], sim.mda.ids)],
        **shelter,
        **{partner: keten_records(sim, partner) for partner in sim.keten},
    }
